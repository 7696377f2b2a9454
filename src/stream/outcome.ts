// What the end of one connection means for the stream: done, fatal, reconnect, or recycle.
import {
  contentTypeError,
  httpError,
  isRefusal,
  networkError,
  parseErrorBody,
  serverClosedError,
  stallError,
  type RequestContext,
  type StreamError,
} from '../errors'
import { parseRetryAfter } from './backoff'
import type { ResponseHead, TransportOutcome } from './transports/types'

/** The response we read as a stream: 2xx except 204, `text/event-stream`. */
export function isEventStreamHead(head: ResponseHead): boolean {
  return head.status >= 200 && head.status < 300 && head.status !== 204 && /^\s*text\/event-stream\b/i.test(head.contentType)
}

export type Verdict =
  /** The stream is complete: a 204, or the body ended while reconnecting is off. */
  | { type: 'done' }
  /** Retrying cannot help (4xx but 408/425/429, a 2xx that is not a stream): the stream ends with this error. */
  | { type: 'fatal'; error: StreamError }
  /**
   * Worth another connection after a backoff. `refused`: the server said it did not take this POST (408, 425,
   * 429, 503), so sending it again is safe; `retryAfterMs`: the server's `Retry-After`.
   */
  | { type: 'reconnect'; error: StreamError; refused: boolean; retryAfterMs?: number }
  /** xhr dropped a healthy connection to free memory: reconnect at once, not a failure. */
  | { type: 'recycle'; error: StreamError }

export type ConnectionEnd =
  | { outcome: TransportOutcome }
  /** The transport threw: a network failure, or the abort that followed a stall of `stalledForMs`. */
  | { thrown: unknown; stalledForMs?: number }

export interface OutcomeContext {
  request: RequestContext
  /** The last event ID in effect (named in the sentence: where the reconnect continues). */
  lastEventId: string
  /** False when `retry.maxAttempts` is 0: a body that ends is then the end of the stream. */
  reconnects: boolean
}

/** Classifies how one connection ended. Pure: the client's loop acts on the verdict. */
export function classifyOutcome(end: ConnectionEnd, ctx: OutcomeContext): Verdict {
  if ('thrown' in end) {
    const error = end.stalledForMs !== undefined ? stallError(end.stalledForMs) : networkError(end.thrown, ctx.lastEventId)
    return { type: 'reconnect', error, refused: false }
  }
  const { outcome } = end
  if (outcome.type === 'recycle') return { type: 'recycle', error: serverClosedError(ctx.lastEventId) }
  if (outcome.type === 'end') {
    return ctx.reconnects ? { type: 'reconnect', error: serverClosedError(ctx.lastEventId), refused: false } : { type: 'done' }
  }
  const { head, body } = outcome
  // 204 is the server's way to say "do not reconnect" (WHATWG).
  if (head.status === 204) return { type: 'done' }
  const retryAfterMs = parseRetryAfter(head.retryAfter)
  const error =
    head.status >= 200 && head.status < 300
      ? contentTypeError(head.status, head.contentType, ctx.request)
      : httpError(head.status, parseErrorBody(body, head.contentType), ctx.request, retryAfterMs)
  if (!error.retryable) return { type: 'fatal', error }
  const verdict: Verdict = { type: 'reconnect', error, refused: ctx.request.method === 'POST' && isRefusal(head.status) }
  if (retryAfterMs !== undefined) verdict.retryAfterMs = retryAfterMs
  return verdict
}
