import { describe, expect, it } from 'vitest'
import { classifyOutcome, isEventStreamHead, type OutcomeContext } from './outcome'
import type { ResponseHead } from './transports/types'

const ctx = (over: Partial<OutcomeContext> = {}): OutcomeContext => ({
  request: { url: '/api/s/messages', method: 'POST', transport: 'fetch', tokenTransport: 'header' },
  lastEventId: '7',
  reconnects: true,
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
