/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the chat API, e.g. `http://127.0.0.1:8787` (the `?api=` query parameter wins). */
  readonly VITE_CHAT_API_URL?: string
  /** Bearer token for the API; a real app asks its auth layer instead. */
  readonly VITE_CHAT_TOKEN?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
