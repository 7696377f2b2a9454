/** The checks, in the order they are reported. */
export type CheckId = 'auth-header' | 'token-in-query' | 'cors' | 'no-buffering' | 'heartbeats' | 'resume' | 'errors' | 'framing'

/** `warn` never fails a run: the exit code is 1 only when a check fails. */
export type CheckStatus = 'pass' | 'warn' | 'fail'

/** One check's verdict, in plain words. */
export interface CheckResult {
  id: CheckId
  title: string
  status: CheckStatus
  /** What the doctor saw: statuses, headers, timings. */
  observed: string
  /** What to change (for `warn`/`fail`), or why a pass matters; may be empty. */
  advice: string
}

/** What the checks need of `fetch`: the global one in Node 20.19+ and browsers, or any compatible function. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface DoctorOptions {
  /** The streaming endpoint: `POST /api/sessions/:sessionId/messages` of the contract. Absolute in Node. */
  url: string
  /** Sent as `Authorization: Bearer <token>`; never printed (redacted from every result). */
  token?: string
  /**
   * Node: the app's origin, e.g. `https://app.example`; the doctor sends the browser's CORS preflights from it
   * and checks the answers. Without it the app is taken to share the API's origin. Ignored in the browser,
   * which sends its own origin and enforces CORS itself.
   * @default undefined
   */
  origin?: string
  /**
   * Where a dropped stream resumes (`GET` + `Last-Event-ID`); `{messageId}` is replaced by the `start` event's
   * message id. @default `${url}/{messageId}/stream`
   */
  resumeUrl?: string
  /** The question the doctor asks; one answer is generated per run. @default DEFAULT_PROMPT */
  prompt?: string
  /** The JSON body of the POST; replaces `{ content: prompt }` when the endpoint wants more fields. @default undefined */
  body?: Record<string, unknown>
  /** Extra headers on every request (a tenant header, an API gateway key). @default {} */
  headers?: Record<string, string>
  /**
   * `node`: the doctor sends `Origin` and the preflights itself. `browser`: the browser does both, so the CORS
   * check reports what the page could read.
   * @default 'node'
   */
  runtime?: 'node' | 'browser'
  /** The app's `stallTimeoutMs`: a silence this long makes the client reconnect. @default DEFAULT_STALL_TIMEOUT_MS (30000) */
  stallTimeoutMs?: number
  /** Answers shorter than this are too short to tell streaming from buffering (warn). @default 1000 */
  minDurationMs?: number
  /** Longest wait for one stream to end. @default 120000 */
  timeoutMs?: number
  /** Longest `Retry-After` the doctor waits before posting again after a 503/429. @default 10000 */
  maxRetryAfterMs?: number
  /** The query parameter the legacy EventSource client put the token in. @default 'token' */
  tokenQueryParam?: string
  /** @default globalThis.fetch */
  fetch?: FetchLike
  /**
   * How the connection's HTTP version is learnt (`'h2'`, `'http/1.1'`, undefined when unknown): the CLI asks
   * TLS (ALPN), the panel reads Resource Timing. @default undefined (not checked)
   */
  httpVersion?: (url: string) => Promise<string | undefined> | string | undefined
  /** Aborting stops every request; the run ends with what it has. */
  signal?: AbortSignal
  /** Called as each check finishes (in the order they finish). */
  onCheck?: (result: CheckResult) => void
}

/** A whole run: what `--json` prints. */
export interface DoctorReport {
  tool: 'vue-chat-stream doctor'
  url: string
  runtime: 'node' | 'browser'
  /** The app's origin the CORS check used (`--origin`, or the page's in the browser); null: same as the API. */
  origin: string | null
  resumeUrl: string
  stallTimeoutMs: number
  startedAt: string
  durationMs: number
  /** The worst status of all checks. */
  status: CheckStatus
  counts: Record<CheckStatus, number>
  checks: CheckResult[]
}
