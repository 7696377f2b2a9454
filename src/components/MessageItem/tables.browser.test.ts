// Tables that hold: a wide table scrolls sideways at a phone's width instead of breaking its words letter by
// letter, and a column's alignment is the same while the table streams (tail and parts) and once it is done.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp, h, nextTick, shallowRef } from 'vue'
import type { App } from 'vue'
import { fixtures } from 'vue-chat-stream/mocks'
import { nextFrames } from '../../../test/support/frames'
import { loadGrowing } from '../../markdown/growing/load'
import '../../styles/tokens.css'
import type { ChatMessage } from '../../types'
import { createChatConfigPlugin } from '../ChatConfig'
import { MessageItem } from './index'

const mounted: { app: App; el: HTMLElement }[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const { app, el } of mounted.splice(0)) {
    app.unmount()
    el.remove()
  }
})
beforeAll(() => loadGrowing())

function msg(content: string, status: ChatMessage['status'] = 'done'): ChatMessage {
  return { id: 'm1', role: 'assistant', content, status, createdAt: 0 }
}

function mount(initial: ChatMessage, { width, locale }: { width?: number; locale?: string } = {}) {
  const message = shallowRef(initial)
  const el = document.createElement('div')
  el.dataset.vcsTheme = 'light'
  if (width) el.style.width = `${width}px`
  document.body.append(el)
  const app = createApp({ render: () => h(MessageItem, { message: message.value }) })
  if (locale) app.use(createChatConfigPlugin({ locale }))
  app.mount(el)
  mounted.push({ app, el })
  return { el, message }
}

const WIDE = fixtures['table-heavy'].content.slice(fixtures['table-heavy'].content.indexOf('A wide table'))

/** Every cell's alignment, row by row: the class and what the browser computes. */
function alignments(el: HTMLElement): string[] {
  return [...el.querySelectorAll('th, td')].map((cell) => `${cell.className}|${getComputedStyle(cell).textAlign}`)
}

describe('tables', () => {
  it('a wide table scrolls sideways at 375 px; its words stay whole', async () => {
    const { el } = mount(msg(WIDE), { width: 375 })
    await nextFrames(2)
    const table = el.querySelector('table')!
    expect(table.scrollWidth).toBeGreaterThan(table.clientWidth + 100)
    expect(table.getBoundingClientRect().right).toBeLessThanOrEqual(el.getBoundingClientRect().right + 0.5)
    // "Column" on one line: a header cell is at least as wide as the word, never one letter wide.
    const header = table.querySelector('th')!
    const range = document.createRange()
    range.selectNodeContents(header)
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
    expect(lines.size).toBeLessThanOrEqual(2)
    expect(header.getBoundingClientRect().width).toBeGreaterThan(50)
  })

  it('keeps a column aligned from the first streamed row to the finished table, whole and in parts', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `| item ${i} | ${i * 7} ms | ${i % 2 ? 'ok' : 'slow'} |`).join('\n')
    const content = `Numbers:\n\n| Name | p50 | Note |\n| :--- | ---: | :--: |\n${rows}\n\nAfter.`
    for (const [label, size] of [['small commits', 37], ['rows in parts', 2048]] as const) {
      const { el, message } = mount(msg('', 'streaming'))
      const seen = new Set<string>()
      for (let at = size; at < content.length; at += size) {
        message.value = msg(content.slice(0, at), 'streaming')
        await nextTick()
        for (const cell of el.querySelectorAll<HTMLTableCellElement>('th, td')) {
          const column = cell.cellIndex
          seen.add(`${column}:${cell.className}:${getComputedStyle(cell).textAlign}`)
        }
      }
      message.value = msg(content, 'done')
      await nextTick()
      const final = alignments(el)
      expect(final.slice(0, 3), label).toEqual(['vcs-align-left|left', 'vcs-align-right|right', 'vcs-align-center|center'])
      expect(final.every((a, i) => a === final[i % 3]), label).toBe(true)
      // While streaming, every cell of a column already had the finished table's alignment.
      expect([...seen].sort(), label).toEqual(['0:vcs-align-left:left', '1:vcs-align-right:right', '2:vcs-align-center:center'])
      expect(el.querySelector('[style]'), label).toBeNull()
    }
  })
})

describe('whole-message copy', () => {
  it('says "Copied" on the button and in a polite status region, in the configured language, then reverts', async () => {
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    const { el } = mount(msg('An **answer**.'), { locale: 'de' })
    await nextTick()
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Kopieren')!
    const status = el.querySelector('[role="status"]')!
    expect(status.textContent).toBe('')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      button.click()
      expect(write).toHaveBeenCalledWith('An **answer**.')
      await vi.waitFor(() => expect(button.textContent).toBe('Kopiert'))
      expect(status.textContent).toBe('Kopiert')
      vi.advanceTimersByTime(1600)
      await nextTick()
      expect(button.textContent).toBe('Kopieren')
      expect(status.textContent).toBe('')
    } finally {
      vi.useRealTimers()
    }
  })

  it('says nothing when the clipboard refuses (the copy event still fires)', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'))
    const { el } = mount(msg('An answer.'))
    await nextTick()
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Copy')!
    button.click()
    await new Promise((r) => setTimeout(r, 50))
    expect(button.textContent).toBe('Copy')
    expect(el.querySelector('[role="status"]')!.textContent).toBe('')
  })
})
