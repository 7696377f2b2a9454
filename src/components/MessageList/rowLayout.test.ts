import type { VirtualItem } from '@tanstack/vue-virtual'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../types'
import { allRows, windowRows } from './rowLayout'

const messages: ChatMessage[] = Array.from({ length: 20 }, (_, i) => ({
  id: `m${i}`,
  role: i % 2 ? 'assistant' : 'user',
  content: `message ${i}`,
  status: 'done',
  createdAt: i,
}))
const MARGIN = 16
const ROW = 100
/** What the virtualizer hands out for `indexes`: rows of ROW px below the scroll margin. */
const items = (...indexes: number[]): VirtualItem[] =>
  indexes.map((index) => ({ key: messages[index]!.id, index, start: MARGIN + index * ROW, end: MARGIN + (index + 1) * ROW, size: ROW, lane: 0 }))

describe('row layout', () => {
  it('renders every message in flow when nothing is virtualized', () => {
    const layout = allRows(messages)
    expect(layout.offset).toBe(0)
    expect(layout.rows.map((row) => [row.message, row.index])).toEqual(messages.map((message, index) => [message, index]))
    expect(layout.rows.some((row) => row.pinnedTop !== undefined)).toBe(false)
  })

  it('moves the window down to its first row and pins no row while the focused one is in or next to it', () => {
    for (const pinned of [null, 5, 8, 9, 4]) {
      const layout = windowRows(messages, items(5, 6, 7, 8), pinned, MARGIN)
      expect(layout.offset, `pinned ${pinned}`).toBe(5 * ROW)
      expect(layout.rows.map((row) => row.message.id)).toEqual(['m5', 'm6', 'm7', 'm8'])
      expect(layout.rows.some((row) => row.pinnedTop !== undefined), `pinned ${pinned}`).toBe(false)
    }
  })

  it('places a focused row the window left behind where it belongs, without moving the rows in flow', () => {
    const above = windowRows(messages, items(1, 10, 11, 12), 1, MARGIN)
    expect(above.offset).toBe(10 * ROW)
    expect(above.rows.find((row) => row.index === 1)?.pinnedTop).toBe(-9 * ROW)
    expect(above.rows.filter((row) => row.pinnedTop !== undefined)).toHaveLength(1)

    // One unrendered row between it and the window is enough to take it out of flow.
    const gap = windowRows(messages, items(4, 6, 7, 8), 4, MARGIN)
    expect(gap.offset).toBe(6 * ROW)
    expect(gap.rows.find((row) => row.index === 4)?.pinnedTop).toBe(-2 * ROW)

    const below = windowRows(messages, items(3, 4, 5, 18), 18, MARGIN)
    expect(below.offset).toBe(3 * ROW)
    expect(below.rows.find((row) => row.index === 18)?.pinnedTop).toBe(15 * ROW)
  })

  it('starts at the scroll margin when the window is empty', () => {
    expect(windowRows(messages, [], null, MARGIN)).toEqual({ rows: [], offset: 0 })
  })
})
