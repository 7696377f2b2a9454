import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConnectionWatchdog } from './watchdog'

describe('ConnectionWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => vi.useRealTimers())

  it('the connect timeout aborts a connection without a response head, and says so', () => {
    const connection = new AbortController()
    const watchdog = new ConnectionWatchdog(connection, { connectTimeoutMs: 100, stallTimeoutMs: 50 }, () => 0, () => {})
    vi.advanceTimersByTime(99)
    expect(connection.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(connection.signal.aborted).toBe(true)
    expect(watchdog).toMatchObject({ connectTimedOutMs: 100, stalledForMs: undefined })
  })

  it('after the head, the stall window re-arms for the remainder when bytes came meanwhile', () => {
    const connection = new AbortController()
    const stalls: number[] = []
    let lastByteAt = performance.now()
    const watchdog = new ConnectionWatchdog(connection, { connectTimeoutMs: 100, stallTimeoutMs: 50 }, () => lastByteAt, (idle) => stalls.push(idle))
    expect(watchdog.head()).toBe(true)
    expect(watchdog.head()).toBe(false)
    vi.advanceTimersByTime(30)
    lastByteAt = performance.now()
    vi.advanceTimersByTime(49) // the first window ended at 50 with 20 ms of silence: re-armed for 30
    expect(connection.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1) // 50 ms since the last byte
    expect(stalls).toEqual([50])
    expect(connection.signal.aborted).toBe(true)
    vi.advanceTimersByTime(100) // the head stopped the connect timeout
    expect(watchdog).toMatchObject({ connectTimedOutMs: undefined, stalledForMs: 50 })
  })

  it('0 turns a timeout off; stop() leaves no timer', () => {
    const off = new ConnectionWatchdog(new AbortController(), { connectTimeoutMs: 0, stallTimeoutMs: 0 }, () => 0, () => {})
    off.head()
    expect(vi.getTimerCount()).toBe(0)
    const on = new ConnectionWatchdog(new AbortController(), { connectTimeoutMs: 100, stallTimeoutMs: 50 }, () => 0, () => {})
    expect(vi.getTimerCount()).toBe(1)
    on.head()
    vi.advanceTimersByTime(10)
    on.stop()
    expect(vi.getTimerCount()).toBe(0)
  })
})
