import type { ErrorDetail, StreamErrorInfo, StreamErrorKind, ValidationIssue } from '../types'
import type { TokenTransport, TransportName } from './types'

/** A stream failure as a value: kind, HTTP status, the server's detail, and a sentence a person can act on. */
export class StreamError extends Error implements StreamErrorInfo {
  override readonly name = 'StreamError'
  readonly kind: StreamErrorKind
  readonly status: number | undefined
  readonly detail: ErrorDetail | undefined
  readonly retryable: boolean

  constructor(info: StreamErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options)
    this.kind = info.kind
    this.status = info.status
    this.detail = info.detail
    this.retryable = info.retryable
  }

  toJSON(): StreamErrorInfo {
    const info: StreamErrorInfo = { kind: this.kind, message: this.message, retryable: this.retryable }
    if (this.status !== undefined) info.status = this.status
    if (this.detail !== undefined) info.detail = this.detail
    return info
  }
}

export function isStreamError(value: unknown): value is StreamError {
  return value instanceof StreamError
}

/** Statuses that end the stream at once: retrying cannot fix a request the server refuses to understand. */
export function isFatalStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return false
  return status >= 400 && status < 500
}

/** Statuses with which the server says it did not take the request, so sending the same POST again is safe. */
export function isRefusal(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status === 503
}

const MAX_DETAIL_CHARS = 2000

/** FastAPI answers `{ detail }`; anything else is kept as (truncated) text. */
export function parseErrorBody(text: string, contentType: string): ErrorDetail {
  const trimmed = text.trim()
  if (!trimmed) return null
  if (/json/i.test(contentType) || /^[[{]/.test(trimmed)) {
    try {
      const body: unknown = JSON.parse(trimmed)
      if (body && typeof body === 'object' && !Array.isArray(body) && 'detail' in body) {
        return (body as { detail: ErrorDetail }).detail ?? null
      }
      if (body && typeof body === 'object') return body as Record<string, unknown>
      return String(body)
    } catch {
      // not JSON after all: keep the text
    }
  }
  return trimmed.length > MAX_DETAIL_CHARS ? `${trimmed.slice(0, MAX_DETAIL_CHARS)}…` : trimmed
}

function isValidationList(detail: ErrorDetail | undefined): detail is ValidationIssue[] {
  return Array.isArray(detail) && detail.every((d) => d && typeof d === 'object' && Array.isArray(d.loc))
}

/** `header.authorization — Field required; body.content — Field required` */
export function formatDetail(detail: ErrorDetail | undefined): string {
  if (detail === undefined || detail === null) return ''
  if (typeof detail === 'string') return detail
  if (isValidationList(detail)) return detail.map((d) => `${d.loc.join('.')} — ${d.msg}`).join('; ')
  try {
    return JSON.stringify(detail).slice(0, 300)
  } catch {
    return ''
  }
}

function missingAuthorization(detail: ErrorDetail | undefined): boolean {
  return (
    isValidationList(detail) &&
    detail.some((d) => d.loc[0] === 'header' && String(d.loc[1]).toLowerCase() === 'authorization')
  )
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
  const said = formatDetail(detail)
  const quoted = said ? ` (${said})` : ''
  const retryable = !isFatalStatus(status)
  let message: string
  if (status === 422 && missingAuthorization(detail)) {
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
  const what = cause instanceof Error ? cause.message : String(cause)
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
  const what = cause instanceof Error ? cause.message : String(cause)
  return new StreamError(
    { kind: 'http', message: `Getting the token failed (${what}); nothing was sent. Sign in again and retry.`, retryable: false },
    { cause },
  )
}
