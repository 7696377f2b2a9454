import { describe, expect, it } from 'vitest'
import type { ErrorDetail } from '../types'
import {
  StreamError,
  answerEndedEarly,
  errorTitle,
  formatDetailLines,
  httpError,
  isFatalStatus,
  isMissingAuthorization,
  isStreamError,
  parseErrorBody,
  quoteDetail,
  serverReportedError,
  toErrorInfo,
} from './index'

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

  it('quotes validation issues inside a sentence as loc — msg', () => {
    expect(quoteDetail([{ loc: ['header', 'authorization'], msg: 'Field required' }, { loc: ['body', 0], msg: 'JSON decode error' }])).toBe(
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
    expect(httpError(503, 'busy', ctx, { askedMs: 2000, waitMs: 2000 })).toMatchObject({ retryable: true, status: 503 })
    expect(httpError(503, 'busy', ctx, { askedMs: 2000, waitMs: 2000 }).message).toMatch(/retry in 2 s/)
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

describe('detail lines (the error notice and the debug panel)', () => {
  it('reads FastAPI issues, strings, objects with a message, and other JSON', () => {
    const issues = [
      { type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null },
      { loc: ['body', 0], msg: 'JSON decode error' },
    ]
    expect(formatDetailLines(issues)).toEqual(['header authorization: Field required', 'body 0: JSON decode error'])
    expect(formatDetailLines([{ msg: 'no location' }, { code: 1 }] as unknown as ErrorDetail)).toEqual(['no location', '{"code":1}'])
    expect(formatDetailLines('Invalid token')).toEqual(['Invalid token'])
    expect(formatDetailLines('  ')).toEqual([])
    expect(formatDetailLines({ message: 'quota exceeded', code: 9 })).toEqual(['quota exceeded'])
    expect(formatDetailLines({ code: 7 })).toEqual(['{"code":7}'])
    expect(formatDetailLines(null)).toEqual([])
  })

  it('recognizes a missing Authorization header', () => {
    expect(isMissingAuthorization([{ loc: ['header', 'Authorization'], msg: 'Field required' }])).toBe(true)
    expect(isMissingAuthorization([{ loc: ['body', 'content'], msg: 'Field required' }])).toBe(false)
    expect(isMissingAuthorization('Invalid token')).toBe(false)
  })
})

describe('thrown values as error data', () => {
  it('keeps a StreamError, copies an error-like value, names an abort, and calls the rest a failed connection', () => {
    const streamError = new StreamError({ kind: 'http', status: 401, detail: 'Invalid token', message: 'Refused.', retryable: false })
    expect(toErrorInfo(streamError)).toEqual(streamError.toJSON())
    expect(toErrorInfo({ kind: 'stall', message: 'quiet', retryable: 1, status: 0 })).toEqual({ kind: 'stall', message: 'quiet', retryable: true, status: 0 })
    expect(toErrorInfo(new DOMException('stop', 'AbortError'))).toMatchObject({ kind: 'aborted', retryable: false })
    expect(toErrorInfo(new TypeError('Failed to fetch'))).toEqual({
      kind: 'network',
      message: 'The connection failed (Failed to fetch). Check the network and retry.',
      retryable: true,
    })
    expect(toErrorInfo('offline').message).toContain('(offline)')
  })

  it('the chat engine’s sentences', () => {
    expect(answerEndedEarly()).toMatchObject({ kind: 'network', retryable: true })
    expect(serverReportedError('model overloaded', '{"message":"model overloaded"}')).toEqual({
      kind: 'protocol',
      message: 'The server reported an error: model overloaded',
      detail: 'model overloaded',
      retryable: false,
    })
    expect(serverReportedError(undefined, 'not json')).toMatchObject({ message: 'The server reported an error without a message.', detail: 'not json' })
    expect(errorTitle({ kind: 'http', status: 422, message: '', retryable: false })).toBe('HTTP 422')
    expect(errorTitle({ kind: 'stall', message: '', retryable: true })).toBe('The stream stalled')
  })
})
