// The keyboard, as a reader uses it: real key presses (Tab, PageUp, End …) through the browser, with the list
// virtualized and with every message rendered. Focus must stay on a message the reader can see, never on <body>.
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { nextFrames } from '../../../test/support/frames'
import { makeHistory, seededWords } from '../../../test/support/history'
import { distanceFromBottom, message, mountList, streamAnswer, untilScrollSettles } from './MessageList.test-support'
import type { MountedList } from './MessageList.test-support'
import { PAGE_FRACTION } from './useRowFocus'

let list: MountedList | undefined
const extra: HTMLElement[] = []
afterEach(() => {
  list?.unmount()
  list = undefined
  for (const el of extra.splice(0)) el.remove()
})

/** The list between two buttons, as in an app (a toolbar above, a composer below). */
function mountBetweenButtons(...args: Parameters<typeof mountList>) {
  const before = document.createElement('button')
  before.textContent = 'Before'
  document.body.append(before)
  const l = mountList(...args)
  const after = document.createElement('button')
  after.textContent = 'After'
  l.host.after(after)
  extra.push(before, after)
  return { l, before, after }
}

const focusedRow = () => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-message-key]') ?? null

function isVisible(l: MountedList, el: Element) {
  const box = l.scroller.getBoundingClientRect()
  const rect = el.getBoundingClientRect()
  return rect.bottom > box.top + 1 && rect.top < box.bottom - 1
}

/** The text at the viewport's top edge and where it is: what a page move must move by exactly one page. */
function textAtTop(l: MountedList) {
  const box = l.scroller.getBoundingClientRect()
  const el = document.elementFromPoint(box.left + box.width / 4, box.top + 2)!
  return { el, top: () => el.getBoundingClientRect().top - box.top, at: el.getBoundingClientRect().top - box.top }
}

async function settle(l: MountedList) {
  await nextFrames(2)
  await untilScrollSettles(l.scroller, 3)
}

describe.each([
  ['virtualized', 400, 'auto'],
  ['every message rendered', 120, 'never'],
] as const)('MessageList keyboard walk (%s)', (_name, count, virtualize) => {
  it('Tab in, PageUp ×5, End, Tab out: focus stays on a message in view and the walk ends at the bottom', async () => {
    const { l, before, after } = mountBetweenButtons(makeHistory(count, { text: seededWords() }), { virtualize })
    list = l
    await nextFrames(4)
    expect(l.root.dataset.virtualization).toBe(virtualize === 'auto' ? 'on' : 'off')
    before.focus()
    const bottomTop = l.scroller.scrollTop
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)

    // Tab in: the newest message (the view follows the bottom), and the view does not move.
    await userEvent.tab()
    await settle(l)
    expect(focusedRow()?.dataset.messageKey).toBe(`m${count - 1}`)
    expect(document.activeElement).toBe(focusedRow())
    expect(l.scroller.scrollTop).toBe(bottomTop)
    expect(l.root.dataset.stick).toBe('locked')

    // PageUp five times: a full page each, focus on a message in view, never on <body>.
    const page = l.scroller.clientHeight * PAGE_FRACTION
    for (let i = 0; i < 5; i++) {
      const text = textAtTop(l)
      await userEvent.keyboard('{PageUp}')
      await settle(l)
      expect(document.activeElement).not.toBe(document.body)
      const row = focusedRow()
      expect(row).not.toBeNull()
      expect(l.scroller.contains(row)).toBe(true)
      expect(isVisible(l, row!)).toBe(true)
      // What was at the top edge is one page lower (rows rendered above on the way do not cut the move short).
      expect(text.el.isConnected).toBe(true)
      expect(Math.abs(text.top() - text.at - page)).toBeLessThanOrEqual(1)
    }
    expect(l.root.dataset.stick).toBe('released')

    // End: the bottom, following again, the newest message focused.
    await userEvent.keyboard('{End}')
    await settle(l)
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)
    expect(l.root.dataset.stick).toBe('locked')
    expect(focusedRow()?.dataset.messageKey).toBe(`m${count - 1}`)

    // Tab out: past the newest message's own buttons, out of the list to the next control.
    await userEvent.tab()
    const copy = focusedRow()?.querySelector('button')
    if (document.activeElement === copy) await userEvent.tab()
    expect(document.activeElement).toBe(after)
    await settle(l)
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)
  })

  it('PageDown moves a full page and follows again at the bottom; Home goes to the first message', async () => {
    const { l, before } = mountBetweenButtons(makeHistory(count, { text: seededWords() }), { virtualize })
    list = l
    await nextFrames(4)
    before.focus()
    await userEvent.tab()
    await userEvent.keyboard('{PageUp}{PageUp}{PageUp}')
    await settle(l)
    const page = l.scroller.clientHeight * PAGE_FRACTION
    const box = l.scroller.getBoundingClientRect()
    const bottomText = document.elementFromPoint(box.left + box.width / 4, box.bottom - 2)!
    const bottomAt = bottomText.getBoundingClientRect().top
    await userEvent.keyboard('{PageDown}')
    await settle(l)
    expect(Math.abs(bottomAt - bottomText.getBoundingClientRect().top - page)).toBeLessThanOrEqual(1)
    expect(isVisible(l, focusedRow()!)).toBe(true)
    await userEvent.keyboard('{PageDown}{PageDown}{PageDown}')
    await settle(l)
    expect(distanceFromBottom(l.scroller)).toBeLessThanOrEqual(1)
    expect(l.root.dataset.stick).toBe('locked')

    await userEvent.keyboard('{Home}')
    await settle(l)
    expect(l.scroller.scrollTop).toBe(0)
    expect(focusedRow()?.dataset.messageKey).toBe('m0')
    expect(isVisible(l, focusedRow()!)).toBe(true)
  })
})

describe('MessageList keyboard: one tab stop', () => {
  it('Tab into a list the reader scrolled up in focuses the message at the reading line, without scrolling', async () => {
    const { l, before } = mountBetweenButtons(makeHistory(120, { text: seededWords() }), { virtualize: 'never' })
    list = l
    await nextFrames(4)
    await userEvent.wheel(l.scroller, { delta: { y: -2000 } })
    await untilScrollSettles(l.scroller)
    before.focus()
    const top = l.scroller.scrollTop
    await userEvent.tab()
    await settle(l)
    const row = focusedRow()!
    expect(l.scroller.scrollTop).toBe(top)
    const box = l.scroller.getBoundingClientRect()
    const line = box.top + l.scroller.clientHeight / 3
    const rect = row.getBoundingClientRect()
    expect(rect.top).toBeLessThanOrEqual(line)
    expect(rect.bottom).toBeGreaterThan(line)
    // Only the list is a tab stop, not every message.
    const rows = l.scroller.querySelectorAll<HTMLElement>('[data-message-key]')
    expect(Array.from(rows).every((r) => r.tabIndex === -1)).toBe(true)
  })

  it('Shift+Tab from after the list enters at the message in view, not at the last button', async () => {
    const { l, after } = mountBetweenButtons(makeHistory(400, { text: seededWords() }), { virtualize: 'auto' })
    list = l
    await nextFrames(4)
    after.focus()
    const top = l.scroller.scrollTop
    await userEvent.tab({ shift: true })
    await settle(l)
    expect(focusedRow()?.dataset.messageKey).toBe('m399')
    expect(document.activeElement).toBe(focusedRow())
    expect(l.scroller.scrollTop).toBe(top)
    // Shift+Tab again leaves the list backwards in one step.
    await userEvent.tab({ shift: true })
    expect(l.scroller.contains(document.activeElement)).toBe(false)
  })

  it("Tab from a message walks its own buttons, then leaves; Shift+Tab comes back to the message", async () => {
    const { l, before, after } = mountBetweenButtons(makeHistory(12, { text: seededWords() }), { virtualize: 'never' })
    list = l
    await nextFrames(4)
    before.focus()
    await userEvent.tab()
    const row = focusedRow()!
    expect(row.dataset.messageKey).toBe('m11')
    const copy = row.querySelector('button')!
    await userEvent.tab()
    expect(document.activeElement).toBe(copy)
    await userEvent.tab()
    expect(document.activeElement).toBe(after)
    await userEvent.tab({ shift: true })
    expect(focusedRow()?.dataset.messageKey).toBe('m11')
  })
})

describe('MessageList keyboard: the focused message stays', () => {
  it('keeps the focused row mounted while the reader wheels far away, and Arrow Up brings the message above it into view', async () => {
    list = mountList(makeHistory(400, { text: seededWords() }), { virtualize: 'auto' })
    await nextFrames(4)
    const last = list.scroller.querySelector<HTMLElement>('[data-message-key="m399"]')!
    last.focus()
    for (let i = 0; i < 4; i++) await userEvent.wheel(list.scroller, { delta: { y: -4000 } })
    await untilScrollSettles(list.scroller)
    expect(document.activeElement).toBe(last)
    expect(last.isConnected).toBe(true)
    expect(isVisible(list, last)).toBe(false)
    // Rows in view are laid out as before: the pinned row takes no room.
    expect(list.scroller.querySelectorAll('[data-message-key]').length).toBeLessThan(40)

    const row = list.scroller.querySelector<HTMLElement>('[data-message-key="m390"]')
    expect(row).toBeNull()
    await userEvent.keyboard('{ArrowUp}')
    await settle(list)
    expect(focusedRow()?.dataset.messageKey).toBe('m398')
    expect(isVisible(list, focusedRow()!)).toBe(true)
  })

  it('gives focus back to a streaming message when it finishes and joins the virtual window', async () => {
    list = mountList(makeHistory(300, { text: seededWords() }), { virtualize: 'auto' })
    await nextFrames(4)
    await streamAnswer(list, 'live', 'word '.repeat(200), {
      chunk: 40,
      intervalMs: 8,
      during: async (step) => {
        if (step !== 2) return
        list!.scroller.querySelector<HTMLElement>('[data-message-key="live"]')!.focus()
      },
    })
    await nextFrames(4)
    expect(list.root.dataset.virtualization).toBe('on')
    const row = focusedRow()!
    expect(row.dataset.messageKey).toBe('live')
    expect(row.classList.contains('vcs-message-list__row--live')).toBe(false)
    expect(document.activeElement).toBe(row)
  })

  it('keeps focus when the list switches from virtualized to rendering everything (pause) and back', async () => {
    const history = makeHistory(300, { text: seededWords() })
    list = mountList(history, { virtualize: 'auto', streamingStrategy: 'pause' })
    await nextFrames(4)
    const row = list.scroller.querySelector<HTMLElement>('[data-message-key="m299"]')!
    row.focus()
    list.setMessages([...history, message('live', 'Hello', 'streaming')])
    await nextFrames(3)
    expect(list.root.dataset.virtualization).toBe('paused')
    expect(document.activeElement).toBe(row)
    list.setMessages([...history, message('live', 'Hello world', 'done')])
    await nextFrames(3)
    expect(list.root.dataset.virtualization).toBe('on')
    expect(document.activeElement).toBe(row)
  })
})
