import { describe, expect, it } from 'vitest'
import { LifecycleListeners } from './listeners'
import type { StreamLifecycleEvent } from './types'

const chunk = (): StreamLifecycleEvent => ({ type: 'chunk', at: 1, bytes: 3, totalBytes: 3 })
const offline = (): StreamLifecycleEvent => ({ type: 'offline', at: 1 })

describe('LifecycleListeners', () => {
  it('counts only listeners that receive chunk or message events as hot', () => {
    const listeners = new LifecycleListeners()
    const all = listeners.subscribe(() => {})
    const connection = listeners.subscribe(() => {}, ['open', 'retry'])
    const chunks = listeners.subscribe(() => {}, ['chunk'])
    expect(listeners.hot).toBe(2)
    chunks()
    all()
    expect(listeners.hot).toBe(0)
    connection()
    expect(listeners.hot).toBe(0)
  })

  it('subscribing a listener again replaces its types; removing it twice counts it once', () => {
    const listeners = new LifecycleListeners()
    const seen: string[] = []
    const listener = (event: StreamLifecycleEvent) => seen.push(event.type)
    const first = listeners.subscribe(listener)
    const second = listeners.subscribe(listener, ['offline'])
    expect(listeners.hot).toBe(0)
    listeners.emit(chunk)
    listeners.emit(offline)
    expect(seen).toEqual(['offline'])
    first()
    second()
    expect(listeners.hot).toBe(0)
    listeners.emit(offline)
    expect(seen).toEqual(['offline'])
  })

  it('builds no event while nobody listens', () => {
    const listeners = new LifecycleListeners()
    let built = 0
    listeners.emit(() => {
      built++
      return offline()
    })
    expect(built).toBe(0)
    listeners.subscribe(() => {}, ['open'])
    listeners.emit(() => {
      built++
      return offline()
    })
    expect(built).toBe(1)
  })
})
