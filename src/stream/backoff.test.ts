import { describe, expect, it } from 'vitest'
import { MAX_TIMER_MS, backoffDelay, parseRetryAfter, resolveBackoff } from './backoff'

describe('backoff', () => {
  const b = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }
  it('full jitter under a doubling, capped ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, b, () => 0.999999))).toEqual([99, 199, 399, 799, 999])
    expect(backoffDelay(3, b, () => 0)).toBe(0)
  })
  it('a retry: field replaces the base; Retry-After wins, up to maxDelayMs', () => {
    expect(backoffDelay(1, b, () => 0.5, { retryMs: 600 })).toBe(300)
    expect(backoffDelay(4, b, () => 0.5, { retryMs: 600, retryAfterMs: 800 })).toBe(800)
    expect(backoffDelay(4, b, () => 0.5, { retryMs: 600, retryAfterMs: 2000 })).toBe(1000)
    expect(backoffDelay(1, b, () => 0.5, { retryMs: 2 ** 40 })).toBe(500)
  })
  it('never asks a timer for more than 2^31 - 1 ms (a longer one fires at once)', () => {
    expect(resolveBackoff({ maxDelayMs: 1e12 }).maxDelayMs).toBe(MAX_TIMER_MS)
    expect(resolveBackoff({ maxDelayMs: -1, maxAttempts: Number.NaN }).maxDelayMs).toBe(15_000)
    expect(backoffDelay(1, resolveBackoff({ maxDelayMs: 1e12 }), () => 0, { retryAfterMs: 2147484 * 1000 })).toBe(MAX_TIMER_MS)
    expect(backoffDelay(5000, resolveBackoff({}), () => 0.999)).toBeLessThanOrEqual(15_000)
  })
  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT'))).toBe(0)
    expect(parseRetryAfter('9'.repeat(400))).toBe(Number.MAX_VALUE)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(null)).toBeUndefined()
  })
})
