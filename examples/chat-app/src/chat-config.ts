// Where the chat API lives and which token it takes. `npm run mock-server` in the library repo listens on
// http://127.0.0.1:8787 and accepts `Bearer demo`; point these at your backend in a real app.
const MOCK_SERVER_URL = 'http://127.0.0.1:8787'
const MOCK_SERVER_TOKEN = 'demo'

/** `?api=http://host:port` for a quick switch, else `VITE_CHAT_API_URL`, else the mock server. */
export function apiBaseUrl(): string {
  const fromQuery = new URLSearchParams(window.location.search).get('api')
  return (fromQuery ?? import.meta.env.VITE_CHAT_API_URL ?? MOCK_SERVER_URL).replace(/\/+$/, '')
}

/**
 * Asked before every connection (reconnects included), so a refreshed token is picked up. A real app returns its
 * access token here; never put it in a URL (the API answers 422 without the Authorization header).
 */
export function accessToken(): string {
  return import.meta.env.VITE_CHAT_TOKEN ?? MOCK_SERVER_TOKEN
}
