import type { StreamError } from '../errors'
import type { NetworkStatus } from './network'
import type { StreamErrorInfo, TokenTransport, TransportName } from '../types'

export type { TokenTransport, TransportName } from '../types'
export type { NetworkStatus } from './network'

/** `auto` picks `fetch` when response bodies stream, `xhr` otherwise. `eventsource` is never picked automatically. */
export type TransportOption = 'auto' | TransportName

/** Where the stream is in its life. */
export type StreamState = 'connecting' | 'open' | 'retrying' | 'closed' | 'error'

/** One dispatched server-sent event. */
export interface StreamEvent {
  /** The `event:` field; `'message'` when the server sent none. */
  event: string
  data: string
  /** The last event ID in effect (like `MessageEvent.lastEventId`): it persists until the server sets another. */
  id: string
}

/** A token, or a function called before every connection so a reconnect gets a fresh token. */
export type TokenSource = string | (() => string | Promise<string>)

export interface RetryOptions {
  /**
   * Reconnect attempts in a row without progress before giving up. `0` never reconnects: iteration ends when
   * the server closes. Progress resets the count: the last event ID moved forward (a numeric id above every id
   * seen, an opaque id other than the one the connection started with) or, on a stream without ids, an event
   * arrived. Replayed events are not progress, so a resume endpoint that repeats itself gives up.
   * @default 5
   */
  maxAttempts?: number
  /** First backoff ceiling; doubles per attempt (full jitter: the wait is uniform in [0, ceiling]). @default 500 */
  baseDelayMs?: number
  /**
   * Largest wait before a reconnect, also for a server's `Retry-After` (seconds or an HTTP date) and `retry:`
   * field: a server asking for an hour gets a retry after this long. At most 2^31 - 1 ms.
   * @default 15000
   */
  maxDelayMs?: number
}

/** What a `resumeUrl` function gets to build the URL of the resume `GET`. */
export interface ResumeContext {
  /** The URL the stream was opened with. */
  url: string
  /** The last event ID in effect ('' when the server never sent one). */
  lastEventId: string
  /** The reconnect attempt about to be made (1 for the first reconnect). */
  attempt: number
  /** Events dispatched so far over all connections. */
  eventsSeen: number
  /** The first event of the stream, e.g. `event: start` carrying the message id. */
  firstEvent: StreamEvent | undefined
  /** The latest event. */
  lastEvent: StreamEvent | undefined
}

export interface OpenEventStreamOptions {
  /** @default 'POST' when `body` is given, else 'GET' */
  method?: 'GET' | 'POST'
  /** Extra request headers (not sent by the `eventsource` transport, which cannot send headers). */
  headers?: Record<string, string>
  /** Sent as `Authorization: Bearer <token>`. A function is called before every connection. */
  token?: TokenSource
  /**
   * Request body of the first request. A plain object is sent as JSON. Never sent again on a reconnect — unless
   * the POST carries an `idempotencyKey` and got no response (below).
   */
  body?: string | Record<string, unknown> | FormData | URLSearchParams | Blob
  /**
   * Sent as `Idempotency-Key` on the POST (an `Idempotency-Key` in `headers` counts too). It tells the server that
   * a repeat of this POST with the same key must continue the same answer, never start a second one; so the client
   * may send the POST again when it got no response, or when the stream dropped before a resume URL was known.
   * Without it such a stream fails instead: the prompt is never sent twice. @default undefined
   */
  idempotencyKey?: string
  /** @default 'auto' */
  transport?: TransportOption
  /** Sent as `Last-Event-ID` on the first request (resume a stream seen earlier). @default '' */
  lastEventId?: string
  /**
   * Where a dropped stream is resumed with `GET` + `Last-Event-ID`. A string, or a function of what the stream
   * has seen (the message id is often only known from the first event). Returning `undefined` means "cannot
   * resume". Without it, a `GET` stream reconnects to `url` and a `POST` stream cannot be resumed: the prompt is
   * never sent twice.
   */
  resumeUrl?: string | ((ctx: ResumeContext) => string | undefined)
  retry?: RetryOptions
  /**
   * After the response head: no bytes (heartbeats included) for this long counts as a stall and reconnects.
   * `0` disables it.
   * @default 30000
   */
  stallTimeoutMs?: number
  /**
   * No response head for this long after a request was sent fails that connection (`network`, reconnects like a
   * drop; a POST that got no answer is resumed, never sent again). `0` disables it.
   * @default 30000
   */
  connectTimeoutMs?: number
  /**
   * The longest line, and the longest data of one event, in characters (UTF-16 code units: one per byte of
   * ASCII). A server that sends more without a line or event end makes the stream fail with a `protocol` error
   * ("An event larger than 8 MiB …"); the events before it are delivered. Memory stays bounded whatever the
   * server sends.
   * @default 8388608 (8 Mi)
   */
  maxEventChars?: number
  /**
   * Numeric event ids only go forward: an event whose own numeric `id:` is not above the highest id seen (from
   * `lastEventId` on) is a replay — skipped, with the id-less events that follow it, and the last event ID does
   * not move back. So a resume endpoint that repeats events never yields them twice. Opaque (non-numeric) ids
   * cannot be ordered and are always delivered. `false` for a server whose numeric ids are not increasing.
   * @default true
   */
  skipReplays?: boolean
  /** Aborting ends the iteration cleanly, like `close()`. */
  signal?: AbortSignal
  /** Event types after which the stream is complete: it is closed once they are dispatched. @default [] */
  endOn?: readonly string[]
  /**
   * Receive events through this synchronous callback instead of the async iterator (which then yields nothing
   * and only reports the end or the error). For hot paths: it saves the microtask every `for await` step costs.
   */
  onEvent?: (event: StreamEvent) => void
  /** `credentials` of fetch / `withCredentials` of xhr and EventSource. @default 'same-origin' */
  credentials?: RequestCredentials
  /**
   * xhr only: `responseText` keeps every byte of the response, so after this many characters the client
   * reconnects with `Last-Event-ID` (when the stream has ids and can be resumed). `0` disables it.
   * @default 4194304 (4 Mi characters)
   */
  xhrRecycleChars?: number
  /** eventsource only: the event types to listen for (EventSource cannot listen to "every type"). @default ['message', 'start', 'delta', 'done', 'error'] */
  eventTypes?: readonly string[]
  /** eventsource only: the query parameter the legacy client put the token in. @default 'token' */
  tokenQueryParam?: string
  /** For tests: the random source of the backoff jitter, in [0, 1). @default Math.random */
  random?: () => number
  /** For tests: the fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch
  /** For tests: whether the browser is online, and waiting for it (`navigator.onLine` and the `online` event). */
  network?: NetworkStatus
}

interface LifecycleBase {
  /** `performance.now()` when it happened. */
  at: number
}

/**
 * What a stream reports to `subscribe` listeners. `connecting.url` is what the connection requests, once its token
 * is known (the legacy transport's URL with `?token=[redacted]`). `retry.reason`: `http <status>`, `network`,
 * `stall`, `timeout` (no response head in time), `replay` (the connection brought only events already seen) or
 * `recycle` (xhr).
 */
export type StreamLifecycleEvent =
  | (LifecycleBase & { type: 'connecting'; attempt: number; url: string; method: string; transport: TransportName })
  | (LifecycleBase & {
      type: 'open'
      status: number
      contentType: string
      transport: TransportName
      tokenTransport: TokenTransport
      url: string
    })
  | (LifecycleBase & { type: 'chunk'; bytes: number; totalBytes: number })
  | (LifecycleBase & { type: 'message'; event: StreamEvent })
  | (LifecycleBase & { type: 'retry'; attempt: number; delayMs: number; reason: string; error?: StreamErrorInfo })
  /** The browser is offline: the client waits for the `online` event before it connects (no attempt is spent). */
  | (LifecycleBase & { type: 'offline' })
  | (LifecycleBase & { type: 'stall'; idleMs: number })
  | (LifecycleBase & { type: 'error'; error: StreamError })
  | (LifecycleBase & { type: 'close'; reason: 'done' | 'closed' | 'error' })

export type StreamLifecycleListener = (event: StreamLifecycleEvent) => void

/** O(1) counters, always kept; derived rates are computed when read. Times are `performance.now()` ms. */
export interface StreamMetrics {
  state: StreamState
  transport: TransportName
  tokenTransport: TokenTransport
  /** Status of the latest response (`undefined` before one arrived). */
  status: number | undefined
  contentType: string | undefined
  startedAt: number
  /** First response head, relative to `startedAt`. */
  ttfbMs: number | undefined
  timeToFirstEventMs: number | undefined
  bytes: number
  chunks: number
  events: number
  bytesPerSecond: number
  eventsPerSecond: number
  /** Longest time between two chunks of one connection. */
  largestGapMs: number
  /** Reconnects made (recycles of the xhr transport included). */
  retries: number
  lastEventId: string
  error: StreamErrorInfo | undefined
}

/** What `openEventStream` returns: iterate it for events; `close()` ends it. */
export interface EventStream extends AsyncIterable<StreamEvent> {
  close(): void
  /**
   * Listens to lifecycle events; returns the function that stops listening. With `types`, only those are
   * delivered — and a listener that skips `chunk` and `message` costs the hot path nothing. Events never contain a
   * token the stream sent (the legacy transport's `?token=` shows as `[redacted]`, a server that echoes a token is
   * redacted too).
   */
  subscribe(listener: StreamLifecycleListener, types?: readonly StreamLifecycleEvent['type'][]): () => void
  metrics(): StreamMetrics
  /**
   * `value` (text, or plain data such as an error from the server's own event) with every token this stream sent
   * replaced by `[redacted]`; the same value when none occurs.
   */
  redact<T>(value: T): T
}
