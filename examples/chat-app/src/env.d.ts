/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the chat API, e.g. `http://127.0.0.1:8787` (the `?api=` query parameter wins). */
  readonly VITE_CHAT_API_URL?: string
  /** Bearer token for the API; a real app asks its auth layer instead. */
  readonly VITE_CHAT_TOKEN?: string
  /** The chat's language, e.g. `de` (the `?lang=` query parameter wins; else the browser's language). */
  readonly VITE_CHAT_LOCALE?: string
  /** `off` builds the app without its support tools (debug panel, "Report a problem"): no debug chunk at all. */
  readonly VITE_SUPPORT_TOOLS?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
