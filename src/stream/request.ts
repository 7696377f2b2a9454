// What one connection of a stream sends. The only place request headers are built.
import type { TransportRequest } from './transports/types'
import type { OpenEventStreamOptions, TransportName } from './types'

/** One request of a stream: the first one (a POST with the body, or a GET), or a resume GET. */
export interface RequestTarget {
  url: string
  method: 'GET' | 'POST'
  body: BodyInit | null
  /** The body's content type, sent unless the caller's headers name one. */
  contentType?: string
}

/** A string body is JSON text; a plain object is sent as JSON; form data, search params and blobs as they are. */
export function encodeBody(body: OpenEventStreamOptions['body']): { body: BodyInit | null; contentType?: string } {
  if (body === undefined) return { body: null }
  if (typeof body === 'string') return { body, contentType: 'application/json' }
  if (
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) ||
    (typeof Blob !== 'undefined' && body instanceof Blob)
  ) {
    return { body }
  }
  return { body: JSON.stringify(body), contentType: 'application/json' }
}

/** The first request: `options.method` (POST when there is a body, else GET) to `url`, with the encoded body. */
export function firstTarget(url: string, options: Pick<OpenEventStreamOptions, 'method' | 'body'>): RequestTarget {
  const encoded = encodeBody(options.body)
  const target: RequestTarget = { url, method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'), body: encoded.body }
  if (encoded.contentType) target.contentType = encoded.contentType
  return target
}

/** A resume: always a GET without a body (the prompt is never sent twice). */
export function resumeTarget(url: string): RequestTarget {
  return { url, method: 'GET', body: null }
}

export const DEFAULT_XHR_RECYCLE_CHARS = 4 * 1024 * 1024

export interface ConnectionState {
  transport: TransportName
  /** The token for this connection (asked again before every connection). */
  token: string | undefined
  /** The last event ID in effect, sent as `Last-Event-ID` when there is one. */
  lastEventId: string
  signal: AbortSignal
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  return Object.keys(headers ?? {}).some((h) => h.toLowerCase() === name)
}

/** The POST carries an `Idempotency-Key` (the option, or the caller's header): sending it again is safe. */
export function hasIdempotencyKey(options: Pick<OpenEventStreamOptions, 'idempotencyKey' | 'headers'>): boolean {
  return !!options.idempotencyKey || hasHeader(options.headers, 'idempotency-key')
}

/**
 * Everything a transport needs for one connection: `Accept: text/event-stream`, the caller's headers (never a
 * `Content-Type` on a GET), the body's `Content-Type` unless the caller set one, `Authorization: Bearer` on every
 * transport that can send headers (EventSource puts the token in the URL instead), `Last-Event-ID`, and on a POST
 * its `Idempotency-Key`.
 */
export function buildRequest(target: RequestTarget, options: OpenEventStreamOptions, state: ConnectionState): TransportRequest {
  const headers: Record<string, string> = { Accept: 'text/event-stream' }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    // A GET has no body to type, and an idempotency key belongs to the POST it protects.
    if (target.method === 'GET' && (name.toLowerCase() === 'content-type' || name.toLowerCase() === 'idempotency-key')) continue
    headers[name] = value
  }
  if (target.contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = target.contentType
  }
  if (state.token && state.transport !== 'eventsource') headers.Authorization = `Bearer ${state.token}`
  if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId
  if (target.method === 'POST' && options.idempotencyKey && !hasHeader(headers, 'idempotency-key')) {
    headers['Idempotency-Key'] = options.idempotencyKey
  }
  return {
    url: target.url,
    method: target.method,
    headers,
    body: target.body,
    credentials: options.credentials ?? 'same-origin',
    signal: state.signal,
    token: state.token,
    tokenQueryParam: options.tokenQueryParam,
    lastEventId: state.lastEventId,
    eventTypes: options.eventTypes,
    recycleChars: state.transport === 'xhr' ? (options.xhrRecycleChars ?? DEFAULT_XHR_RECYCLE_CHARS) : 0,
    fetch: options.fetch,
  }
}
