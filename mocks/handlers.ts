import { http, HttpResponse, type HttpHandler } from 'msw'
import { MISBEHAVE_HEADER, misbehaviours, misbehaviourSet, requestMisbehaviours, type Misbehaviour } from './misbehave.js'
import { playEndless, playStream, type StreamSink } from './play.js'
import { createResponder, type HarnessOptions, type MockResult } from './respond.js'
import { fixturePictures } from './scenarios/pictures.js'

export interface CreateHandlersOptions extends HarnessOptions {
  /**
   * Origin (and optional path prefix) the handlers answer for, e.g. `http://api.test`. Without it they match
   * `/api/sessions/…` on any origin.
   */
  baseUrl?: string
}

/**
 * A mocked response. A stream's body is pull-based: a chunk leaves only when the reader asks for one, and a break
 * (`drop`) becomes an error only when the reader asks past the last chunk written before it — as a real socket
 * delivers what it sent before it broke. (An error raised while chunks still wait in a queue discards them; in
 * Node msw also tees every response for its lifecycle events, so a queue is always in between.)
 */
function toResponse(result: MockResult, signal: AbortSignal, timeScale: number): Response {
  // The request was taken, but the connection broke before any response: fetch rejects (TypeError).
  if (result.type === 'lost') return HttpResponse.error()
  if (result.type === 'body' && !result.endless) return new HttpResponse(result.body, { status: result.status, headers: result.headers })
  const written: Uint8Array[] = []
  let ending: 'close' | 'fail' | undefined
  let wake: (() => void) | undefined
  let open = true
  let stop = () => {}
  const notify = () => {
    const resume = wake
    wake = undefined
    resume?.()
  }
  const sink: StreamSink = {
    write: (chunk) => {
      if (!open) return
      written.push(chunk.slice())
      notify()
    },
    close: () => {
      ending ??= 'close'
      notify()
    },
    fail: () => {
      ending ??= 'fail'
      notify()
    },
    busy: () => written.length >= 4,
  }
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined
  const end = () => {
    open = false
    stop()
    notify()
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller
        if (result.type === 'body') {
          written.push(new TextEncoder().encode(result.body))
          let stopped = false
          let timer = playEndless(sink, () => stopped, (next) => (timer = next))
          stop = () => {
            stopped = true
            clearTimeout(timer)
          }
        } else {
          stop = playStream(result.plan, sink, { timeScale })
        }
        const abort = () => {
          // Browsers reject the reader's pending read on abort; do the same where the body is handed over as is.
          if (open) controllerRef?.error(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
          end()
        }
        if (signal.aborted) abort()
        else signal.addEventListener('abort', abort, { once: true })
      },
      async pull(controller) {
        while (open && written.length === 0 && ending === undefined) await new Promise<void>((resolve) => (wake = resolve))
        if (!open) return
        const chunk = written.shift()
        if (chunk) return controller.enqueue(chunk)
        if (ending === 'close') controller.close()
        else controller.error(new TypeError('network error'))
        end()
      },
      cancel: end,
    },
    { highWaterMark: 0 },
  )
  return new HttpResponse(body, { status: result.status, headers: result.headers })
}

/** `https://x/api///` → `https://x/api` (a loop, not `/\/+$/`: that regex is quadratic on a long run of slashes). */
function trimTrailingSlashes(url: string): string {
  let end = url.length
  while (end > 0 && url[end - 1] === '/') end--
  return url.slice(0, end)
}

/** `slow-head`: the response (head included) waits. */
async function respond(result: MockResult, signal: AbortSignal, timeScale: number): Promise<Response> {
  if (result.type !== 'lost' && result.headDelayMs) await new Promise((resolve) => setTimeout(resolve, result.headDelayMs))
  return toResponse(result, signal, timeScale)
}

/**
 * MSW request handlers serving the DESIGN.md contract — the same for the browser (Storybook, `setupWorker`)
 * and Node (`setupServer`):
 * - `POST {baseUrl}/api/sessions/:sessionId/messages`
 * - `GET  {baseUrl}/api/sessions/:sessionId/messages/:messageId/stream` (resume with `Last-Event-ID`)
 * - `GET  {baseUrl}/api/sessions/:sessionId/messages` (the legacy EventSource endpoint, for the 422 story)
 *
 * - `GET  https://example.com/diagram.svg` and the fixtures' other pictures ({@link createPictureHandlers})
 *
 * A request may pick its own scenario with the `X-Mock-Scenario` header (JSON of a `Partial<Scenario>`).
 */
export function createHandlers(options: CreateHandlersOptions = {}): HttpHandler[] {
  for (const name of misbehaviourSet(options.misbehave)) {
    if (misbehaviours[name].where === 'server') {
      throw new Error(`The "${name}" misbehaviour needs a real socket: use startMockServer (or npm run mock-server -- --misbehave ${name}).`)
    }
  }
  const responder = createResponder(options)
  const timeScale = options.timeScale ?? 1
  /** A request asking for a misbehaviour that needs a socket gets a 400 that says so. */
  const socketOnly = (request: Request): Response | undefined => {
    let names: ReadonlySet<Misbehaviour>
    try {
      names = requestMisbehaviours(new Set(), request.headers.get(MISBEHAVE_HEADER))
    } catch {
      return undefined // the responder answers 400 itself
    }
    const server = [...names].filter((name) => misbehaviours[name].where === 'server')
    if (server.length === 0) return undefined
    return HttpResponse.json({ detail: `${server.join(', ')} needs a real socket: use startMockServer.` }, { status: 400 })
  }
  const base = options.baseUrl ? trimTrailingSlashes(options.baseUrl) : '*'
  const header = (request: Request) => (name: string) => request.headers.get(name)
  return [
    http.post(`${base}/api/sessions/:sessionId/messages`, async ({ request, params }) => {
      const refused = socketOnly(request)
      if (refused) return refused
      const query = new URL(request.url).searchParams
      const result = responder.post(String(params.sessionId), { header: header(request), body: await request.text(), query })
      return respond(result, request.signal, timeScale)
    }),
    // The legacy EventSource endpoint: same auth rules, so `?token=` gets FastAPI's 422.
    http.get(`${base}/api/sessions/:sessionId/messages`, ({ request, params }) => {
      const refused = socketOnly(request)
      if (refused) return refused
      const result = responder.post(String(params.sessionId), { header: header(request), query: new URL(request.url).searchParams }, true)
      return respond(result, request.signal, timeScale)
    }),
    http.get(`${base}/api/sessions/:sessionId/messages/:messageId/stream`, ({ request, params }) => {
      const refused = socketOnly(request)
      if (refused) return refused
      const req = { header: header(request), query: new URL(request.url).searchParams }
      const result = responder.resume(String(params.sessionId), String(params.messageId), req)
      return respond(result, request.signal, timeScale)
    }),
    ...createPictureHandlers(),
  ]
}

/**
 * Handlers for the pictures the fixtures show (e.g. the kitchen sink's diagram), so they render without a network.
 * Part of {@link createHandlers}; on their own for pages that show fixtures without streaming them.
 */
export function createPictureHandlers(): HttpHandler[] {
  return Object.entries(fixturePictures).map(([url, picture]) =>
    http.get(url, () => new HttpResponse(picture.body, { headers: { 'Content-Type': picture.contentType } })),
  )
}
