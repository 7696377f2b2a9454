import type { ServiceNoticeConfig } from 'vue-chat-stream'

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

/**
 * The chat's language: `?lang=de` for a quick switch, else `VITE_CHAT_LOCALE`, else the browser's language. The
 * components speak English and German (a regional tag like `de-AT` is German; anything else is English).
 */
export function chatLocale(): string {
  return new URLSearchParams(window.location.search).get('lang') ?? import.meta.env.VITE_CHAT_LOCALE ?? navigator.language ?? 'en'
}

/**
 * Temporary problems to tell the people using the chat about (docs/i18n.md, "Service notices"). A real app gets
 * these from its status page or remote config; `?notice=degraded` (or `outage`, `maintenance`) shows one here.
 */
export function serviceNotices(): ServiceNoticeConfig[] {
  const key = new URLSearchParams(window.location.search).get('notice')
  if (key !== 'degraded' && key !== 'outage' && key !== 'maintenance') return []
  return [{ id: `example-${key}`, severity: key === 'outage' ? 'error' : key === 'maintenance' ? 'info' : 'warning', message: key, dismissible: true }]
}
