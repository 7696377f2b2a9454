// Every sentence the library says about a failure: the stream client's errors, the chat engine's, and the short
// titles the error notice shows. One place, so a wording fix is made once.
import type { ErrorDetail, StreamErrorInfo, TokenTransport, TransportName } from '../types'
import { isMissingAuthorization, quoteDetail } from './detail'
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

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** The error for a non-2xx answer, with a message that names the likely cause and the fix. */
export function httpError(status: number, detail: ErrorDetail | undefined, ctx: RequestContext, retryAfterMs?: number): StreamError {
  const said = quoteDetail(detail)
  const quoted = said ? ` (${said})` : ''
  const retryable = !isFatalStatus(status)
  let message: string
  if (status === 422 && isMissingAuthorization(detail)) {
    message =
      ctx.transport === 'eventsource' || ctx.tokenTransport === 'url'
        ? `The server answered 422: the Authorization header did not reach it${quoted}. EventSource cannot send headers, so the token in the URL is ignored. Use the fetch or xhr transport with the \`token\` option.`
        : `The server answered 422: the Authorization header did not reach it${quoted}. ${
            ctx.tokenTransport === 'none'
              ? 'No token was given: pass the `token` option.'
              : 'It was sent, so something in between dropped it: check that CORS allows it (Access-Control-Allow-Headers: Authorization) and that no proxy strips it.'
          } EventSource cannot send headers at all; use the fetch or xhr transport.`
  } else if (status === 422) {
    message = `The server rejected the request as invalid (422)${quoted}. Fix the fields it names.`
  } else if (status === 401) {
    message = `The server rejected the token (401)${quoted}. Sign in again or refresh the token; pass \`token\` as a function so every reconnect gets a fresh one.`
  } else if (status === 403) {
    message = `The token is not allowed to read this stream (403)${quoted}. Check the account's access to this session.`
  } else if (status === 404) {
    message = `Nothing streams at ${ctx.method} ${ctx.url} (404)${quoted}. Check the base URL and the session or message id.`
  } else if (status === 429 || status === 503) {
    const wait = retryAfterMs !== undefined ? `; it asked to retry in ${seconds(retryAfterMs)}` : ''
    message = `The server is overloaded (${status})${quoted}${wait}. The client retries with backoff.`
  } else if (status >= 500) {
    message = `The server failed (${status})${quoted}. The client retries with backoff; if it keeps failing, check the server logs.`
  } else {
    message = `The server answered ${status}${quoted} to ${ctx.method} ${ctx.url}.${retryable ? ' The client retries with backoff.' : ''}`
  }
  return new StreamError({ kind: 'http', status, detail: detail ?? null, message, retryable })
}

export function contentTypeError(status: number, contentType: string, ctx: RequestContext): StreamError {
  return new StreamError({
    kind: 'protocol',
    status,
    detail: null,
    message: `Expected text/event-stream from ${ctx.method} ${ctx.url} but got ${contentType ? `'${contentType}'` : 'no content type'} (status ${status}). The URL probably points to a page, a JSON endpoint or a proxy's error page instead of the stream.`,
    retryable: false,
  })
}

export function networkError(cause: unknown, lastEventId: string): StreamError {
  const what = describeThrown(cause)
  const from = lastEventId ? ` Reconnecting after event id ${lastEventId}.` : ' Reconnecting.'
  return new StreamError({ kind: 'network', message: `The connection dropped (${what}).${from}`, retryable: true }, { cause })
}

export function serverClosedError(lastEventId: string): StreamError {
  const from = lastEventId ? ` after event id ${lastEventId}` : ''
  return new StreamError({
    kind: 'network',
    message: `The server closed the stream${from} before it was complete. Reconnecting.`,
    retryable: true,
  })
}

export function stallError(idleMs: number): StreamError {
  return new StreamError({
    kind: 'stall',
    message: `No bytes for ${seconds(idleMs)}, not even a heartbeat: the connection is stalled. Reconnecting.`,
    retryable: true,
  })
}

export function cannotResumeError(reason: StreamError | undefined): StreamError {
  return new StreamError(
    {
      kind: reason?.kind ?? 'network',
      status: reason?.status,
      detail: reason?.detail,
      message: `${reason ? `${reason.message.replace(/ Reconnecting[^.]*\.$/, '')} ` : ''}The stream cannot be resumed: a POST stream is resumed with GET on \`resumeUrl\`, and none is known (the prompt is never sent twice).`,
      retryable: false,
    },
    { cause: reason },
  )
}

export function gaveUpError(last: StreamError, attempts: number, reconnectOff = false): StreamError {
  const message = last.message.replace(/ (The client retries with backoff|Reconnecting)[^.]*\./, '')
  const tail = reconnectOff
    ? ' Reconnecting is off (retry.maxAttempts = 0).'
    : ` Gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} in a row; check the network or the server, then retry.`
  return new StreamError(
    { kind: last.kind, status: last.status, detail: last.detail, message: `${message}${tail}`, retryable: false },
    { cause: last },
  )
}

export function tokenError(cause: unknown): StreamError {
  const what = describeThrown(cause)
  return new StreamError(
    { kind: 'http', message: `Getting the token failed (${what}); nothing was sent. Sign in again and retry.`, retryable: false },
    { cause },
  )
}

/** An answer whose stream ended without `done` or `error` (reconnecting was off or gave up quietly). */
export function answerEndedEarly(): StreamErrorInfo {
  return {
    kind: 'network',
    message: 'The stream ended before the answer was complete. Retry to continue where it stopped.',
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
