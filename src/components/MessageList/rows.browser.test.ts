import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { defineComponent, h, type PropType } from 'vue'
import { nextFrames } from '../../../test/support/frames'
import { makeHistory } from '../../../test/support/history'
import type { ChatMessage } from '../../types'
import { message, mountList } from './MessageList.test-support'
import type { MountedList } from './MessageList.test-support'

let list: MountedList | undefined
afterEach(() => {
  list?.unmount()
  list = undefined
})

/** A row of the caller's own: shows the slot props it was given. */
const OwnRow = defineComponent({
  props: {
    message: { type: Object as PropType<ChatMessage>, required: true },
    index: { type: Number, required: true },
    live: { type: Boolean, required: true },
  },
  setup: (props) => () => h('p', { class: 'own-row', 'data-index': props.index, 'data-live': String(props.live) }, props.message.content),
})

const row = (l: MountedList, id: string) => l.scroller.querySelector<HTMLElement>(`[data-message-key="${id}"]`)!
const button = (l: MountedList, id: string, name: string) =>
  Array.from(row(l, id).querySelectorAll('button')).find((b) => b.textContent?.trim() === name)!

// The same row markup serves every mode: all rendered ('never'), virtualized history ('always', nothing streams),
// and the streaming message below the virtual window ('outside').
describe.each(['never', 'always'] as const)('MessageList rows (virtualize: %s)', (virtualize) => {
  it("renders MessageItem and forwards its copy, retry and stop, also from the streaming row", async () => {
    const history = [...makeHistory(8), message('a', 'Half an answer', 'stopped')]
    list = mountList(history, { virtualize })
    await nextFrames(3)
    expect(row(list, 'a').querySelector('.vcs-message')).not.toBeNull()
    await userEvent.click(button(list, 'a', 'Retry'))
    await userEvent.click(button(list, 'm7', 'Copy'))
    list.setMessages([...history, message('q', 'Again?', 'done', 'user'), message('live', 'Streaming', 'streaming')])
    await nextFrames(3)
    expect(list.root.dataset.virtualization).toBe(virtualize === 'always' ? 'outside' : 'off')
    expect(row(list, 'live').classList.contains('vcs-message-list__row--live')).toBe(virtualize === 'always')
    await userEvent.click(button(list, 'live', 'Stop'))
    const forwarded = list.events.filter((e) => ['copy', 'retry', 'stop'].includes(e.name))
    expect(forwarded.map((e) => [e.name, e.args[0]])).toEqual([
      ['retry', 'a'],
      ['copy', { messageId: 'm7', kind: 'message', text: 'message 7' }],
      ['stop', 'live'],
    ])
  })

  it('renders the default slot instead, with message, index and live', async () => {
    const history = makeHistory(6)
    list = mountList(history, { virtualize }, { item: OwnRow })
    await nextFrames(3)
    list.setMessages([...history, message('live', 'Streaming', 'streaming')])
    await nextFrames(3)
    expect(list.scroller.querySelector('.vcs-message')).toBeNull()
    const own = (id: string) => row(list!, id).querySelector<HTMLElement>('.own-row')!
    expect([own('m2').textContent, own('m2').dataset.index, own('m2').dataset.live]).toEqual(['message 2', '2', 'false'])
    expect([own('live').textContent, own('live').dataset.index, own('live').dataset.live]).toEqual(['Streaming', '6', 'true'])
    // Each row is one list item whatever renders inside it.
    expect(row(list, 'live').getAttribute('aria-posinset')).toBe('7')
    expect(row(list, 'live').getAttribute('aria-setsize')).toBe('7')
  })
})
