import { readErrorBody } from './fetch'
import type { ResponseHead, Transport } from './types'

export const DEFAULT_EVENT_TYPES = ['message', 'start', 'delta', 'done', 'error'] as const

/** The legacy client's URL: the token (and the resume point) in the query string, because EventSource cannot send headers. */
export function legacyUrl(url: string, token: string | undefined, param: string, lastEventId: string | undefined): string {
  const base = typeof location === 'undefined' ? 'http://localhost/' : location.href
  const target = new URL(url, base)
  if (token) target.searchParams.set(param, token)
  if (lastEventId) target.searchParams.set('lastEventId', lastEventId)
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? target.href : `${target.pathname}${target.search}`
}

/**
 * The legacy `EventSource` path, kept for rollback only. It cannot send an Authorization header, cannot POST,
 * and hides the HTTP status of a failed request; so when it fails before opening, the same URL is requested
 * once more with a plain GET (exactly what EventSource sent) to learn the status and the server's detail.
 * The browser's own reconnect is switched off: the client's backoff decides.
 */
export const eventSourceTransport: Transport = (request, sink) =>
  new Promise((resolve, reject) => {
    if (typeof EventSource === 'undefined') {
      return reject(new TypeError('EventSource is not available in this environment'))
    }
    const url = legacyUrl(request.url, request.token, request.tokenQueryParam ?? 'token', request.lastEventId)
    const source = new EventSource(url, { withCredentials: request.credentials === 'include' })
    let opened = false
    let settled = false
    const finish = (fn: () => void) => {
      if (settled) return
      settled = true
      source.close()
      request.signal.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = () => finish(() => reject(new DOMException('The stream was aborted.', 'AbortError')))
    request.signal.addEventListener('abort', onAbort)

    source.onopen = () => {
      opened = true
      if (!sink.head({ status: 200, contentType: 'text/event-stream', retryAfter: null })) {
        finish(() => resolve({ type: 'end' }))
      }
    }
    for (const type of request.eventTypes ?? DEFAULT_EVENT_TYPES) {
      source.addEventListener(type, (e) => {
        // `error` is both a server event name and EventSource's failure signal; only MessageEvents are data.
        if (settled || !(e instanceof MessageEvent)) return
        sink.bytes(typeof e.data === 'string' ? e.data.length : 0)
        sink.event({ event: type, data: String(e.data), id: e.lastEventId })
      })
    }
    source.addEventListener('error', (e) => {
      if (e instanceof MessageEvent || settled) return
      if (opened) return finish(() => resolve({ type: 'end' }))
      finish(() => {
        probe(url, request.credentials, request.signal).then(
          ({ head, body }) => {
            const stream = head.status >= 200 && head.status < 300 && /text\/event-stream/i.test(head.contentType)
            if (stream) reject(new TypeError('EventSource failed before opening'))
            else resolve({ type: 'refused', head, body })
          },
          reject,
        )
      })
    })
  })

async function probe(url: string, credentials: RequestCredentials, signal: AbortSignal): Promise<{ head: ResponseHead; body: string }> {
  const controller = new AbortController()
  const stop = () => controller.abort()
  signal.addEventListener('abort', stop)
  try {
    const response = await fetch(url, { headers: { Accept: 'text/event-stream' }, credentials, signal: controller.signal })
    const head = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
    }
    // A stream that works now tells us nothing about why EventSource failed: read only error bodies.
    const body = response.ok ? '' : await readErrorBody(response)
    controller.abort()
    return { head, body }
  } finally {
    signal.removeEventListener('abort', stop)
  }
}
