import { onBeforeUpdate, onMounted, onScopeDispose, onUpdated, watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import type { UseStickToBottomReturn } from '../../composables/useStickToBottom'
import type { ChatMessage } from '../../types'
import type { HistoryVirtualizer } from './useHistoryVirtualizer'
import { READING_LINE, ROW_KEY_ATTR, describeAnchor, layoutAnchor, resolveAnchor, rowAtLine, spansLine } from './readingAnchor'
import type { ReadingAnchor } from './readingAnchor'

export const PINNED_ROW_CLASS = 'vcs-message-list__row--pinned'

const MAX_CORRECTIONS_PER_BURST = 24
const BURST_MS = 50

export interface ScrollAnchorOptions {
  /** The scroll container (null until mounted). */
  scroller: Readonly<ShallowRef<HTMLElement | null>>
  /** The element the rows are rendered into (in flow, oldest first). */
  rows: Readonly<ShallowRef<HTMLElement | null>>
  /** The streaming message's row below the virtual window (null when there is none). */
  liveRow: Readonly<ShallowRef<HTMLElement | null>>
  /** The messages, oldest first. */
  messages: () => readonly ChatMessage[]
  /** True while the history is virtualized. */
  virtualActive: Readonly<Ref<boolean>>
  /** Following (the bottom wins: nothing is anchored) and scroll writes that are not the reader's. */
  stick: Pick<UseStickToBottomReturn, 'isLocked' | 'writeScrollTop'>
  /** Where the virtualizer lays out rows that are not rendered, and how to tell it the view moved. */
  virtualizer: Pick<HistoryVirtualizer, 'offsetOfIndex' | 'indexAtOffset' | 'syncOffset' | 'measureRendered'>
  /** Runs just before the list switches to virtualized rendering, while every row is still in the DOM. */
  beforeVirtualize: () => void
}

export interface ScrollAnchor {
  /** The row under the reading line right now (null when there are no rows). Reads layout. */
  rowAtReadingLine: () => HTMLElement | null
  /**
   * Move the content by exactly `delta` px (positive: down, to older messages), as PageUp does: the text at the
   * viewport's top edge ends up `delta` px lower, whatever rows the window renders above it on the way.
   */
  moveContent: (delta: number) => void
  /** Take the anchor at the reading line now (after the list moved the view on the reader's behalf). */
  retake: () => void
}

/**
 * One anchoring model for every change: the element under the reader's eye — the deepest element at the reading
 * line inside the message row there — keeps its distance from the viewport's top.
 *
 * It is taken whenever the reader moves the view (any scroll that is not a correction of ours), and held after
 * everything that can move it: every render of the list (a prepend, a switch between rendering everything and
 * virtualizing, in either direction, rows entering the window) and every size change of the rows, the streaming
 * row or the viewport (late images, highlighting, a row's own growth — above the reading line, in the row that
 * straddles the top edge, anywhere). Corrections happen after layout and before paint (in Vue's post-flush or
 * a ResizeObserver callback), so no frame shows the jump. A row that is not rendered is placed where the
 * virtualizer lays it out, and refined against the DOM in the render that follows, in the same flush.
 *
 * While following (stick locked) nothing is anchored: the bottom wins.
 */
export function useScrollAnchor(options: ScrollAnchorOptions): ScrollAnchor {
  const { scroller, stick, virtualizer } = options
  let anchor: ReadingAnchor | null = null
  /** `scrollTop` after our last correction or the last time the anchor was taken; any other value is the reader's. */
  let knownTop: number | null = null
  // Corrections in the current burst. A layout that keeps disagreeing with itself (it settles within a few renders
  // as new rows are measured) must not keep the page busy: past the limit the anchor is taken as it is.
  let corrections = 0
  let burstStart = 0

  function flowRows(): ArrayLike<Element> {
    const rows = options.rows.value?.children
    const live = options.liveRow.value
    if (!rows) return live ? [live] : []
    if (!options.virtualActive.value && !live) return rows
    const list = Array.from(rows).filter((row) => !row.classList.contains(PINNED_ROW_CLASS))
    if (live) list.push(live)
    return list
  }

  function readingLine(el: HTMLElement) {
    const top = el.getBoundingClientRect().top
    return { top, line: top + el.clientHeight * READING_LINE }
  }

  function rowAtReadingLine(): HTMLElement | null {
    const el = scroller.value
    if (!el) return null
    return (rowAtLine(flowRows(), readingLine(el).line) as HTMLElement | undefined) ?? null
  }

  function take() {
    const el = scroller.value
    anchor = null
    knownTop = el ? el.scrollTop : null
    if (!el || stick.isLocked.value) return
    const { top, line } = readingLine(el)
    const row = rowAtLine(flowRows(), line)
    if (row && (spansLine(row, line) || !options.virtualActive.value)) {
      anchor = describeAnchor(row, line, top)
      return
    }
    // The reader scrolled faster than the window followed: the line is over a blank the next render fills. The
    // message there is the one the virtualizer lays out there.
    const lineTop = el.scrollTop + (line - top)
    const index = virtualizer.indexAtOffset(lineTop)
    const key = index === undefined ? undefined : options.messages()[index]?.id
    const start = index === undefined ? undefined : virtualizer.offsetOfIndex(index)
    if (key !== undefined && start !== undefined) anchor = layoutAnchor(key, start - el.scrollTop)
    else if (row) anchor = describeAnchor(row, line, top)
  }

  function moveContent(delta: number) {
    const el = scroller.value
    if (!el) return
    const { top } = readingLine(el)
    // The text at the top edge stays rendered on the way (it ends up inside the view): anchor on it, `delta` lower.
    const row = rowAtLine(flowRows(), top + 1)
    anchor = row ? describeAnchor(row, top + 1, top) : null
    for (const level of anchor?.levels ?? []) level.offset += delta
    write(el, el.scrollTop - delta)
  }

  function findRow(key: string): Element | null {
    const live = options.liveRow.value
    if (live?.getAttribute(ROW_KEY_ATTR) === key) return live
    return options.rows.value?.querySelector(`:scope > [${ROW_KEY_ATTR}="${CSS.escape(key)}"]`) ?? null
  }

  function write(el: HTMLElement, top: number) {
    const now = performance.now()
    if (now - burstStart > BURST_MS) {
      burstStart = now
      corrections = 0
    }
    if (++corrections > MAX_CORRECTIONS_PER_BURST) {
      take()
      return
    }
    stick.writeScrollTop(top)
    knownTop = el.scrollTop
    virtualizer.syncOffset()
  }

  const readerMoved = (el: HTMLElement) => knownTop === null || Math.abs(el.scrollTop - knownTop) > 0.5

  function hold() {
    const el = scroller.value
    if (!el || stick.isLocked.value) return
    if (readerMoved(el) || !anchor) {
      take()
      return
    }
    // Rows whose height changed (a new width, content that grew) are laid out from stale sizes until the
    // virtualizer's observer reports them: give it the heights now, or the window it renders after this correction
    // is placed from old sizes and moves the anchor again.
    if (options.virtualActive.value) virtualizer.measureRendered()
    const found = resolveAnchor(anchor, findRow)
    if (found) {
      const top = el.getBoundingClientRect().top
      const delta = found.el.getBoundingClientRect().top - top - found.offset
      if (Math.abs(delta) >= 0.5) write(el, el.scrollTop + delta)
      // A row placed from the layout is on screen now: anchor on the text at the reading line inside it.
      if (anchor.coarse) {
        const line = top + el.clientHeight * READING_LINE
        if (spansLine(found.el, line)) anchor = describeAnchor(found.el, line, top)
      }
      return
    }
    // A virtualized row outside the window: put it where the virtualizer lays it out. Rendering the window there
    // brings it into the DOM, and the hold after that render refines against it.
    const key = anchor.key
    const index = options.virtualActive.value ? options.messages().findIndex((m) => m.id === key) : -1
    const start = virtualizer.offsetOfIndex(index)
    if (start === undefined) {
      take() // the message is gone
      return
    }
    write(el, start - anchor.levels[0]!.offset)
  }

  // Row heights before the rows are replaced by the window (the virtual layout then equals what was on screen).
  watch(options.virtualActive, (active, was) => {
    if (active && !was) options.beforeVirtualize()
  }, { flush: 'pre' })

  // Locked: the stick keeps the bottom. Released: from here on the reader's place is kept.
  watch(stick.isLocked, (locked) => {
    if (locked) anchor = null
    else take()
  }, { flush: 'sync' })

  // Before a render changes the DOM, a scroll nobody has seen yet (no scroll event so far) moves the anchor.
  onBeforeUpdate(() => {
    const el = scroller.value
    if (el && !stick.isLocked.value && readerMoved(el)) take()
  })
  onUpdated(hold)

  // The reader scrolled: take the anchor at the new place before anyone re-renders for that scroll (a capture
  // listener runs before the virtualizer's, which re-renders the window).
  function onScroll() {
    const el = scroller.value
    if (el && !stick.isLocked.value && readerMoved(el)) take()
  }

  let observer: ResizeObserver | undefined
  let observed: Element[] = []
  function observe(targets: (Element | null | undefined)[]) {
    const next = targets.filter((t): t is Element => !!t)
    observer ??= new ResizeObserver(hold)
    for (const t of observed) if (!next.includes(t)) observer.unobserve(t)
    for (const t of next) if (!observed.includes(t)) observer.observe(t)
    observed = next
  }

  // Anything that can change size under the reader: the rows (one box holds them all), the streaming row, the viewport.
  watch(() => [scroller.value, options.rows.value, options.liveRow.value], observe, { flush: 'post' })

  let listening: HTMLElement | null = null
  onMounted(() => {
    listening = scroller.value
    listening?.addEventListener('scroll', onScroll, { capture: true, passive: true })
    observe([scroller.value, options.rows.value, options.liveRow.value])
  })
  onScopeDispose(() => {
    listening?.removeEventListener('scroll', onScroll, { capture: true })
    observer?.disconnect()
  })

  return { rowAtReadingLine, moveContent, retake: take }
}
