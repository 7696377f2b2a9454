// Test helpers for the stream client (not exported from the package).
import type { StreamEvent, EventStream } from './types'

/** Seeded randomness so a failing split can be replayed: the harness's mulberry32. */
export { mulberry32 as seeded } from 'vue-chat-stream/mocks'

/** Cut bytes at random byte boundaries (UTF-8 sequences and CRLF pairs included). */
export function splitAtRandom(bytes: Uint8Array, rand: () => number, maxPiece = 7): Uint8Array[] {
  const pieces: Uint8Array[] = []
  let i = 0
  while (i < bytes.length) {
    const size = 1 + Math.floor(rand() * maxPiece)
    pieces.push(bytes.slice(i, i + size))
    i += size
  }
  return pieces
}

export interface RecordedRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: string | null
}

export interface ScriptedResponse {
  status?: number
  headers?: Record<string, string>
  /** Body pieces, sent one per read. */
  chunks?: (string | Uint8Array)[]
  /** After the chunks: end cleanly (default), break the connection, or never end. */
  then?: 'end' | 'error' | 'hang'
  /** The request is sent but no response arrives: fetch rejects with `TypeError: Failed to fetch`. */
  noResponse?: boolean
}

/**
 * A fake `fetch` answering from a script, one entry per request (the last one repeats). Bodies stream chunk
 * by chunk through a real ReadableStream, so the client code path is the one used with a network.
 */
export function scriptedFetch(script: (ScriptedResponse | ((req: RecordedRequest) => ScriptedResponse))[]) {
  const requests: RecordedRequest[] = []
  const encoder = new TextEncoder()
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    const req: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : null,
    }
    requests.push(req)
    const entry = script[Math.min(requests.length - 1, script.length - 1)]!
    const spec = typeof entry === 'function' ? entry(req) : entry
    const signal = init.signal
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError')
    if (spec.noResponse) throw new TypeError('Failed to fetch')
    const chunks = (spec.chunks ?? []).map((c) => (typeof c === 'string' ? encoder.encode(c) : c))
    let index = 0
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        signal?.addEventListener('abort', () => {
          try {
            controller.error(new DOMException('aborted', 'AbortError'))
          } catch {
            // already closed
          }
        })
      },
      async pull(controller) {
        await Promise.resolve()
        if (index < chunks.length) return controller.enqueue(chunks[index++]!)
        if (spec.then === 'error') return controller.error(new TypeError('network error'))
        if (spec.then === 'hang') return new Promise<void>(() => {})
        controller.close()
      },
    })
    const nullBody = [204, 205, 304].includes(spec.status ?? 200)
    return new Response(nullBody ? null : body, {
      status: spec.status ?? 200,
      headers: { 'content-type': 'text/event-stream', ...spec.headers },
    })
  }
  return { fetch: fetchImpl as typeof fetch, requests }
}

export async function collect(stream: EventStream): Promise<StreamEvent[]> {
  const events: StreamEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}

/** Runs the stream to its end; returns the events and the error it ended with (if any). */
export async function settle(stream: EventStream): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = []
  try {
    for await (const event of stream) events.push(event)
    return { events, error: undefined }
  } catch (error) {
    return { events, error }
  }
}
