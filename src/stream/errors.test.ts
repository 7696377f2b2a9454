import { describe, expect, it } from 'vitest'
import { backoffDelay, parseRetryAfter } from './backoff'
import { StreamError, formatDetail, httpError, isFatalStatus, isStreamError, parseErrorBody } from './errors'

const ctx = { url: '/api/x', method: 'POST', transport: 'fetch', tokenTransport: 'header' } as const

describe('errors', () => {
  it('keeps FastAPI detail as sent: a string, a validation list, or other JSON', () => {
    expect(parseErrorBody('{"detail":"Invalid token"}', 'application/json')).toBe('Invalid token')
    const list = [{ type: 'missing', loc: ['body', 'content'], msg: 'Field required', input: {} }]
    expect(parseErrorBody(JSON.stringify({ detail: list }), 'application/json')).toEqual(list)
    expect(parseErrorBody('{"error":"x"}', 'application/json')).toEqual({ error: 'x' })
    expect(parseErrorBody('Bad Gateway', 'text/plain')).toBe('Bad Gateway')
    expect(parseErrorBody('{not json', 'application/json')).toBe('{not json')
    expect(parseErrorBody('   ', 'text/plain')).toBeNull()
    expect((parseErrorBody('x'.repeat(5000), 'text/html') as string).length).toBeLessThan(2100)
  })

  it('formats validation issues as loc — msg', () => {
    expect(formatDetail([{ loc: ['header', 'authorization'], msg: 'Field required' }, { loc: ['body', 0], msg: 'JSON decode error' }])).toBe(
      'header.authorization — Field required; body.0 — JSON decode error',
    )
  })

  it('says why a 422 for a missing header happened, per transport', () => {
    const detail = [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }]
    expect(httpError(422, detail, { ...ctx, transport: 'eventsource', tokenTransport: 'url' }).message).toMatch(
      /EventSource cannot send headers, so the token in the URL is ignored/,
    )
    expect(httpError(422, detail, ctx).message).toMatch(/something in between dropped it: check that CORS allows it/)
    expect(httpError(422, [{ loc: ['body', 'content'], msg: 'Field required' }], ctx).message).toMatch(
      /rejected the request as invalid \(422\) \(body\.content — Field required\)/,
    )
  })

  it('fatal vs retryable statuses', () => {
    expect([400, 401, 403, 404, 405, 410, 422].every(isFatalStatus)).toBe(true)
    expect([408, 425, 429, 500, 502, 503, 504].some(isFatalStatus)).toBe(false)
    expect(httpError(503, 'busy', ctx, 2000)).toMatchObject({ retryable: true, status: 503 })
    expect(httpError(503, 'busy', ctx, 2000).message).toMatch(/retry in 2 s/)
  })

  it('is a value: toJSON gives plain StreamErrorInfo; isStreamError narrows', () => {
    const e = httpError(401, 'Invalid token', ctx)
    expect(e).toBeInstanceOf(Error)
    expect(isStreamError(e)).toBe(true)
    expect(isStreamError(new Error('x'))).toBe(false)
    expect(JSON.parse(JSON.stringify(e))).toEqual({ kind: 'http', status: 401, detail: 'Invalid token', message: e.message, retryable: false })
    expect(new StreamError({ kind: 'network', message: 'm', retryable: true }).toJSON()).toEqual({ kind: 'network', message: 'm', retryable: true })
  })
})

describe('backoff', () => {
  const b = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }
  it('full jitter under a doubling, capped ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, b, () => 0.999999))).toEqual([99, 199, 399, 799, 999])
    expect(backoffDelay(3, b, () => 0)).toBe(0)
  })
  it('a retry: field replaces the base; Retry-After wins', () => {
    expect(backoffDelay(1, b, () => 0.5, { retryMs: 600 })).toBe(300)
    expect(backoffDelay(4, b, () => 0.5, { retryMs: 600, retryAfterMs: 2000 })).toBe(2000)
  })
  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(null)).toBeUndefined()
  })
})
