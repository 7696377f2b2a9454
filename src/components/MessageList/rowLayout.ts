import type { VirtualItem } from '@tanstack/vue-virtual'
import type { ChatMessage } from '../../types'

export interface Row {
  message: ChatMessage
  index: number
  /** Top, in px from the first row in flow, of a row kept mounted outside the window (the focused one). */
  pinnedTop?: number
}

export interface RowLayout {
  rows: Row[]
  /** How far, in px, the rows in flow are moved down (`translateY`) from the top of the window. */
  offset: number
}

/** Every message rendered, in flow. */
export function allRows(messages: readonly ChatMessage[]): RowLayout {
  return { rows: messages.map((message, index) => ({ message, index })), offset: 0 }
}

/**
 * Virtualized: the window's rows in flow below one offset, plus the focused row (`pinned`) where it belongs when the
 * window has moved away from it (absolutely positioned, so the rows in flow do not move).
 */
export function windowRows(
  messages: readonly ChatMessage[],
  items: readonly VirtualItem[],
  pinned: number | null,
  scrollMargin: number,
): RowLayout {
  const detached = pinned !== null && items.length > 1 && !items.some((item) => Math.abs(item.index - pinned) === 1) ? pinned : null
  const flowStart = items.find((item) => item.index !== detached)?.start ?? scrollMargin
  const rows = items.map((item): Row => {
    const row: Row = { message: messages[item.index]!, index: item.index }
    if (item.index === detached) row.pinnedTop = item.start - flowStart
    return row
  })
  return { rows, offset: flowStart - scrollMargin }
}
