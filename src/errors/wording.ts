// Every sentence the library says about a failure: the stream client's errors, the chat engine's, and the short
// titles the error notice shows. One place, so a wording fix is made once.
import type { ErrorDetail, StreamErrorInfo, TokenTransport, TransportName } from '../types'
import { isMissingAuthorization, quoteDetail } from './detail'
import { removeSecrets, removeSecretsDeep } from './secrets'
import { StreamError, describeThrown } from './stream-error'

/** Statuses that end the stream at once: retrying cannot fix a request the server refuses to understand. */
export function isFatalStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return false
  return status >= 400 && status < 500
}

/** Statuses with which the server says it did not take the request, so sending the same POST again is safe. */
export function isRefusal(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status === 503
}

export interface RequestContext {
  url: string
  method: string
  transport: TransportName
  tokenTransport: TokenTransport
}

/**
 * A wait as a person reads it: `250 ms`, `2 s`, `4.5 s`, `40 min`, `3 h`, `12 days`. Sub-second waits keep their
 * unit, so a 50 ms stall never reads as "0 s".
 */
export function formatWait(ms: number): string {
  if (!(ms < 100 * 365 * 86_400_000)) return 'more than 100 years'
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`
  if (ms < 100_000) return `${Math.round(ms / 100) / 10} s`
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min`
  if (ms < 48 * 3_600_000) return `${Math.round(ms / 3_600_000)} h`
  return `${Math.round(ms / 86_400_000).toLocaleString('en-US')} days`
}

/**
 * What an error's message says happened, without what the client does next ("Reconnecting.", "The client
 * retries…"). A stream that gives up or cannot resume says its own next step after it, so a message never says
 * both "retries" and "cannot be resumed".
 */
const CAUSES = new WeakMap<StreamError, string>()

function sentence(info: Omit<StreamErrorInfo, 'message'>, cause: string, next = '', options?: { cause?: unknown }): StreamError {
  const error = new StreamError({ ...info, message: next ? `${cause} ${next}` : cause }, options)
  CAUSES.set(error, cause)
  return error
}

/** The part of `error.message` that says what happened (the whole message for errors not made here). */
export function causeOf(error: StreamError): string {
  return CAUSES.get(error) ?? error.message
}

/** The server's `Retry-After`, and what the client makes of it (capped at `retry.maxDelayMs`). */
export interface RetryAfter {
  /** What the server asked for, ms. */
  askedMs: number
  /** What the client waits, ms. */
  waitMs: number
}

/** The error for a non-2xx answer, with a message that names the likely cause and the fix. */
export function httpError(status: number, detail: ErrorDetail | undefined, ctx: RequestContext, retryAfter?: RetryAfter): StreamError {
  const said = quoteDetail(detail)
  const quoted = said ? ` (${said})` : ''
  const retryable = !isFatalStatus(status)
  const info = { kind: 'http' as const, status, detail: detail ?? null, retryable }
  if (status === 422 && isMissingAuthorization(detail)) {
    return sentence(
      info,
      ctx.transport === 'eventsource' || ctx.tokenTransport === 'url'
        ? `The server answered 422: the Authorization header did not reach it${quoted}. EventSource cannot send headers, so the token in the URL is ignored. Use the fetch or xhr transport with the \`token\` option.`
        : `The server answered 422: the Authorization header did not reach it${quoted}. ${
            ctx.tokenTransport === 'none'
              ? 'No token was given: pass the `token` option.'
              : 'It was sent, so something in between dropped it: check that CORS allows it (Access-Control-Allow-Headers: Authorization) and that no proxy strips it.'
          } EventSource cannot send headers at all; use the fetch or xhr transport.`,
    )
  }
  if (status === 422) return sentence(info, `The server rejected the request as invalid (422)${quoted}. Fix the fields it names.`)
  if (status === 401) {
    return sentence(info, `The server rejected the token (401)${quoted}. Sign in again or refresh the token; pass \`token\` as a function so every reconnect gets a fresh one.`)
  }
  if (status === 403) return sentence(info, `The token is not allowed to read this stream (403)${quoted}. Check the account's access to this session.`)
  if (status === 404) return sentence(info, `Nothing streams at ${ctx.method} ${ctx.url} (404)${quoted}. Check the base URL and the session or message id.`)
  if (status === 429 || status === 503) {
    if (!retryAfter) return sentence(info, `The server is overloaded (${status})${quoted}.`, 'The client retries with backoff.')
    const { askedMs, waitMs } = retryAfter
    return askedMs > waitMs
      ? sentence(
          info,
          `The server is overloaded (${status})${quoted}; it asked to retry in ${formatWait(askedMs)}.`,
          `The client retries in ${formatWait(waitMs)} (retry.maxDelayMs).`,
        )
      : sentence(info, `The server is overloaded (${status})${quoted}; it asked to retry in ${formatWait(askedMs)}.`, 'The client waits as asked.')
  }
  if (status >= 500) {
    return sentence(info, `The server failed (${status})${quoted}.`, 'The client retries with backoff; if it keeps failing, check the server logs.')
  }
  return sentence(info, `The server answered ${status}${quoted} to ${ctx.method} ${ctx.url}.`, retryable ? 'The client retries with backoff.' : '')
}

export function contentTypeError(status: number, contentType: string, ctx: RequestContext): StreamError {
  return sentence(
    { kind: 'protocol', status, detail: null, retryable: false },
    `Expected text/event-stream from ${ctx.method} ${ctx.url} but got ${contentType ? `'${contentType.slice(0, 100)}'` : 'no content type'} (status ${status}). The URL probably points to a page, a JSON endpoint or a proxy's error page instead of the stream.`,
  )
}

export function networkError(cause: unknown, lastEventId: string): StreamError {
  const what = describeThrown(cause).slice(0, 200)
  return sentence(
    { kind: 'network', retryable: true },
    `The connection dropped (${what}).`,
    lastEventId ? `Reconnecting after event id ${lastEventId.slice(0, 100)}.` : 'Reconnecting.',
    { cause },
  )
}

/** No response head within `connectTimeoutMs` of sending the request. */
export function connectTimeoutError(timeoutMs: number, ctx: RequestContext): StreamError {
  return sentence(
    { kind: 'network', retryable: true },
    `No response to ${ctx.method} ${ctx.url} within ${formatWait(timeoutMs)} (connectTimeoutMs): the server or a proxy in between did not answer.`,
    'Reconnecting.',
  )
}

export function serverClosedError(lastEventId: string): StreamError {
  const from = lastEventId ? ` after event id ${lastEventId.slice(0, 100)}` : ''
  return sentence({ kind: 'network', retryable: true }, `The server closed the stream${from} before it was complete.`, 'Reconnecting.')
}

export function stallError(idleMs: number): StreamError {
  return sentence(
    { kind: 'stall', retryable: true },
    `No bytes for ${formatWait(idleMs)}, not even a heartbeat: the connection is stalled.`,
    'Reconnecting.',
  )
}

/** A line or event past `maxEventChars`: the stream stops there; the events before it were delivered. */
export function eventTooLargeError(limit: number, ctx: RequestContext): StreamError {
  return sentence(
    { kind: 'protocol', retryable: false },
    `An event larger than ${formatSize(limit)} arrived from ${ctx.method} ${ctx.url}: a line or an event without an end. The client stopped reading there; the text before it is kept.`,
    'Check what the server sends (or raise `maxEventChars` if events this large are expected).',
  )
}

function formatSize(chars: number): string {
  if (chars >= 1024 * 1024 && chars % (1024 * 1024) === 0) return `${chars / 1024 / 1024} MiB (${chars.toLocaleString('en-US')} characters)`
  if (chars >= 1024 && chars % 1024 === 0) return `${chars / 1024} KiB (${chars.toLocaleString('en-US')} characters)`
  return `${chars.toLocaleString('en-US')} characters`
}

/**
 * A resume endpoint that sends events the client already has instead of continuing after `Last-Event-ID`, and
 * drops again before anything new: the client gives up after `maxAttempts` instead of looping.
 */
export function replayError(last: StreamError, lastEventId: string, attempts: number): StreamError {
  return sentence(
    { kind: 'protocol', status: last.status, detail: last.detail, retryable: false },
    `The server replays instead of resuming: asked to continue after event id ${lastEventId.slice(0, 100)} (Last-Event-ID), it sent events the client already had and nothing new, ${attempts} ${attempts === 1 ? 'time' : 'times'} in a row. The replayed events were skipped; the text so far is kept.`,
    'Fix the resume endpoint to continue after Last-Event-ID.',
    { cause: last },
  )
}

/**
 * A POST stream broke and there is nowhere to resume it. `retryable` stays what the failure was: the store's
 * retry can still ask again (it sends the question anew when it has no server message id).
 */
export function cannotResumeError(reason: StreamError | undefined): StreamError {
  return sentence(
    { kind: reason?.kind ?? 'network', status: reason?.status, detail: reason?.detail, retryable: reason?.retryable ?? true },
    `${reason ? `${causeOf(reason)} ` : ''}The stream cannot be resumed: a POST stream is resumed with GET on \`resumeUrl\`, and none is known (the prompt is never sent twice).`,
    '',
    { cause: reason },
  )
}

/**
 * The client stopped reconnecting. `retryable` stays what the last failure was: a dropped connection may work
 * when retried later (the store's `retry()`, a Retry button), a 4xx will not.
 */
export function gaveUpError(last: StreamError, attempts: number, reconnectOff = false): StreamError {
  const tail = reconnectOff
    ? 'Reconnecting is off (retry.maxAttempts = 0).'
    : `Gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} in a row; check the network or the server, then retry.`
  return sentence({ kind: last.kind, status: last.status, detail: last.detail, retryable: last.retryable }, causeOf(last), tail, { cause: last })
}

export function tokenError(cause: unknown): StreamError {
  const what = describeThrown(cause).slice(0, 200)
  return sentence({ kind: 'http', retryable: false }, `Getting the token failed (${what}); nothing was sent.`, 'Sign in again and retry.', { cause })
}

/** An answer whose stream ended without `done` or `error` (reconnecting was off or gave up quietly). */
export function answerEndedEarly(): StreamErrorInfo {
  return {
    kind: 'network',
    message: 'The stream ended before the answer was complete. Retry to continue where it stopped.',
    retryable: true,
  }
}

/** A change to a message that could not be applied (the engine's last line of defence): its text so far is kept. */
export function patchFailed(why: string): StreamErrorInfo {
  return {
    kind: 'protocol',
    message: `An update to this message could not be applied (${why.slice(0, 200)}); its text so far is kept. Retry to continue.`,
    retryable: true,
  }
}

/** The server's own `event: error {message}`: it ends the answer; `data` is kept when it has no message. */
export function serverReportedError(text: unknown, data: string): StreamErrorInfo {
  return {
    kind: 'protocol',
    message:
      typeof text === 'string' && text
        ? `The server reported an error: ${text}`
        : 'The server reported an error without a message.',
    detail: text === undefined ? data : (text as ErrorDetail),
    retryable: false,
  }
}

/** A short heading for an error: `HTTP 422`, `Network error`, … */
export function errorTitle(error: StreamErrorInfo): string {
  switch (error.kind) {
    case 'http':
      return error.status ? `HTTP ${error.status}` : 'Server error'
    case 'network':
      return 'Network error'
    case 'stall':
      return 'The stream stalled'
    case 'protocol':
      return 'Unexpected response'
    case 'aborted':
      return 'Stopped'
    default:
      return 'Error'
  }
}

/** `error` without any of `secrets` in its message, cause sentence or detail (the same error when none occurs). */
export function withoutSecrets(error: StreamError, secrets: readonly string[]): StreamError {
  if (secrets.length === 0) return error
  const message = removeSecrets(error.message, secrets)
  const detail = removeSecretsDeep(error.detail, secrets)
  if (message === error.message && detail === error.detail) return error
  const clean = new StreamError({ kind: error.kind, status: error.status, detail, message, retryable: error.retryable }, { cause: error.cause })
  CAUSES.set(clean, removeSecrets(causeOf(error), secrets))
  return clean
}
