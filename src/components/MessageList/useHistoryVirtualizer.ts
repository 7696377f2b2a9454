import { elementScroll, useVirtualizer } from '@tanstack/vue-virtual'
import type { VirtualItem, Virtualizer } from '@tanstack/vue-virtual'
import { computed } from 'vue'
import type { ComputedRef, Ref, ShallowRef } from 'vue'

export interface HistoryVirtualizerOptions {
  /** The scroll container (null until mounted). */
  scroller: Readonly<ShallowRef<HTMLElement | null>>
  /** How many history rows are virtualized (0 = virtualization off). */
  count: Readonly<Ref<number>>
  /** Stable key of row `index` (the message id). */
  getKey: (index: number) => string
  /** Height guess for a row never measured. */
  estimateSize: (index: number) => number
  /** Distance from the scroller's top to the first row (the content's padding). */
  scrollMargin: Readonly<Ref<number>>
  /** Where to start before the first scroll event (e.g. the bottom). Called once the scroller exists. */
  initialOffset: () => number
  /** Every scroll write the virtualizer makes, so it is not mistaken for the reader's. */
  onScrollWrite: (top: number) => void
  /** Rows that grow at their end (a message that just finished streaming): a size change never shifts the view. */
  growsAtEnd: (key: string) => boolean
}

export interface HistoryVirtualizer {
  items: ComputedRef<VirtualItem[]>
  totalSize: ComputedRef<number>
  measure: (el: Element | null) => void
  offsetOfIndex: (index: number) => number | undefined
  /** Where the virtualizer wants the scroll position (after its prepend anchoring), or null. */
  wantedOffset: () => number | null
}

/**
 * The history window: @tanstack/vue-virtual with measured rows, keyed by message id, anchored at the end so a
 * prepend keeps the reader's row in place (the virtualizer shifts `scrollTop` by what was inserted above).
 */
export function useHistoryVirtualizer(options: HistoryVirtualizerOptions): HistoryVirtualizer {
  const virtualizer = useVirtualizer<HTMLElement, HTMLElement>(
    computed(() => ({
      count: options.count.value,
      getScrollElement: () => options.scroller.value,
      estimateSize: options.estimateSize,
      getItemKey: options.getKey,
      scrollMargin: options.scrollMargin.value,
      overscan: 4,
      anchorTo: 'end' as const,
      // Unrounded sizes: rows are laid out in flow below one translated offset, so a start computed from
      // rounded sizes drifts from where the browser puts the row by up to half a pixel per row.
      measureElement: (el: HTMLElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLElement, HTMLElement>) => {
        const box = entry?.borderBoxSize?.[0]
        if (box) return box.blockSize
        const cached = instance.itemSizeCache.get(instance.options.getItemKey(instance.indexFromElement(el)))
        return cached ?? el.getBoundingClientRect().height
      },
      initialOffset: options.initialOffset,
      scrollToFn: (offset, scrollOptions, instance) => {
        elementScroll(offset, scrollOptions, instance)
        // Where the browser put it (clamped), which is what the scroll event will report.
        const el = instance.scrollElement
        if (el) options.onScrollWrite(scrollOptions.behavior === 'smooth' ? offset + (scrollOptions.adjustments ?? 0) : el.scrollTop)
      },
    })),
  )

  // The virtualizer's rule, except for rows that grow at their end: a finished answer re-rendering its last
  // lines (or gaining its actions) must not move the lines the reader is on.
  virtualizer.value.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) => {
    if (options.growsAtEnd(String(item.key))) return false
    const offset = instance.scrollOffset ?? 0
    if (!instance.itemSizeCache.has(item.key)) return item.start < offset
    return item.end <= offset && instance.scrollDirection !== 'backward'
  }

  // Until the scroller exists the virtualizer would cache offset 0 and later write it back (scrolling to the top).
  const items = computed(() => (options.scroller.value && options.count.value > 0 ? virtualizer.value.getVirtualItems() : []))
  const totalSize = computed(() => (options.count.value > 0 ? virtualizer.value.getTotalSize() : 0))

  return {
    items,
    totalSize,
    measure: (el) => virtualizer.value.measureElement(el as HTMLElement | null),
    offsetOfIndex: (index) => virtualizer.value.measurementsCache[index]?.start,
    wantedOffset: () => virtualizer.value.scrollOffset,
  }
}
