/* eslint-disable vue/one-component-per-file -- small test components */
import { createPinia } from 'pinia'
import { createApp, defineComponent, h, nextTick, shallowRef, triggerRef, type PropType } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../types'
import { onPublish } from '../instrumentation/hooks'
import { useSessionsStore } from './sessions'
import { nextFrames } from '../../test/support/frames'
import { makeHistory } from '../../test/support/history'

const history = (count: number) => makeHistory(count, { lastStatus: 'streaming' })

/** Counts renders per message id, like MessageItem's `reportRender` hook would. */
function renderCounter() {
  const renders = new Map<string, number>()
  const Item = defineComponent({
    props: { message: { type: Object as PropType<ChatMessage>, required: true } },
    setup(props) {
      return () => {
        renders.set(props.message.id, (renders.get(props.message.id) ?? 0) + 1)
        return h('p', { 'data-id': props.message.id, style: 'white-space: pre-wrap' }, props.message.content)
      }
    },
  })
  return { renders, Item }
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function mount(root: ReturnType<typeof defineComponent>, pinia = createPinia()) {
  const el = document.createElement('div')
  document.body.append(el)
  const app = createApp(root)
  app.use(pinia)
  app.mount(el)
  cleanups.push(() => {
    app.unmount()
    el.remove()
  })
  return el
}

describe('sessions store in Chromium', () => {
  it('with 100 messages and one streaming, only the streaming message re-renders', async () => {
    const { renders, Item } = renderCounter()
    const pinia = createPinia()
    let store!: ReturnType<typeof useSessionsStore>
    const el = mount(
      defineComponent({
        setup() {
          store = useSessionsStore()
          store.createSession({ id: 's', messages: history(100) })
          const messages = store.getMessages('s')
          return () => h('div', messages.value.map((m) => h(Item, { key: m.id, message: m })))
        },
      }),
      pinia,
    )
    expect(renders.size).toBe(100)
    let publishes = 0
    const off = onPublish(() => publishes++)
    for (let f = 0; f < 10; f++) {
      for (let i = 0; i < 20; i++) store.updateMessageContent('s', 'm99', `${f}.${i} `)
      await nextFrames()
      await nextTick()
    }
    off()
    expect(publishes).toBeGreaterThanOrEqual(1)
    expect(publishes).toBeLessThanOrEqual(10)
    for (let i = 0; i < 99; i++) expect(renders.get(`m${i}`), `m${i}`).toBe(1)
    expect(renders.get('m99')).toBe(1 + publishes)
    const expected = 'message 99' + Array.from({ length: 200 }, (_, k) => `${Math.floor(k / 20)}.${k % 20} `).join('')
    expect(el.querySelector('[data-id="m99"]')!.textContent).toBe(expected)
  })

  it('1,000 deltas in one task make one publish at the next frame', async () => {
    const pinia = createPinia()
    let store!: ReturnType<typeof useSessionsStore>
    mount(
      defineComponent({
        setup() {
          store = useSessionsStore()
          store.createSession({ id: 's', messages: history(10) })
          return () => h('div')
        },
      }),
      pinia,
    )
    const inFrame: boolean[] = []
    const off = onPublish((r) => inFrame.push(r.inFrame))
    for (let i = 0; i < 1000; i++) store.updateMessageContent('s', 'm9', 'x')
    expect(inFrame).toEqual([])
    await nextFrames(2)
    off()
    // One publish; normally from the rAF callback, from the safety timer if the machine is too busy to paint.
    expect(inFrame).toHaveLength(1)
    expect(store.getMessages('s').value[9]!.content).toBe('message 9' + 'x'.repeat(1000))
  })

  it('shows why mutate-in-place is a bug: triggerRef re-renders the parent, not a child whose prop is the same object (vuejs/core#9732)', async () => {
    const { renders, Item } = renderCounter()
    const messages = shallowRef([{ id: 'x', role: 'assistant', content: 'a', status: 'streaming', createdAt: 0 }])
    const el = mount(defineComponent({ setup: () => () => h('div', messages.value.map((m) => h(Item, { key: m.id, message: m as ChatMessage }))) }))
    ;(messages.value[0] as { content: string }).content += 'b'
    triggerRef(messages)
    await nextTick()
    expect(el.textContent).toBe('a')
    expect(renders.get('x')).toBe(1)
  })
})
