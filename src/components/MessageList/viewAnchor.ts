/** The first row the reader sees and how far its top is from the viewport's top. */
export interface ViewAnchor {
  key: string
  offset: number
}

export const ROW_KEY_ATTR = 'data-message-key'

function rowsOf(content: HTMLElement): HTMLElement[] {
  return Array.from(content.querySelectorAll<HTMLElement>(`[${ROW_KEY_ATTR}]`))
}

/** Find the first row whose bottom is below the viewport's top (rows are in document order: binary search). */
export function captureAnchor(scroller: HTMLElement, content: HTMLElement): ViewAnchor | null {
  const rows = rowsOf(content)
  if (rows.length === 0) return null
  const top = scroller.getBoundingClientRect().top
  let lo = 0
  let hi = rows.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (rows[mid]!.getBoundingClientRect().bottom > top + 0.5) hi = mid
    else lo = mid + 1
  }
  const row = rows[lo]!
  return { key: row.getAttribute(ROW_KEY_ATTR)!, offset: row.getBoundingClientRect().top - top }
}

/** How far `scrollTop` must move to put the anchor row back; null when the row is not rendered. */
export function anchorDelta(scroller: HTMLElement, content: HTMLElement, anchor: ViewAnchor): number | null {
  const row = content.querySelector<HTMLElement>(`[${ROW_KEY_ATTR}="${CSS.escape(anchor.key)}"]`)
  if (!row) return null
  return row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset
}
