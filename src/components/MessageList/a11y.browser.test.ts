import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { nextFrames } from '../../../test/support/frames'
import { makeHistory, seededWords } from '../../../test/support/history'
import { message, mountList, streamAnswer } from './MessageList.test-support'
import type { MountedList } from './MessageList.test-support'

let list: MountedList | undefined
afterEach(() => {
  list?.unmount()
  list = undefined
})

function recordAnnouncements(l: MountedList) {
  const region = l.host.querySelector('[role="status"][aria-live="polite"]')!
  const texts: string[] = []
  const observer = new MutationObserver(() => {
    const text = region.textContent?.trim() ?? ''
    if (text) texts.push(text)
  })
  observer.observe(region, { childList: true, characterData: true, subtree: true })
  return { texts, stop: () => observer.disconnect() }
}

describe('MessageList accessibility', () => {
  it('is a named log, busy while streaming, silent per token', async () => {
    list = mountList(makeHistory(6, { text: seededWords() }))
    await nextFrames(2)
    const log = list.host.querySelector('[role="log"]')!
    expect(log.getAttribute('aria-label')).toBe('Messages')
    expect(log.getAttribute('aria-live')).toBe('off')
    expect(log.getAttribute('aria-busy')).toBe('false')
    const said = recordAnnouncements(list)
    let busyWhileStreaming = ''
    await streamAnswer(list, 'live', 'word '.repeat(400), {
      chunk: 5,
      intervalMs: 1,
      during: (step) => {
        if (step === 10) busyWhileStreaming = log.getAttribute('aria-busy') ?? ''
      },
    })
    await nextFrames(3)
    said.stop()
    expect(busyWhileStreaming).toBe('true')
    expect(log.getAttribute('aria-busy')).toBe('false')
    // One announcement when it starts, one when it completes — not one per token.
    expect(said.texts).toEqual(['The assistant is answering.', 'The answer is complete.'])
  })

  it('announces stopped and failed answers, in German, with overrides', async () => {
    list = mountList(makeHistory(2, { text: seededWords() }), { locale: 'de', strings: { answerFailed: 'Fehler beim Antworten.' } })
    await nextFrames(2)
    expect(list.host.querySelector('[role="log"]')!.getAttribute('aria-label')).toBe('Nachrichten')
    const said = recordAnnouncements(list)
    await streamAnswer(list, 'a', 'Hallo Welt', { chunk: 3, intervalMs: 2, final: 'stopped' })
    await nextFrames(2)
    await streamAnswer(list, 'b', 'Noch einmal', { chunk: 3, intervalMs: 2, final: 'error' })
    await nextFrames(2)
    said.stop()
    expect(said.texts).toEqual([
      'Der Assistent antwortet.',
      'Die Antwort wurde angehalten.',
      'Der Assistent antwortet.',
      'Fehler beim Antworten.',
    ])
  })

  it('is one tab stop: the list takes focus for its messages; arrow keys move between messages', async () => {
    list = mountList([...makeHistory(4, { text: seededWords() }), message('q', 'Last question', 'done', 'user')])
    await nextFrames(2)
    const listEl = list.host.querySelector<HTMLElement>('[role="log"] > [role="list"]')!
    expect(listEl).not.toBeNull()
    const rows = Array.from(list.host.querySelectorAll<HTMLElement>('[role="listitem"]'))
    expect(rows).toHaveLength(5)
    // One tab stop (the list), not one per message; each message is focusable by the list.
    expect(listEl.tabIndex).toBe(0)
    expect(rows.every((r) => r.tabIndex === -1)).toBe(true)
    expect(rows[4]!.getAttribute('aria-posinset')).toBe('5')
    expect(rows[4]!.getAttribute('aria-setsize')).toBe('5')
    listEl.focus()
    await nextFrames(1)
    // Focus goes on to the newest message; while a message has it, the list leaves the tab order.
    expect(document.activeElement).toBe(rows[4])
    expect(listEl.tabIndex).toBe(-1)
    await userEvent.keyboard('{ArrowUp}')
    expect(document.activeElement).toBe(rows[3])
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(rows[4])
  })

  it('shows the empty state', async () => {
    list = mountList([])
    await nextFrames(1)
    expect(list.host.querySelector('.vcs-message-list__empty')!.textContent).toContain('No messages yet.')
  })
})
