import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { nextFrames } from '../../../test/support/frames'
import { makeHistory, seededWords } from '../../../test/support/history'
import {
  distanceFromBottom,
  firstVisible,
  message,
  mountList,
  rowTop,
  streamAnswer,
  tallMarkdown,
  untilScrollSettles,
  watchBottomGap,
} from './MessageList.test-support'
import type { MountedList } from './MessageList.test-support'

let list: MountedList | undefined
afterEach(() => {
  list?.unmount()
  list = undefined
})

describe.each(['outside', 'pause'] as const)('MessageList scrolling (streamingStrategy: %s)', (streamingStrategy) => {
  it('follows a fast stream of tall markdown to the last pixel', async () => {
    list = mountList(makeHistory(300, { text: seededWords() }), { virtualize: 'always', streamingStrategy })
    await nextFrames(4)
    expect(distanceFromBottom(list.scroller)).toBeLessThanOrEqual(1)
    const gap = watchBottomGap(list)
    await streamAnswer(list, 'live', tallMarkdown(6000), { chunk: 60, intervalMs: 4 })
    await nextFrames(4)
    gap.stop()
    expect(gap.gaps.length).toBeGreaterThan(20)
    // After every layout the list painted, the bottom edge was in view.
    expect(Math.max(...gap.gaps)).toBeLessThanOrEqual(1)
    expect(distanceFromBottom(list.scroller)).toBeLessThanOrEqual(1)
    expect(list.root.dataset.stick).toBe('locked')
  })

  it('lets the reader scroll up during a fast stream and stays put', async () => {
    list = mountList(makeHistory(300, { text: seededWords() }), { virtualize: 'always', streamingStrategy })
    await nextFrames(4)
    let anchor: { key: string; top: number } | undefined
    let scrollTop = 0
    await streamAnswer(list, 'live', tallMarkdown(8000, 2), {
      chunk: 40,
      intervalMs: 4,
      during: async (step) => {
        if (step !== 20) return
        await userEvent.wheel(list!.scroller, { delta: { y: -500 } })
        await untilScrollSettles(list!.scroller)
        anchor = firstVisible(list!)
        scrollTop = list!.scroller.scrollTop
      },
    })
    await nextFrames(4)
    expect(anchor).toBeDefined()
    expect(list.root.dataset.stick).toBe('released')
    expect(Math.abs(list.scroller.scrollTop - scrollTop)).toBeLessThanOrEqual(1)
    expect(Math.abs(rowTop(list, anchor!.key)! - anchor!.top)).toBeLessThanOrEqual(1)
    expect(distanceFromBottom(list.scroller)).toBeGreaterThan(1000)
    // Jump to latest brings it back and follows again.
    const jump = list.host.querySelector<HTMLButtonElement>('.vcs-message-list__jump')!
    expect(jump).not.toBeNull()
    await userEvent.click(jump)
    await nextFrames(2)
    expect(distanceFromBottom(list.scroller)).toBeLessThanOrEqual(1)
    expect(list.root.dataset.stick).toBe('locked')
  })

  it('does not jump when the stream ends (following, and scrolled away)', async () => {
    list = mountList(makeHistory(300, { text: seededWords() }), { virtualize: 'always', streamingStrategy })
    await nextFrames(4)
    // Following: the bottom stays the bottom through the status change.
    const gap = watchBottomGap(list)
    await streamAnswer(list, 'a1', tallMarkdown(3000, 3), { chunk: 80, intervalMs: 4 })
    await nextFrames(6)
    gap.stop()
    expect(Math.max(...gap.gaps)).toBeLessThanOrEqual(1)
    expect(distanceFromBottom(list.scroller)).toBeLessThanOrEqual(1)

    // Scrolled away, reading the streaming message itself: it stays where it is when it ends.
    await streamAnswer(list, 'a2', tallMarkdown(4000, 4), { chunk: 80, intervalMs: 4, keepOpen: true })
    await userEvent.wheel(list.scroller, { delta: { y: -300 } })
    await untilScrollSettles(list.scroller)
    const before = rowTop(list, 'a2')!
    const visible = firstVisible(list)
    const current = list.messages()
    list.setMessages([...current.slice(0, -1), { ...current.at(-1)!, status: 'done' }])
    await nextFrames(6)
    expect(list.root.dataset.virtualization).toBe('on')
    expect(Math.abs(rowTop(list, 'a2')! - before)).toBeLessThanOrEqual(1)
    expect(Math.abs(rowTop(list, visible.key)! - visible.top)).toBeLessThanOrEqual(1)
  })
})

describe('MessageList prepend', () => {
  it.each(['always', 'never'] as const)('prepends 50 older messages without moving the view (virtualize: %s)', async (virtualize) => {
    list = mountList(makeHistory(150, { start: 50, text: seededWords() }), { virtualize })
    await nextFrames(4)
    await userEvent.wheel(list.scroller, { delta: { y: -2500 } })
    await untilScrollSettles(list.scroller)
    const anchor = firstVisible(list)
    const positionOf = (key: string) => Number(list!.scroller.querySelector(`[data-message-key="${key}"]`)?.getAttribute('aria-posinset'))
    const anchorPosition = positionOf(anchor.key)
    const windowHeight = () => list!.scroller.querySelector<HTMLElement>('.vcs-message-list__window')!.offsetHeight
    const heightBefore = windowHeight()
    list.setMessages([...makeHistory(50, { text: seededWords(99) }), ...list.messages()])
    await nextFrames(8)
    // The reader's row is now 50 places further down a list of 200, and has not moved on screen.
    expect(positionOf(anchor.key)).toBe(anchorPosition + 50)
    expect(Math.abs(rowTop(list, anchor.key)! - anchor.top)).toBeLessThanOrEqual(1)
    const rendered = list.scroller.querySelectorAll('.vcs-message-list__row').length
    if (virtualize === 'always') {
      // Still a window: the 50 new rows far above the view take room in the sizer but are not rendered.
      expect(list.root.dataset.virtualization).toBe('on')
      expect(windowHeight()).toBeGreaterThan(heightBefore + 50 * 40)
      expect(list.scroller.querySelector('[data-message-key="m0"]')).toBeNull()
      expect(rendered).toBeLessThan(60)
    } else {
      expect(list.root.dataset.virtualization).toBe('off')
      expect(list.scroller.querySelector('[data-message-key="m0"]')).not.toBeNull()
      expect(rendered).toBe(200)
    }
  })

  it('calls loadOlder at the top and keeps the first visible message in place', async () => {
    let calls = 0
    let anchor: { key: string; top: number } | undefined
    list = mountList(makeHistory(60, { start: 200, text: seededWords() }), {
      virtualize: 'always',
      loadOlder: async () => {
        calls++
        await untilScrollSettles(list!.scroller)
        anchor = firstVisible(list!)
        list!.setMessages([...makeHistory(50, { start: 150, text: seededWords(3) }), ...list!.messages()])
      },
    })
    await nextFrames(4)
    list.scroller.scrollTop = 400
    await untilScrollSettles(list.scroller)
    await userEvent.wheel(list.scroller, { delta: { y: -400 } })
    await untilScrollSettles(list.scroller)
    await nextFrames(4)
    expect(calls).toBe(1)
    expect(list.events.filter((e) => e.name === 'load-older')).toHaveLength(1)
    expect(anchor).toBeDefined()
    expect(Math.abs(rowTop(list, anchor!.key)! - anchor!.top)).toBeLessThanOrEqual(1)
    expect(list.scroller.scrollTop).toBeGreaterThan(1000)
  })
})

describe('MessageList large history', () => {
  it('opens 10,000 messages exactly at the bottom with a bounded number of rows', async () => {
    list = mountList(makeHistory(10_000, { text: seededWords() }), { virtualize: 'auto' })
    await nextFrames(10)
    expect(list.root.dataset.virtualization).toBe('on')
    expect(distanceFromBottom(list.scroller)).toBeLessThanOrEqual(1)
    const rows = list.scroller.querySelectorAll('.vcs-message-list__row')
    expect(rows.length).toBeGreaterThan(2)
    expect(rows.length).toBeLessThan(60)
    const last = list.scroller.querySelector<HTMLElement>('[data-message-key="m9999"]')!
    const gapBelow = list.scroller.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom
    // The last message sits on the bottom edge (only the content's bottom padding below it).
    expect(gapBelow).toBeGreaterThanOrEqual(0)
    expect(gapBelow).toBeLessThanOrEqual(24)
  })

  it('keeps the streaming message out of the virtual window (outside) or renders everything (pause)', async () => {
    const history = makeHistory(400, { text: seededWords() })
    list = mountList(history, { virtualize: 'auto' })
    await nextFrames(4)
    list.setMessages([...history, message('q', 'Question?', 'done', 'user'), message('live', 'Hello', 'streaming')])
    await nextFrames(3)
    expect(list.root.dataset.virtualization).toBe('outside')
    const liveRow = list.scroller.querySelector('[data-message-key="live"]')!
    expect(liveRow.classList.contains('vcs-message-list__row--live')).toBe(true)
    expect(liveRow.closest('.vcs-message-list__window')).toBeNull()
    expect(list.scroller.querySelectorAll('.vcs-message-list__row').length).toBeLessThan(60)
    list.unmount()

    list = mountList(history, { virtualize: 'auto', streamingStrategy: 'pause' })
    await nextFrames(4)
    list.setMessages([...history, message('live', 'Hello', 'streaming')])
    await nextFrames(3)
    expect(list.root.dataset.virtualization).toBe('paused')
    expect(list.scroller.querySelectorAll('.vcs-message-list__row').length).toBe(401)
    expect(distanceFromBottom(list.scroller)).toBeLessThanOrEqual(1)
    list.setMessages([...history, message('live', 'Hello world', 'done')])
    await nextFrames(6)
    expect(list.root.dataset.virtualization).toBe('on')
    expect(distanceFromBottom(list.scroller)).toBeLessThanOrEqual(1)
    expect(list.events.filter((e) => e.name === 'virtualization-change').map((e) => e.args[0])).toEqual(['on', 'paused', 'on'])
  })
})
