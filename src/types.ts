/** Who wrote a message. */
export type MessageRole = 'user' | 'assistant' | 'system' | 'tool'

/**
 * Lifecycle of a message.
 * - `pending`: created, nothing received yet (typing indicator)
 * - `streaming`: deltas are arriving
 * - `done`: the server said `done`
 * - `stopped`: the reader stopped it; partial text is kept
 * - `error`: a fatal stream error; partial text is kept and `error` says why
 */
export type MessageStatus = 'pending' | 'streaming' | 'done' | 'stopped' | 'error'

/** How the bytes travel: `fetch` streams the body, `xhr` reads progress events, `eventsource` is the legacy path. */
export type TransportName = 'fetch' | 'xhr' | 'eventsource'

/** How the token reached the server: an `Authorization` header, the query string (legacy EventSource), or not at all. */
export type TokenTransport = 'header' | 'url' | 'none'

/** What went wrong with a stream, as a value. */
export type StreamErrorKind = 'http' | 'network' | 'stall' | 'protocol' | 'aborted'

/** One FastAPI validation item, e.g. `{ loc: ['header', 'authorization'], msg: 'Field required' }`. */
export interface ValidationIssue {
  type?: string
  loc: (string | number)[]
  msg: string
  input?: unknown
}

/** The server's explanation: FastAPI's `detail` (a string or a list of validation issues), or raw text. */
export type ErrorDetail = string | ValidationIssue[] | Record<string, unknown> | null

/** A stream error a person can act on; plain data so it can be stored, serialized and rendered. */
export interface StreamErrorInfo {
  kind: StreamErrorKind
  /** HTTP status when the server answered (`http`), otherwise undefined. */
  status?: number
  /** The server's `detail`, kept as sent (FastAPI's 422 `loc`/`msg` included). */
  detail?: ErrorDetail
  /** A sentence saying what happened and what to do. */
  message: string
  /** Whether the client would retry this on its own. */
  retryable: boolean
}

/** A chat message: an immutable snapshot. A change produces a new object. */
export interface ChatMessage {
  readonly id: string
  readonly role: MessageRole
  readonly content: string
  readonly status: MessageStatus
  readonly error?: StreamErrorInfo
  /** Epoch milliseconds. */
  readonly createdAt: number
}

export interface ChatSession {
  readonly id: string
  readonly title: string
  readonly messages: readonly ChatMessage[]
}
