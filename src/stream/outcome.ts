// What the end of one connection means for the stream: done, fatal, reconnect, or recycle.
import {
  connectTimeoutError,
  contentTypeError,
  eventTooLargeError,
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
  /**
   * Retrying cannot help (4xx but 408/425/429, a 2xx that is not a stream, an event over the size limit): the
   * stream ends with this error.
   */
  | { type: 'fatal'; error: StreamError }
  /**
   * Worth another connection after a backoff. `refused`: the server said it did not take this POST (408, 425,
   * 429, 503), so sending it again is safe; `retryAfterMs`: what the client waits for the server's `Retry-After`
   * (capped at `retry.maxDelayMs`); `reason`: the retry lifecycle event's reason.
   */
  | { type: 'reconnect'; error: StreamError; refused: boolean; reason: string; retryAfterMs?: number }
  /** xhr dropped a healthy connection to free memory: reconnect at once, not a failure. */
  | { type: 'recycle'; error: StreamError }

export type ConnectionEnd =
  | { outcome: TransportOutcome }
  /**
   * The transport threw: a network failure, or the abort that followed a stall of `stalledForMs`, a connect
   * timeout of `connectTimedOutMs`, or a line or event over `tooLarge` characters.
   */
  | { thrown: unknown; stalledForMs?: number; connectTimedOutMs?: number; tooLarge?: number }

export interface OutcomeContext {
  request: RequestContext
  /** The last event ID in effect (named in the sentence: where the reconnect continues). */
  lastEventId: string
  /** False when `retry.maxAttempts` is 0: a body that ends is then the end of the stream. */
  reconnects: boolean
  /** `retry.maxDelayMs`: the longest the client waits, whatever `Retry-After` asks. */
  maxDelayMs: number
}

/** Classifies how one connection ended. Pure: the client's loop acts on the verdict. */
export function classifyOutcome(end: ConnectionEnd, ctx: OutcomeContext): Verdict {
  if ('thrown' in end) {
    if (end.tooLarge !== undefined) return { type: 'fatal', error: eventTooLargeError(end.tooLarge, ctx.request) }
    if (end.connectTimedOutMs !== undefined) {
      return { type: 'reconnect', error: connectTimeoutError(end.connectTimedOutMs, ctx.request), refused: false, reason: 'timeout' }
    }
    if (end.stalledForMs !== undefined) return { type: 'reconnect', error: stallError(end.stalledForMs), refused: false, reason: 'stall' }
    return { type: 'reconnect', error: networkError(end.thrown, ctx.lastEventId), refused: false, reason: 'network' }
  }
  const { outcome } = end
  if (outcome.type === 'recycle') return { type: 'recycle', error: serverClosedError(ctx.lastEventId) }
  if (outcome.type === 'end') {
    return ctx.reconnects
      ? { type: 'reconnect', error: serverClosedError(ctx.lastEventId), refused: false, reason: 'network' }
      : { type: 'done' }
  }
  const { head, body } = outcome
  // 204 is the server's way to say "do not reconnect" (WHATWG).
  if (head.status === 204) return { type: 'done' }
  const askedMs = parseRetryAfter(head.retryAfter)
  const retryAfter = askedMs === undefined ? undefined : { askedMs, waitMs: Math.min(askedMs, ctx.maxDelayMs) }
  const error =
    head.status >= 200 && head.status < 300
      ? contentTypeError(head.status, head.contentType, ctx.request)
      : httpError(head.status, parseErrorBody(body, head.contentType), ctx.request, retryAfter)
  if (!error.retryable) return { type: 'fatal', error }
  const verdict: Verdict = {
    type: 'reconnect',
    error,
    refused: ctx.request.method === 'POST' && isRefusal(head.status),
    reason: `http ${head.status}`,
  }
  if (retryAfter) verdict.retryAfterMs = retryAfter.waitMs
  return verdict
}
