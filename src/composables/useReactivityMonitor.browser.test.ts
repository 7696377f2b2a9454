/* eslint-disable vue/one-component-per-file -- small test components */
import { createPinia } from 'pinia'
import { createApp, defineComponent, h, onBeforeUpdate, onMounted, type PropType } from 'vue'
import { expect, it } from 'vitest'
import { isPublishObserved, reportRender } from '../instrumentation/hooks'
import { useSessionsStore } from '../stores/sessions'
import type { ChatMessage } from '../types'
import { nextFrames } from '../../test/support/frames'
import { useReactivityMonitor, type UseReactivityMonitorReturn } from './useReactivityMonitor'

const Row = defineComponent({
  props: { message: { type: Object as PropType<ChatMessage>, required: true } },
  setup(props) {
    onMounted(() => reportRender(props.message.id))
    onBeforeUpdate(() => reportRender(props.message.id))
    return () => h('p', props.message.content)
  },
})

it('measures publishes, renders per message per publish, update→paint latency and frames in Chromium', async () => {
  let store!: ReturnType<typeof useSessionsStore>
  let monitor!: UseReactivityMonitorReturn
  const el = document.body.appendChild(document.createElement('div'))
  const app = createApp(
    defineComponent({
      setup() {
        store = useSessionsStore()
        monitor = useReactivityMonitor()
        store.createSession({
          id: 's',
          // m49 is the answer being written: a finished message refuses appends.
          messages: Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, role: 'assistant', content: `m${i}`, status: i === 49 ? 'streaming' : 'done', createdAt: 0 })),
        })
        const messages = store.getMessages('s')
        return () => h('div', messages.value.map((m) => h(Row, { key: m.id, message: m })))
      },
    }),
  )
  app.use(createPinia()).mount(el)
  for (let f = 0; f < 8; f++) {
    for (let i = 0; i < 30; i++) store.updateMessageContent('s', 'm49', '.')
    await nextFrames()
  }
  await nextFrames(6)
  const stats = monitor.stats.value
  // createSession publishes once, then at most one publish per frame
  expect(stats.publishes).toBeGreaterThanOrEqual(2)
  expect(stats.publishes).toBeLessThanOrEqual(9)
  expect(stats.deltas).toBe(240)
  expect(stats.rendersByMessage.get('m49')).toBe(stats.publishes)
  expect(stats.rendersByMessage.get('m0')).toBe(1)
  expect(stats.maxRendersPerMessagePerPublish).toBe(1)
  expect(stats.unchangedRenders).toBe(0)
  expect(stats.latency.p50Ms).toBeGreaterThanOrEqual(0)
  expect(stats.latency.maxMs).toBeGreaterThanOrEqual(stats.latency.p50Ms!)
  expect(stats.frames).toBeGreaterThan(5)
  expect(stats.supported.latency).toBe(true)
  expect(isPublishObserved()).toBe(true)
  app.unmount()
  el.remove()
  expect(isPublishObserved()).toBe(false)
})
