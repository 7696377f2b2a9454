import type { ShallowRef } from 'vue'
import { ROW_KEY_ATTR } from './readingAnchor'

export interface RowSizesOptions {
  /** The element that holds every row. */
  content: Readonly<ShallowRef<HTMLElement | null>>
  /** The streaming message's row below the virtual window (null when there is none). */
  liveRow: Readonly<ShallowRef<HTMLElement | null>>
  /** Height guess, in px, for a row never measured. */
  estimatedHeight: () => number
}

export interface RowSizes {
  /** Height guess for the row of message `key`: its remembered height, or the estimate. */
  estimate: (key: string) => number
  /** The streaming message `key` finished: remember its row's height before the row moves into the history. */
  rememberFinished: (key: string) => void
  /** Remember every rendered row's height; call while all rows are in the DOM, before virtualizing. */
  rememberRendered: () => void
}

/**
 * Heights the virtualizer would otherwise guess: a streaming message's height as it leaves the outside slot, and
 * every row's height just before the list switches from rendering everything to virtualizing. With them the
 * virtual layout that follows matches what was on screen exactly.
 */
export function useRowSizes(options: RowSizesOptions): RowSizes {
  const known = new Map<string, number>()

  return {
    estimate: (key) => known.get(key) ?? options.estimatedHeight(),
    rememberFinished(key) {
      const row = options.liveRow.value
      if (row) known.set(key, row.getBoundingClientRect().height)
    },
    rememberRendered() {
      const content = options.content.value
      if (!content) return
      for (const row of content.querySelectorAll<HTMLElement>(`[${ROW_KEY_ATTR}]`)) {
        known.set(row.getAttribute(ROW_KEY_ATTR)!, row.getBoundingClientRect().height)
      }
    },
  }
}
