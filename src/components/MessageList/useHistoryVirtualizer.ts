import { defaultRangeExtractor, elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/vue-virtual'
import type { Range, VirtualItem, Virtualizer } from '@tanstack/vue-virtual'
import { computed } from 'vue'
import type { ComputedRef, Ref, ShallowRef } from 'vue'

export interface HistoryVirtualizerOptions {
  /** The scroll container (null until mounted). */
  scroller: Readonly<ShallowRef<HTMLElement | null>>
  /** How many history rows are virtualized (0 = virtualization off). */
  count: Readonly<Ref<number>>
  /** Stable key of row `index` (the message id). Called for every row when the layout is rebuilt. */
  getKey: (index: number) => string
  /** Changes when the rows' keys change other than by count (a prepend, a replaced conversation): the layout is rebuilt. */
  keysVersion: Readonly<Ref<unknown>>
  /** Height guess for a row never measured. */
  estimateSize: (index: number) => number
  /** Distance from the scroller's top to the first row (the content's padding). */
  scrollMargin: Readonly<Ref<number>>
  /** Where to start before the first scroll event (e.g. the bottom). Called once the scroller exists. */
  initialOffset: () => number
  /** Every scroll write the virtualizer makes, so it is not mistaken for the reader's. */
  onScrollWrite: (top: number) => void
  /** A row rendered wherever the view is (the focused message): kept mounted outside the window. */
  pinnedIndex: Readonly<Ref<number | null>>
}

export interface HistoryVirtualizer {
  /** The rows to render, in index order; a pinned row outside the window is one of them. */
  items: ComputedRef<VirtualItem[]>
  totalSize: ComputedRef<number>
  measure: (el: Element | null) => void
  /** Where row `index` starts in the scroller's content (scroll margin included), or undefined. */
  offsetOfIndex: (index: number) => number | undefined
  /** The row the virtualizer lays out at `offset` (scroller content coordinates), or undefined. */
  indexAtOffset: (offset: number) => number | undefined
  /** Tell the virtualizer where the scroller is now, after a write of ours: it re-renders without waiting for the scroll event. */
  syncOffset: () => void
  /** Give the virtualizer the current height of every rendered row now (not at its observer's next callback). */
  measureRendered: () => void
}

/**
 * The history window: @tanstack/vue-virtual with measured rows, keyed by message id. It only decides which rows to
 * render and where: keeping the reader's place when rows change size or are inserted is `useScrollAnchor`'s job
 * for both rendering modes, so the virtualizer's own scroll compensation is off (`anchorTo: 'start'`, no size
 * adjustment) — two mechanisms correcting the same change would move the view twice.
 */
export function useHistoryVirtualizer(options: HistoryVirtualizerOptions): HistoryVirtualizer {
  let reportOffset: ((offset: number, isScrolling: boolean) => void) | null = null
  // A new key function makes the virtualizer rebuild its layout from the keys (its identity is a dependency).
  const getItemKey = computed(() => {
    void options.keysVersion.value
    return (index: number) => options.getKey(index)
  })

  const virtualizer = useVirtualizer<HTMLElement, HTMLElement>(
    computed(() => {
      const pinned = options.pinnedIndex.value
      return {
        count: options.count.value,
        getScrollElement: () => options.scroller.value,
        estimateSize: options.estimateSize,
        getItemKey: getItemKey.value,
        scrollMargin: options.scrollMargin.value,
        overscan: 4,
        rangeExtractor: (range: Range) => {
          const indexes = defaultRangeExtractor(range)
          if (pinned === null || pinned >= range.count) return indexes
          if (pinned < indexes[0]!) indexes.unshift(pinned)
          else if (pinned > indexes[indexes.length - 1]!) indexes.push(pinned)
          return indexes
        },
        // Unrounded sizes: rows are laid out in flow below one translated offset, so a start computed from
        // rounded sizes drifts from where the browser puts the row by up to half a pixel per row.
        measureElement: (el: HTMLElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLElement, HTMLElement>) => {
          const box = entry?.borderBoxSize?.[0]
          if (box) return box.blockSize
          const cached = instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(el)))
          return cached ?? el.getBoundingClientRect().height
        },
        initialOffset: options.initialOffset,
        observeElementOffset: (instance: Virtualizer<HTMLElement, HTMLElement>, cb: (offset: number, isScrolling: boolean) => void) => {
          reportOffset = cb
          const stop = observeElementOffset(instance, cb)
          return () => {
            if (reportOffset === cb) reportOffset = null
            stop?.()
          }
        },
        scrollToFn: (offset: number, scrollOptions: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLElement, HTMLElement>) => {
          elementScroll(offset, scrollOptions, instance)
          // Where the browser put it (clamped), which is what the scroll event will report.
          const el = instance.scrollElement
          if (el) options.onScrollWrite(scrollOptions.behavior === 'smooth' ? offset + (scrollOptions.adjustments ?? 0) : el.scrollTop)
        },
      }
    }),
  )
  virtualizer.value.shouldAdjustScrollPositionOnItemSizeChange = () => false

  // Until the scroller exists the virtualizer would cache offset 0 and later write it back (scrolling to the top).
  const items = computed(() => (options.scroller.value && options.count.value > 0 ? virtualizer.value.getVirtualItems() : []))
  const totalSize = computed(() => (options.count.value > 0 ? virtualizer.value.getTotalSize() : 0))

  return {
    items,
    totalSize,
    measure: (el) => {
      const v = virtualizer.value
      v.measureElement(el as HTMLElement | null)
      // The virtualizer measures a new row only when the reader is not scrolling (it waits for its
      // ResizeObserver otherwise). Measure a row it has never measured now: the anchor corrects the view against
      // the DOM in this same flush, and a range computed from estimates the DOM no longer matches would move the
      // anchor's row out of the window. (Rows measured before are kept current by its observer; reading them here
      // would force a layout of every render, mid-update.)
      if (!el?.isConnected) return
      const index = v.indexFromElement(el as HTMLElement)
      if (index >= 0 && index < v.options.count && !v.itemSizeCache.has(v.options.getItemKey(index))) {
        v.resizeItem(index, el.getBoundingClientRect().height)
      }
    },
    offsetOfIndex: (index) => {
      if (index < 0 || index >= options.count.value) return undefined
      virtualizer.value.getTotalSize() // rebuilds the (memoized) measurements if a size or the count changed
      return virtualizer.value.measurementsCache[index]?.start
    },
    measureRendered: () => {
      const v = virtualizer.value
      for (const el of v.elementsCache.values()) {
        if (!el.isConnected) continue
        const index = v.indexFromElement(el)
        if (index >= 0 && index < v.options.count) v.resizeItem(index, el.getBoundingClientRect().height)
      }
    },
    indexAtOffset: (offset) => (options.count.value > 0 ? virtualizer.value.getVirtualItemForOffset(offset)?.index : undefined),
    syncOffset: () => {
      const el = options.scroller.value
      if (el && reportOffset && options.count.value > 0) reportOffset(el.scrollTop, virtualizer.value.isScrolling)
    },
  }
}
