import type { StreamEvent } from '../types'

export interface TransportRequest {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  body: BodyInit | null
  credentials: RequestCredentials
  signal: AbortSignal
  /** eventsource: the token goes into the query string under this name (the legacy client's way). */
  token?: string
  tokenQueryParam?: string
  lastEventId?: string
  eventTypes?: readonly string[]
  /** xhr: reconnect after this many characters of `responseText` (0 = never). */
  recycleChars?: number
  fetch?: typeof fetch
}

export interface ResponseHead {
  status: number
  contentType: string
  retryAfter: string | null
}

export interface TransportSink {
  /** The response head arrived. `false`: not a stream we read; the transport returns the body as text. */
  head(head: ResponseHead): boolean
  /** Raw bytes received (heartbeats included): feeds metrics and the stall timer. */
  bytes(count: number): void
  /** Decoded text for the parser. */
  text(text: string): void
  /** Already-parsed events (the eventsource transport, whose browser parser we cannot bypass). */
  event(event: StreamEvent): void
  /** xhr: may we drop this connection and resume with Last-Event-ID? */
  canRecycle(): boolean
}

export type TransportOutcome =
  /** The body ended (the server closed the stream). */
  | { type: 'end' }
  /** `head()` refused the response; its body as text. */
  | { type: 'refused'; head: ResponseHead; body: string }
  /** xhr dropped the connection to free `responseText`; resume at once. */
  | { type: 'recycle' }

/** Resolves with an outcome; rejects on network failure or abort. */
export type Transport = (request: TransportRequest, sink: TransportSink) => Promise<TransportOutcome>

export const MAX_ERROR_BODY_CHARS = 64 * 1024
