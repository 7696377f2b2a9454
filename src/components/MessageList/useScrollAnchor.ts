import { watch } from 'vue'
import type { Ref, ShallowRef } from 'vue'
import type { UseStickToBottomReturn } from '../../composables/useStickToBottom'
import type { ChatMessage } from '../../types'
import type { HistoryVirtualizer } from './useHistoryVirtualizer'
import { anchorDelta, captureAnchor } from './viewAnchor'
import type { ViewAnchor } from './viewAnchor'

export interface ScrollAnchorOptions {
  /** The scroll container (null until mounted). */
  scroller: Readonly<ShallowRef<HTMLElement | null>>
  /** The element that holds every row. */
  content: Readonly<ShallowRef<HTMLElement | null>>
  /** The messages, oldest first. */
  messages: () => readonly ChatMessage[]
  /** True while the history is virtualized. */
  virtualActive: Readonly<Ref<boolean>>
  /** Following (nothing to keep in place: the stick holds the bottom) and scroll writes that are not the reader's. */
  stick: Pick<UseStickToBottomReturn, 'isLocked' | 'writeScrollTop'>
  /** Where the virtualizer puts rows and wants the scroll position. */
  virtualizer: Pick<HistoryVirtualizer, 'offsetOfIndex' | 'wantedOffset'>
  /** Runs just before the list switches to virtualized rendering, while every row is still in the DOM. */
  beforeVirtualize: () => void
}

/**
 * Keeps the message the reader is looking at in place where the virtualizer does not: a prepend while every row
 * is rendered, and a switch between rendering modes (the rows are replaced). The first visible row and its
 * offset are captured before the DOM changes (`flush: 'pre'`) and restored after (`flush: 'post'`). A prepend
 * while virtualized is the virtualizer's own job; its scroll write is only repeated once the sizer has grown.
 * While following, nothing is captured: the stick keeps the bottom.
 */
export function useScrollAnchor(options: ScrollAnchorOptions): void {
  const { scroller, content, stick, virtualizer } = options
  let pendingAnchor: ViewAnchor | null = null
  const anchorSource = () => [options.messages()[0]?.id, options.virtualActive.value] as const

  watch(
    anchorSource,
    ([firstId, active], [previousFirstId, wasActive]) => {
      pendingAnchor = null
      if (active && !wasActive) options.beforeVirtualize()
      const needsAnchor = active !== wasActive || (!active && previousFirstId !== undefined && firstId !== previousFirstId)
      if (needsAnchor && !stick.isLocked.value && scroller.value && content.value) {
        pendingAnchor = captureAnchor(scroller.value, content.value)
      }
    },
    { flush: 'pre' },
  )
  watch(
    anchorSource,
    ([firstId, active], [previousFirstId, wasActive]) => {
      if (active && wasActive && previousFirstId !== undefined && firstId !== previousFirstId) syncVirtualAnchor()
      else restoreAnchor(true)
    },
    { flush: 'post' },
  )

  // The virtualizer moves its offset by what a prepend inserted above the reader before the render, but its write
  // lands while the sizer is still short and gets clamped; write it again now that the sizer has grown.
  function syncVirtualAnchor() {
    const el = scroller.value
    const wanted = virtualizer.wantedOffset()
    if (!el || wanted === null || stick.isLocked.value) return
    if (Math.abs(el.scrollTop - wanted) > 1) stick.writeScrollTop(wanted)
  }

  function restoreAnchor(retry: boolean) {
    const anchor = pendingAnchor
    const el = scroller.value
    if (!anchor || !el || !content.value) return
    pendingAnchor = null
    if (stick.isLocked.value) return
    const delta = anchorDelta(el, content.value, anchor)
    if (delta !== null) {
      if (Math.abs(delta) >= 0.5) stick.writeScrollTop(el.scrollTop + delta)
      return
    }
    const index = options.messages().findIndex((m) => m.id === anchor.key)
    const start = options.virtualActive.value ? virtualizer.offsetOfIndex(index) : undefined
    if (start === undefined) return
    stick.writeScrollTop(start - anchor.offset)
    if (retry) {
      // The virtualizer renders the rows for the new position on its next scroll event; refine against them.
      requestAnimationFrame(() => {
        pendingAnchor = anchor
        restoreAnchor(false)
      })
    }
  }
}
