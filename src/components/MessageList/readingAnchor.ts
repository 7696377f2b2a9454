// Where the reader is looking, described so it can be found again after the DOM changed under it: the message
// row at the reading line, and inside it the deepest element at that line, each with its distance from the
// viewport's top. Pure DOM reads; `useScrollAnchor` decides when to take and restore one.

export const ROW_KEY_ATTR = 'data-message-key'

/**
 * The reading line, as a fraction of the viewport's height from its top: where a reader's eye rests in a chat
 * (the upper third). Content above it may move when something above grows; the text at it never does.
 */
export const READING_LINE = 1 / 3

/** How deep inside a row the anchor may sit (row › message › block › line …). */
const MAX_DEPTH = 12

interface AnchorLevel {
  /** Position among its parent's element children (-1 for the row itself). */
  index: number
  /** Tag name, to tell a re-rendered element from one that merely took its place. */
  tag: string
  /** Distance of its top edge from the viewport's top, in px, when the anchor was taken. */
  offset: number
  /** The element, while it is still connected (null for a row taken from the virtualizer's layout, not yet rendered). */
  el: Element | null
}

export interface ReadingAnchor {
  /** The row's message id. */
  key: string
  /** From the row down to the element at the reading line. */
  levels: AnchorLevel[]
  /** Taken from the virtualizer's layout (the row was not rendered): refine it once the row is on screen. */
  coarse?: boolean
}

/** A row that is not rendered yet, where the virtualizer lays it out: `offset` from the viewport's top. */
export function layoutAnchor(key: string, offset: number): ReadingAnchor {
  return { key, levels: [{ index: -1, tag: 'DIV', offset, el: null }], coarse: true }
}

/** True when `row` spans `line` (not a row above or below a blank the window has not filled yet). */
export function spansLine(row: Element, line: number): boolean {
  const rect = row.getBoundingClientRect()
  return rect.top <= line && rect.bottom > line
}

/** The first row (in layout order) whose bottom edge is below `line`, or the last row. Rows are sorted by position. */
export function rowAtLine(rows: ArrayLike<Element>, line: number): Element | undefined {
  if (rows.length === 0) return undefined
  let lo = 0
  let hi = rows.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (rows[mid]!.getBoundingClientRect().bottom > line) hi = mid
    else lo = mid + 1
  }
  return rows[lo]
}

/** The child the line crosses, else the first child below it (a gap between blocks). Children flow top to bottom. */
function childAtLine(parent: Element, line: number): { child: Element; index: number; crosses: boolean } | undefined {
  const children = parent.children
  for (let i = 0; i < children.length; i++) {
    const rect = children[i]!.getBoundingClientRect()
    if (rect.height === 0 && rect.width === 0) continue
    if (rect.bottom > line) return { child: children[i]!, index: i, crosses: rect.top <= line }
  }
  return undefined
}

/** Describe the element of `row` at `line` (viewport coordinates); `top` is the viewport's top edge. */
export function describeAnchor(row: Element, line: number, top: number): ReadingAnchor {
  const levels: AnchorLevel[] = [{ index: -1, tag: row.tagName, offset: row.getBoundingClientRect().top - top, el: row }]
  let node = row
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const found = childAtLine(node, line)
    if (!found) break
    node = found.child
    levels.push({ index: found.index, tag: node.tagName, offset: node.getBoundingClientRect().top - top, el: node })
    // Below the line (a gap between blocks): the top of the next block is as good an anchor as any of its children.
    if (!found.crosses) break
  }
  return { key: row.getAttribute(ROW_KEY_ATTR)!, levels }
}

/**
 * The anchor's element and the offset it should have, in the current DOM: the element itself while connected,
 * otherwise the same path below the row rendered anew (a mode switch, a row re-created), as deep as it still
 * matches. Levels that no longer match are dropped, and found elements are remembered for next time.
 * Returns null when the row is not rendered.
 */
export function resolveAnchor(anchor: ReadingAnchor, findRow: (key: string) => Element | null): { el: Element; offset: number } | null {
  const last = anchor.levels[anchor.levels.length - 1]!
  const row = anchor.levels[0]!.el
  if (row && last.el && last.el.isConnected && row.isConnected && row.getAttribute(ROW_KEY_ATTR) === anchor.key && row.contains(last.el)) {
    return { el: last.el, offset: last.offset }
  }
  const fresh = findRow(anchor.key)
  if (!fresh) return null
  anchor.levels[0]!.el = fresh
  let node: Element = fresh
  let depth = 0
  for (let i = 1; i < anchor.levels.length; i++) {
    const level = anchor.levels[i]!
    const child = node.children[level.index]
    if (!child || child.tagName !== level.tag) break
    level.el = child
    node = child
    depth = i
  }
  anchor.levels.length = depth + 1
  return { el: node, offset: anchor.levels[depth]!.offset }
}
