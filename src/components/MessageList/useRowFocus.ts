import { computed, nextTick, onMounted, onScopeDispose, onUpdated, shallowRef } from 'vue'
import type { ComputedRef, Ref, ShallowRef } from 'vue'
import type { UseStickToBottomReturn } from '../../composables/useStickToBottom'
import type { ChatMessage } from '../../types'
import { ROW_KEY_ATTR } from './readingAnchor'
import { tabbableAfter, tabbableBefore, tabbablesIn } from './tabbable'
import type { HistoryVirtualizer } from './useHistoryVirtualizer'
import type { ScrollAnchor } from './useScrollAnchor'

/** PageUp / PageDown move by this share of the viewport, as the browser's own paging does (Chromium: 87.5 %). */
export const PAGE_FRACTION = 0.875

export interface RowFocusOptions {
  /** The scroll container (null until mounted). */
  scroller: Readonly<ShallowRef<HTMLElement | null>>
  /** The list element (the one tab stop while focus is outside). */
  list: Readonly<ShallowRef<HTMLElement | null>>
  /** The element the rows are rendered into. */
  rows: Readonly<ShallowRef<HTMLElement | null>>
  /** The streaming message's row below the virtual window (null when there is none). */
  liveRow: Readonly<ShallowRef<HTMLElement | null>>
  /** The messages, oldest first. */
  messages: () => readonly ChatMessage[]
  /** How many messages the virtualizer holds (0 when every message is rendered). */
  historyCount: Readonly<Ref<number>>
  stick: Pick<UseStickToBottomReturn, 'isLocked' | 'release' | 'scrollToBottom' | 'writeScrollTop' | 'distanceFromBottom'>
  /** Where rows are that are not rendered, and how to tell the virtualizer the view moved. */
  virtualizer: Pick<HistoryVirtualizer, 'offsetOfIndex' | 'syncOffset'>
  anchor: Pick<ScrollAnchor, 'rowAtReadingLine' | 'moveContent' | 'retake'>
  /** Distance from the bottom, in px, within which a move down follows again. */
  stickThreshold: () => number
}

export interface RowFocus {
  /** Index of the focused message while focus is in the list; the virtualizer keeps its row mounted. */
  pinnedIndex: Readonly<ShallowRef<number | null>>
  /** `tabindex` of the list element: 0 while focus is outside (the list is one tab stop), -1 while inside. */
  listTabIndex: ComputedRef<0 | -1 | undefined>
  onFocusIn: (event: FocusEvent) => void
  onFocusOut: (event: FocusEvent) => void
  onKeyDown: (event: KeyboardEvent) => void
}

const rowOf = (el: EventTarget | null) => (el instanceof Element ? (el.closest(`[${ROW_KEY_ATTR}]`) as HTMLElement | null) : null)
const indexOfRow = (row: Element) => Number(row.getAttribute('aria-posinset')) - 1

function isEditable(el: Element): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')
}

/**
 * Keyboard for a list whose rows come and go: the list is one tab stop (roving focus over the message rows,
 * `tabindex="-1"` each, the list itself `0` while focus is outside). Tab into the list focuses the message in
 * view — the newest while following — without scrolling; Tab from a message walks its own buttons, then leaves
 * the list; Shift+Tab from a message leaves it backwards. Arrow keys move between messages, PageUp / PageDown
 * move the view by a page and focus the message at the reading line, Home / End go to the first / newest message
 * (End follows again). The focused row stays mounted while the window moves (`pinnedIndex`), and a row the list
 * re-creates (a finished answer joining the history) gets focus back: focus never falls to `<body>`.
 */
export function useRowFocus(options: RowFocusOptions): RowFocus {
  const { scroller, stick, virtualizer } = options
  const inside = shallowRef(false)
  const focusedKey = shallowRef<string | null>(null)
  const focusedIndex = shallowRef<number | null>(null)
  let lastKey: string | null = null
  // Whether the focus that is about to arrive comes from the Tab key (anywhere on the page).
  let tabbing = false
  const onDocumentKey = (event: KeyboardEvent) => {
    tabbing = event.type === 'keydown' && event.key === 'Tab'
  }
  const onDocumentPointer = () => {
    tabbing = false
  }
  onMounted(() => {
    document.addEventListener('keydown', onDocumentKey, { capture: true, passive: true })
    document.addEventListener('keyup', onDocumentKey, { capture: true, passive: true })
    document.addEventListener('pointerdown', onDocumentPointer, { capture: true, passive: true })
  })
  onScopeDispose(() => {
    document.removeEventListener('keydown', onDocumentKey, { capture: true })
    document.removeEventListener('keyup', onDocumentKey, { capture: true })
    document.removeEventListener('pointerdown', onDocumentPointer, { capture: true })
  })

  const pinnedIndex = computed(() => {
    const index = focusedIndex.value
    return inside.value && index !== null && index < options.historyCount.value ? index : null
  })
  const listTabIndex = computed(() => (options.messages().length === 0 ? undefined : inside.value ? -1 : 0))

  function findRow(key: string): HTMLElement | null {
    const live = options.liveRow.value
    if (live?.getAttribute(ROW_KEY_ATTR) === key) return live
    return options.rows.value?.querySelector<HTMLElement>(`:scope > [${ROW_KEY_ATTR}="${CSS.escape(key)}"]`) ?? null
  }

  function rowByIndex(index: number, near?: HTMLElement): HTMLElement | null {
    for (const candidate of [near?.previousElementSibling, near?.nextElementSibling, options.liveRow.value]) {
      if (candidate && indexOfRow(candidate) === index) return candidate as HTMLElement
    }
    const id = options.messages()[index]?.id
    return id === undefined ? null : findRow(id)
  }

  function visible(row: Element): boolean {
    const el = scroller.value
    if (!el || !row.isConnected) return false
    const box = el.getBoundingClientRect()
    const rect = row.getBoundingClientRect()
    return rect.bottom > box.top + 1 && rect.top < box.bottom - 1
  }

  function newestRow(): HTMLElement | null {
    const live = options.liveRow.value
    if (live) return live
    const last = options.messages().at(-1)
    return last ? findRow(last.id) : null
  }

  /** Where Tab into the list lands: the newest message while following, else the one last focused if in view, else the one at the reading line. */
  function entryRow(): HTMLElement | null {
    if (stick.isLocked.value) {
      const newest = newestRow()
      if (newest) return newest
    }
    const last = lastKey === null ? null : findRow(lastKey)
    if (last && visible(last)) return last
    return options.anchor.rowAtReadingLine()
  }

  function focusRow(row: HTMLElement | null) {
    if (row && document.activeElement !== row) row.focus({ preventScroll: true })
  }

  function track(row: HTMLElement) {
    focusedKey.value = row.getAttribute(ROW_KEY_ATTR)
    focusedIndex.value = indexOfRow(row)
    lastKey = focusedKey.value
    inside.value = true
  }

  function onFocusIn(event: FocusEvent) {
    const list = options.list.value
    const target = event.target as HTMLElement
    const fromOutside = !(event.relatedTarget instanceof Node && list?.contains(event.relatedTarget))
    // Tab (or a script) focused the list: hand focus to a message. Moving focus inside this handler also cancels the
    // browser's scrolling of the list into view.
    if (target === list) {
      focusRow(entryRow())
      return
    }
    const row = rowOf(target)
    if (!row) return
    // Shift+Tab from after the list lands on the last button of the last rendered message: enter at the message in
    // view instead. (A click or a script focusing a button is left alone.)
    if (fromOutside && tabbing && target !== row) {
      const entry = entryRow()
      if (entry) {
        focusRow(entry)
        return
      }
    }
    track(row)
  }

  function onFocusOut(event: FocusEvent) {
    const list = options.list.value
    const next = event.relatedTarget
    if (next instanceof Node && list?.contains(next)) return
    if (next !== null) {
      inside.value = false
      return
    }
    // Focus went nowhere: the focused row may have been removed by a render (restored below), or the reader
    // clicked outside anything focusable (then it is simply gone).
    const lost = event.target as Element
    queueMicrotask(() => {
      if (lost.isConnected && !list?.contains(document.activeElement)) inside.value = false
    })
  }

  // A render re-created the focused message's row (e.g. a finished answer joined the history): focus it again.
  // The message's index may have moved (older messages prepended): keep the pinned index on it.
  onUpdated(() => {
    const key = focusedKey.value
    if (!inside.value || key === null) return
    const messages = options.messages()
    const index = focusedIndex.value
    if (index === null || messages[index]?.id !== key) {
      const moved = messages.findIndex((m) => m.id === key)
      focusedIndex.value = moved === -1 ? null : moved
      if (moved === -1) inside.value = false
    }
    const list = options.list.value
    if (list && !list.contains(document.activeElement) && (document.activeElement === document.body || document.activeElement === null)) {
      focusRow(findRow(key))
    }
  })

  function write(top: number) {
    stick.writeScrollTop(top)
    options.virtualizer.syncOffset()
  }

  function followIfAtBottom() {
    if (stick.distanceFromBottom() <= options.stickThreshold()) stick.scrollToBottom()
  }

  /** Scroll the least needed to show `row` (its top, when it is taller than the view). */
  function reveal(row: HTMLElement) {
    const el = scroller.value
    if (!el) return
    const box = el.getBoundingClientRect()
    const rect = row.getBoundingClientRect()
    let delta = 0
    if (rect.bottom > box.bottom) delta = rect.bottom - box.bottom
    if (rect.top - delta < box.top) delta = rect.top - box.top
    if (Math.abs(delta) >= 0.5) write(el.scrollTop + delta)
  }

  async function moveTo(index: number, from: HTMLElement) {
    const messages = options.messages()
    if (index < 0 || index >= messages.length) return
    const fromIndex = indexOfRow(from)
    let row = rowByIndex(index, from)
    if (!row) {
      // Not rendered (the view was scrolled away from the focused message): bring it into the window first.
      const start = virtualizer.offsetOfIndex(index)
      if (start === undefined) return
      write(start)
      await nextTick()
      row = rowByIndex(index)
      if (!row) return
    }
    focusRow(row)
    reveal(row)
    if (index > fromIndex) followIfAtBottom()
  }

  async function page(direction: -1 | 1) {
    const el = scroller.value
    if (!el) return
    if (direction < 0) stick.release('key')
    const distance = el.clientHeight * PAGE_FRACTION
    if (stick.isLocked.value) write(el.scrollTop + direction * distance)
    else options.anchor.moveContent(-direction * distance)
    if (direction > 0) followIfAtBottom()
    await nextTick()
    if (!stick.isLocked.value) options.anchor.retake()
    focusRow(stick.isLocked.value ? newestRow() : options.anchor.rowAtReadingLine())
  }

  async function home() {
    stick.release('key')
    write(0)
    await nextTick()
    const first = options.messages()[0]
    focusRow(first ? findRow(first.id) : null)
  }

  async function end() {
    stick.scrollToBottom()
    options.virtualizer.syncOffset()
    await nextTick()
    stick.scrollToBottom()
    focusRow(newestRow())
  }

  function tab(event: KeyboardEvent, row: HTMLElement) {
    const target = event.target as HTMLElement
    const inRow = tabbablesIn(row)
    if (event.shiftKey) {
      if (target === row) {
        // Leave the list backwards (not through the buttons of the messages above).
        const list = options.list.value
        const previous = list && tabbableBefore(list)
        if (previous) {
          event.preventDefault()
          previous.focus()
        }
      } else if (inRow.indexOf(target) <= 0) {
        event.preventDefault()
        focusRow(row)
      }
      return
    }
    const position = target === row ? -1 : inRow.indexOf(target)
    if (position < inRow.length - 1) return // the message's next button: the browser's own Tab
    const el = scroller.value
    const next = el && tabbableAfter(el)
    if (next) {
      event.preventDefault()
      next.focus()
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    const target = event.target as HTMLElement
    const row = rowOf(target)
    if (!row || isEditable(target)) return
    switch (event.key) {
      case 'Tab':
        tab(event, row)
        return
      case 'ArrowUp':
      case 'ArrowDown':
        if (target !== row) return
        event.preventDefault()
        if (event.key === 'ArrowUp') stick.release('key')
        void moveTo(indexOfRow(row) + (event.key === 'ArrowDown' ? 1 : -1), row)
        return
      case 'PageUp':
      case 'PageDown':
        event.preventDefault()
        void page(event.key === 'PageDown' ? 1 : -1)
        return
      case 'Home':
        event.preventDefault()
        void home()
        return
      case 'End':
        event.preventDefault()
        void end()
        return
    }
  }

  return { pinnedIndex, listTabIndex, onFocusIn, onFocusOut, onKeyDown }
}
