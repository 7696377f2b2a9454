import { describe, expect, it } from 'vitest'
import { backoffDelay, parseRetryAfter } from './backoff'

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
