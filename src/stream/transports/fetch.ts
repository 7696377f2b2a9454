import { createDecoder } from '../parse'
import { MAX_ERROR_BODY_CHARS, type ResponseHead, type Transport } from './types'

/** Whether `fetch` gives a readable response body here (the xhr transport is the fallback when not). */
export function supportsFetchStreaming(): boolean {
  try {
    return (
      typeof fetch === 'function' &&
      typeof ReadableStream === 'function' &&
      typeof new Response('').body?.getReader === 'function'
    )
  } catch {
    return false
  }
}

/**
 * An error body as text, at most `MAX_ERROR_BODY_CHARS`: read piece by piece and cancelled once that much arrived,
 * so a server that answers an error with an endless body costs 64 KB, not all memory. `onBytes` sees every
 * piece (the stall timer runs while an error body trickles in). A body that breaks gives what arrived.
 */
export async function readErrorBody(response: Response, onBytes?: (count: number) => void): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = createDecoder()
  let text = ''
  try {
    while (text.length < MAX_ERROR_BODY_CHARS) {
      const { done, value } = await reader.read()
      if (done) break
      onBytes?.(value.byteLength)
      text += decoder.decode(value)
    }
    text += decoder.flush()
  } catch {
    // what arrived is what we have
  } finally {
    reader.cancel().catch(() => {})
  }
  return text.slice(0, MAX_ERROR_BODY_CHARS)
}

export const fetchTransport: Transport = async (request, sink) => {
  const doFetch = request.fetch ?? globalThis.fetch
  const response = await doFetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    credentials: request.credentials,
    signal: request.signal,
  })
  const head: ResponseHead = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
  }
  if (!sink.head(head)) return { type: 'refused', head, body: await readErrorBody(response, (count) => sink.bytes(count)) }
  if (!response.body) return { type: 'end' }

  const reader = response.body.getReader()
  const decoder = createDecoder()
  // Some fetch implementations (msw/node's interceptor, polyfills) do not error the body when the request
  // is aborted; cancelling the reader ends a pending read() everywhere.
  const onAbort = () => void reader.cancel().catch(() => {})
  request.signal.addEventListener('abort', onAbort)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (request.signal.aborted) throw new DOMException('The stream was aborted.', 'AbortError')
      if (done) break
      sink.bytes(value.byteLength)
      const text = decoder.decode(value)
      if (text) sink.text(text)
    }
    const tail = decoder.flush()
    if (tail) sink.text(tail)
  } finally {
    request.signal.removeEventListener('abort', onAbort)
    // On abort or a parse error, release the socket instead of leaving the body unread.
    reader.cancel().catch(() => {})
  }
  return { type: 'end' }
}
