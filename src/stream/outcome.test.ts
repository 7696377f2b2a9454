import { describe, expect, it } from 'vitest'
import { classifyOutcome, isEventStreamHead, type OutcomeContext } from './outcome'
import type { ResponseHead } from './transports/types'

const ctx = (over: Partial<OutcomeContext> = {}): OutcomeContext => ({
  request: { url: '/api/s/messages', method: 'POST', transport: 'fetch', tokenTransport: 'header' },
  lastEventId: '7',
  reconnects: true,
  maxDelayMs: 15_000,
  ...over,
})
const head = (status: number, contentType = 'application/json', retryAfter: string | null = null): ResponseHead => ({ status, contentType, retryAfter })
const refused = (h: ResponseHead, body = '') => ({ outcome: { type: 'refused' as const, head: h, body } })

describe('classifyOutcome: what the end of one connection means', () => {
  it('a body that ends: reconnect from the last event id, or done when reconnecting is off', () => {
    const verdict = classifyOutcome({ outcome: { type: 'end' } }, ctx())
    expect(verdict).toMatchObject({ type: 'reconnect', refused: false, error: { kind: 'network', retryable: true } })
    expect(verdict.type === 'reconnect' && verdict.error.message).toMatch(/closed the stream after event id 7/)
    expect(classifyOutcome({ outcome: { type: 'end' } }, ctx({ reconnects: false }))).toEqual({ type: 'done' })
  })

  it('204 is the server saying "do not reconnect"', () => {
    expect(classifyOutcome(refused(head(204, '')), ctx())).toEqual({ type: 'done' })
  })

  it('4xx is fatal with the server’s detail; 408/425/429 are not', () => {
    const verdict = classifyOutcome(refused(head(401), '{"detail":"Invalid token"}'), ctx())
    expect(verdict).toMatchObject({ type: 'fatal', error: { kind: 'http', status: 401, detail: 'Invalid token', retryable: false } })
    expect(classifyOutcome(refused(head(429, 'text/plain', '3')), ctx())).toMatchObject({ type: 'reconnect', refused: true, retryAfterMs: 3000 })
  })

  it('a 2xx that is not an event stream is fatal (the URL points at a page or a JSON endpoint)', () => {
    expect(classifyOutcome(refused(head(200, 'text/html')), ctx())).toMatchObject({ type: 'fatal', error: { kind: 'protocol', status: 200 } })
  })

  it('503 + Retry-After on a POST: the prompt was not taken, so it may be sent again, after the server’s wait', () => {
    const verdict = classifyOutcome(refused(head(503, 'application/json', '2'), '{"detail":"busy"}'), ctx())
    expect(verdict).toMatchObject({ type: 'reconnect', refused: true, retryAfterMs: 2000, error: { status: 503, retryable: true } })
    const get = ctx({ request: { ...ctx().request, method: 'GET' } })
    expect(classifyOutcome(refused(head(503)), get)).toMatchObject({ type: 'reconnect', refused: false })
    // 500 is no refusal: the server may have taken the prompt.
    expect(classifyOutcome(refused(head(500, 'text/plain'), 'boom'), ctx())).toMatchObject({ type: 'reconnect', refused: false, error: { detail: 'boom' } })
  })

  it('a thrown transport: a network failure, or a stall when the stall watcher aborted it', () => {
    expect(classifyOutcome({ thrown: new TypeError('network error') }, ctx())).toMatchObject({
      type: 'reconnect',
      error: { kind: 'network', message: 'The connection dropped (network error). Reconnecting after event id 7.' },
    })
    expect(classifyOutcome({ thrown: new DOMException('aborted', 'AbortError'), stalledForMs: 30_000 }, ctx())).toMatchObject({
      type: 'reconnect',
      error: { kind: 'stall', message: expect.stringMatching(/^No bytes for 30 s/) },
    })
  })

  it('Retry-After is capped at retry.maxDelayMs, and the message says both the asked and the real wait', () => {
    const hour = classifyOutcome(refused(head(503, 'application/json', '3600'), '{"detail":"busy"}'), ctx())
    expect(hour).toMatchObject({ type: 'reconnect', retryAfterMs: 15_000 })
    expect(hour.type === 'reconnect' && hour.error.message).toBe(
      'The server is overloaded (503) (busy); it asked to retry in 60 min. The client retries in 15 s (retry.maxDelayMs).',
    )
    // 2,147,484 s overflows a 32-bit timer (it would fire after 1 ms): capped, and the sentence keeps the truth.
    const overflow = classifyOutcome(refused(head(503, 'text/plain', '2147484')), ctx({ maxDelayMs: 2 ** 31 - 1 }))
    expect(overflow).toMatchObject({ type: 'reconnect', retryAfterMs: 2 ** 31 - 1 })
    expect(overflow.type === 'reconnect' && overflow.error.message).toMatch(/asked to retry in 25 days\. The client retries in 25 days/)
    const date = new Date(Date.now() + 2 * 3_600_000).toUTCString()
    const dated = classifyOutcome(refused(head(429, 'text/plain', date)), ctx())
    expect(dated).toMatchObject({ type: 'reconnect', retryAfterMs: 15_000 })
    expect(dated.type === 'reconnect' && dated.error.message).toMatch(/asked to retry in 2 h\. The client retries in 15 s/)
    const short = classifyOutcome(refused(head(503, 'text/plain', '2')), ctx())
    expect(short.type === 'reconnect' && short.error.message).toMatch(/asked to retry in 2 s\. The client waits as asked\.$/)
  })

  it('a connect timeout reconnects (reason timeout); an over-long event is fatal', () => {
    expect(classifyOutcome({ thrown: new DOMException('aborted', 'AbortError'), connectTimedOutMs: 30_000 }, ctx())).toMatchObject({
      type: 'reconnect',
      reason: 'timeout',
      error: { kind: 'network', retryable: true, message: 'No response to POST /api/s/messages within 30 s (connectTimeoutMs): the server or a proxy in between did not answer. Reconnecting.' },
    })
    expect(classifyOutcome({ thrown: new DOMException('aborted', 'AbortError'), tooLarge: 8 * 1024 * 1024 }, ctx())).toMatchObject({
      type: 'fatal',
      error: { kind: 'protocol', retryable: false, message: expect.stringMatching(/^An event larger than 8 MiB \(8,388,608 characters\) arrived from POST \/api\/s\/messages/) },
    })
  })

  it('a 500 with an HTML page: the sentence names the page, the detail keeps its text (capped)', () => {
    const page = `<html><head><title>500 Internal Server Error</title></head><body>${'<p>trace</p>'.repeat(400)}</body></html>`
    const verdict = classifyOutcome(refused(head(500, 'text/html'), page), ctx())
    expect(verdict.type === 'reconnect' && verdict.error.message).toBe(
      'The server failed (500) (HTML page: 500 Internal Server Error). The client retries with backoff; if it keeps failing, check the server logs.',
    )
    expect(verdict.type === 'reconnect' && (verdict.error.detail as string).length).toBe(2000)
  })

  it('an xhr recycle reconnects at once', () => {
    expect(classifyOutcome({ outcome: { type: 'recycle' } }, ctx())).toMatchObject({ type: 'recycle' })
  })
})

describe('isEventStreamHead', () => {
  it('2xx except 204, text/event-stream with or without parameters', () => {
    expect(isEventStreamHead(head(200, 'text/event-stream; charset=utf-8'))).toBe(true)
    expect(isEventStreamHead(head(200, 'Text/Event-Stream'))).toBe(true)
    expect(isEventStreamHead(head(204, 'text/event-stream'))).toBe(false)
    expect(isEventStreamHead(head(200, 'text/event-streams'))).toBe(false)
    expect(isEventStreamHead(head(500, 'text/event-stream'))).toBe(false)
  })
})
