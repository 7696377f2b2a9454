import { http, HttpResponse, type HttpHandler } from 'msw'
import { misbehaviours, misbehaviourSet } from './misbehave.js'
import { playStream } from './play.js'
import { createResponder, type HarnessOptions, type MockResult } from './respond.js'
import { fixturePictures } from './scenarios/pictures.js'

export interface CreateHandlersOptions extends HarnessOptions {
  /**
   * Origin (and optional path prefix) the handlers answer for, e.g. `http://api.test`. Without it they match
   * `/api/sessions/…` on any origin.
   */
  baseUrl?: string
}

function toResponse(result: MockResult, signal: AbortSignal, timeScale: number): Response {
  // The request was taken, but the connection broke before any response: fetch rejects (TypeError).
  if (result.type === 'lost') return HttpResponse.error()
  if (result.type === 'body') return new HttpResponse(result.body, { status: result.status, headers: result.headers })
  let stop = () => {}
  let open = true
  let failTimer: ReturnType<typeof setTimeout> | undefined
  // Our own timed ReadableStream, not msw's sse(): that helper targets EventSource and buffers until its resolver returns.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const end = () => {
        open = false
        clearTimeout(failTimer)
        stop()
      }
      // error() discards chunks still queued; a real socket delivers what it sent before breaking, so wait
      // until the reader has taken everything.
      const failWhenDrained = () => {
        if (!open) return
        if ((controller.desiredSize ?? 1) >= 1) {
          controller.error(new TypeError('network error'))
          end()
        } else failTimer = setTimeout(failWhenDrained, 5)
      }
      stop = playStream(
        result.plan,
        {
          write: (chunk) => {
            if (open) controller.enqueue(chunk)
          },
          close: () => {
            if (open) controller.close()
            end()
          },
          fail: failWhenDrained,
        },
        { timeScale },
      )
      const abort = () => {
        // Browsers reject the reader's pending read on abort; do the same where the body is handed over as is.
        if (open) controller.error(signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
        end()
      }
      if (signal.aborted) abort()
      else signal.addEventListener('abort', abort, { once: true })
    },
    cancel() {
      open = false
      clearTimeout(failTimer)
      stop()
    },
  })
  return new HttpResponse(body, { status: result.status, headers: result.headers })
}

/** `https://x/api///` → `https://x/api` (a loop, not `/\/+$/`: that regex is quadratic on a long run of slashes). */
function trimTrailingSlashes(url: string): string {
  let end = url.length
  while (end > 0 && url[end - 1] === '/') end--
  return url.slice(0, end)
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
  const base = options.baseUrl ? trimTrailingSlashes(options.baseUrl) : '*'
  const header = (request: Request) => (name: string) => request.headers.get(name)
  return [
    http.post(`${base}/api/sessions/:sessionId/messages`, async ({ request, params }) => {
      const query = new URL(request.url).searchParams
      const result = responder.post(String(params.sessionId), { header: header(request), body: await request.text(), query })
      return toResponse(result, request.signal, timeScale)
    }),
    // The legacy EventSource endpoint: same auth rules, so `?token=` gets FastAPI's 422.
    http.get(`${base}/api/sessions/:sessionId/messages`, ({ request, params }) => {
      const result = responder.post(String(params.sessionId), { header: header(request), query: new URL(request.url).searchParams }, true)
      return toResponse(result, request.signal, timeScale)
    }),
    http.get(`${base}/api/sessions/:sessionId/messages/:messageId/stream`, ({ request, params }) => {
      const req = { header: header(request), query: new URL(request.url).searchParams }
      const result = responder.resume(String(params.sessionId), String(params.messageId), req)
      return toResponse(result, request.signal, timeScale)
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
