import { createPinia, setActivePinia } from 'pinia'
import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'
import { emitPublish, isPublishObserved, onPublish, reportRender, type PublishRecord } from '../instrumentation/hooks'
import { createManualScheduler } from '../chat/frames'
import { useSessionsStore } from '../stores/sessions'
import { useReactivityMonitor } from './useReactivityMonitor'

describe('useReactivityMonitor', () => {
  it('costs nothing without a monitor, and counts publishes and renders per publish with one', () => {
    setActivePinia(createPinia())
    const scheduler = createManualScheduler()
    const store = useSessionsStore()
    store.configure({ scheduler })
    store.createSession({ id: 's', messages: [{ id: 'a', role: 'assistant', content: '', status: 'streaming', createdAt: 0 }, { id: 'b', role: 'user', content: 'q', status: 'done', createdAt: 0 }] })
    expect(isPublishObserved()).toBe(false)

    const scope = effectScope()
    const monitor = scope.run(() => useReactivityMonitor())!
    expect(isPublishObserved()).toBe(true)
    const records: PublishRecord[] = []
    const off = onPublish((record) => records.push(record))
    for (let frame = 0; frame < 3; frame++) {
      for (let i = 0; i < 10; i++) store.updateMessageContent('s', 'a', 'x')
      scheduler.frame()
      reportRender('a')
    }
    reportRender('b') // an unchanged message rendering is wasted work
    monitor.stop()
    const stats = monitor.stats.value
    expect(stats.publishes).toBe(3)
    expect(stats.deltas).toBe(30)
    expect(stats.renders).toBe(4)
    expect(stats.rendersByMessage.get('a')).toBe(3)
    expect(stats.lastPublishMessages).toEqual(['a'])
    expect(stats.maxRendersPerMessagePerPublish).toBe(1)
    // The cost the store measured for its latest publish, as the store reported it.
    expect(records).toHaveLength(3)
    expect(stats.publishCostMs.lastMs).toBe(records.at(-1)!.durationMs)
    off()
    scope.stop()
    expect(isPublishObserved()).toBe(false)
  })

  it('keeps the latest publish cost and the largest one seen', () => {
    const scope = effectScope()
    const monitor = scope.run(() => useReactivityMonitor({ frames: false, longTasks: false }))!
    for (const durationMs of [3, 9, 4]) emitPublish({ at: 0, durationMs, messageIds: ['a'], deltas: 1, inFrame: false, source: 'store' })
    monitor.stop()
    expect(monitor.stats.value.publishes).toBe(3)
    expect(monitor.stats.value.publishCostMs).toEqual({ lastMs: 4, maxMs: 9 })
    scope.stop()
  })
})
