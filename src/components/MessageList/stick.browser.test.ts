import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { nextFrames } from '../../../test/support/frames'
import { makeHistory, seededWords } from '../../../test/support/history'
import { distanceFromBottom, firstVisible, mountList, rowTop, streamAnswer, tallMarkdown, untilScrollSettles } from './MessageList.test-support'
import type { MountedList } from './MessageList.test-support'

let list: MountedList | undefined
afterEach(() => {
  document.getSelection()?.removeAllRanges()
  list?.unmount()
  list = undefined
})

async function mountAtBottom() {
  list = mountList(makeHistory(120, { text: seededWords() }), { virtualize: 'always' })
  await nextFrames(4)
  expect(list.root.dataset.stick).toBe('locked')
  return list
}

function releaseReasons(l: MountedList) {
  return l.events.filter((e) => e.name === 'stick-change').map((e) => e.args[0])
}

describe('useStickToBottom through MessageList: reader intent', () => {
  it.each(['PageUp', 'Home', 'ArrowUp'])('releases on %s', async (key) => {
    const l = await mountAtBottom()
    l.scroller.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
    await nextFrames(1)
    expect(l.root.dataset.stick).toBe('released')
  })

  it('releases on a scrollbar press (pointerdown on the container itself)', async () => {
    const l = await mountAtBottom()
    l.scroller.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
    await nextFrames(1)
    expect(l.root.dataset.stick).toBe('released')
  })

  it('does not release on a click inside a message', async () => {
    const l = await mountAtBottom()
    const row = l.scroller.querySelector('.vcs-message-list__row')!
    row.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
    await nextFrames(1)
    expect(l.root.dataset.stick).toBe('locked')
  })

  it('releases when the reader selects text in the list', async () => {
    const l = await mountAtBottom()
    const rows = l.scroller.querySelectorAll('.vcs-message-list__row')
    document.getSelection()!.selectAllChildren(rows[rows.length - 1]!)
    await nextFrames(2)
    expect(l.root.dataset.stick).toBe('released')
  })

  it('releases on a touch drag downwards', async () => {
    const l = await mountAtBottom()
    const touch = (y: number) => new Touch({ identifier: 1, target: l.scroller, clientX: 100, clientY: y })
    l.scroller.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(200)], bubbles: true }))
    l.scroller.dispatchEvent(new TouchEvent('touchmove', { touches: [touch(240)], bubbles: true }))
    await nextFrames(1)
    expect(l.root.dataset.stick).toBe('released')
  })

  it('re-locks when the reader scrolls back near the bottom, and emits both changes', async () => {
    const l = await mountAtBottom()
    await userEvent.wheel(l.scroller, { delta: { y: -600 } })
    await untilScrollSettles(l.scroller)
    expect(l.root.dataset.stick).toBe('released')
    await userEvent.wheel(l.scroller, { delta: { y: 580 } })
    await untilScrollSettles(l.scroller)
    expect(l.root.dataset.stick).toBe('locked')
    expect(releaseReasons(l)).toEqual([false, true])
  })

  it('shows jump-to-latest with the count of messages that arrived meanwhile', async () => {
    const l = await mountAtBottom()
    await userEvent.wheel(l.scroller, { delta: { y: -800 } })
    await untilScrollSettles(l.scroller)
    const more = makeHistory(3, { start: 120, text: seededWords(5) })
    l.setMessages([...l.messages(), ...more])
    await nextFrames(2)
    const jump = l.host.querySelector<HTMLButtonElement>('.vcs-message-list__jump')!
    expect(jump.textContent).toContain('Jump to latest')
    expect(jump.textContent).toContain('3 new messages')
    jump.click()
    await nextFrames(2)
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)
    expect(l.host.querySelector('.vcs-message-list__jump')).toBeNull()
  })
})

describe('useStickToBottom through MessageList: container resizes', () => {
  it('stays at the bottom when locked and the container shrinks or grows', async () => {
    const l = await mountAtBottom()
    l.host.style.height = '420px'
    await nextFrames(3)
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)
    l.host.style.height = '700px'
    await nextFrames(3)
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)
    expect(l.root.dataset.stick).toBe('locked')
  })

  it('leaves a reader who scrolled away where they are', async () => {
    const l = await mountAtBottom()
    await userEvent.wheel(l.scroller, { delta: { y: -1200 } })
    await untilScrollSettles(l.scroller)
    const anchor = firstVisible(l)
    l.host.style.height = '450px'
    await nextFrames(3)
    expect(Math.abs(rowTop(l, anchor.key)! - anchor.top)).toBeLessThanOrEqual(1)
    expect(l.root.dataset.stick).toBe('released')
  })

  it('never takes its own writes for the reader (following a stream emits no release)', async () => {
    const l = await mountAtBottom()
    await streamAnswer(l, 'live', tallMarkdown(5000, 9), { chunk: 50, intervalMs: 4 })
    await nextFrames(3)
    expect(releaseReasons(l)).toEqual([])
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)
  })
})
