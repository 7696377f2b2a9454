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

/**
 * How the stream of an answer is doing while it is read (`ChatMessage.connection`):
 * - `connected`: a connection is open
 * - `reconnecting`: it dropped, or the server asked to wait (429/503); the next try is at `retryAt`
 * - `offline`: the browser is offline; the client waits for the network before it tries again
 * - `gave-up`: the client stopped trying while reconnecting (the message has status `error`)
 */
export type MessageConnection =
  | { readonly state: 'connected' }
  | {
      readonly state: 'reconnecting'
      /** Reconnect attempt about to be made (1 for the first, reset by any new event). */
      readonly attempt: number
      /** When the next try starts: epoch ms of `Date.now()` (what a countdown compares with). */
      readonly retryAt: number
      /** The wait before that try, ms. */
      readonly delayMs: number
      /** Why the last connection ended: `network`, `stall`, or `http` with `status` (e.g. 503). */
      readonly reason: StreamErrorKind
      readonly status?: number
    }
  | { readonly state: 'offline' }
  | {
      readonly state: 'gave-up'
      /** Failed attempts in a row when it stopped. */
      readonly attempts: number
    }

/** A chat message: an immutable snapshot. A change produces a new object. */
export interface ChatMessage {
  readonly id: string
  readonly role: MessageRole
  readonly content: string
  readonly status: MessageStatus
  readonly error?: StreamErrorInfo
  /**
   * The answer's connection while it streams (`connected`, `reconnecting`, `offline`), or `gave-up` next to the
   * final error. Absent when nothing streams: before the first connection opens and after done or stop.
   */
  readonly connection?: MessageConnection
  /** Epoch milliseconds. */
  readonly createdAt: number
}

export interface ChatSession {
  readonly id: string
  readonly title: string
  readonly messages: readonly ChatMessage[]
}
