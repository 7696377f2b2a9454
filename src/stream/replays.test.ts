import { describe, expect, it } from 'vitest'
import { ReplayGuard, numericId } from './replays'

describe('numericId', () => {
  it('reads up to 15 decimal digits; anything else is not a number', () => {
    expect(numericId('0')).toBe(0)
    expect(numericId('42')).toBe(42)
    expect(numericId('999999999999999')).toBe(999_999_999_999_999)
    for (const id of ['', '1000000000000000', '-1', '1.5', ' 1', '1e3', 'abc', '٣']) expect(numericId(id)).toBeUndefined()
  })
})

describe('ReplayGuard', () => {
  it('skips a replayed block and the id-less blocks after it, until a block moves the id forward', () => {
    const guard = new ReplayGuard(true, '2')
    guard.connecting('2')
    expect([guard.admit('2', true), guard.admit('2', false), guard.admit('3', true), guard.admit('3', false)]).toEqual([false, false, true, true])
    expect(guard.replayedNow).toBe(2)
    expect(guard.ended()).toEqual({ progressed: true, replayed: false })
  })

  it('counts connections in a row that brought only replays, and forgets them after progress', () => {
    const guard = new ReplayGuard(true, '5')
    for (let i = 0; i < 2; i++) {
      guard.connecting('5')
      guard.admit('4', true)
      expect(guard.ended()).toEqual({ progressed: false, replayed: true })
    }
    expect(guard.replays).toBe(2)
    guard.connecting('5')
    guard.admit('6', true)
    guard.ended()
    expect(guard.replays).toBe(0)
  })

  it('on a stream without ids, a delivered event is progress', () => {
    const guard = new ReplayGuard(true, '')
    guard.connecting('')
    guard.delivered('')
    expect(guard.progressed).toBe(true)
    guard.connecting('7')
    guard.delivered('')
    expect(guard.progressed).toBe(false)
  })
})
