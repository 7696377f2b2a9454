import { onMounted, shallowRef } from 'vue'
import type { ShallowRef } from 'vue'

export interface LoadOlderOptions {
  /** The scroll container (null until mounted). */
  scroller: Readonly<ShallowRef<HTMLElement | null>>
  /** Distance from the top, in px, at which older messages are requested. */
  threshold: () => number
  /** Whether a request makes sense now (there is something older, and something on screen). */
  canLoad: () => boolean
  /** The caller's loader, if any; it prepends the older messages before it resolves. */
  load: () => (() => Promise<unknown> | unknown) | undefined
  /** The reader reached the top (called for every request, with or without a loader). */
  onRequest: () => void
  /** The loader threw or rejected. */
  onError: (error: unknown) => void
}

export interface LoadOlder {
  /** True while the loader runs (at most one request at a time). */
  loading: Readonly<ShallowRef<boolean>>
  /** Bind to the scroller's `scroll` event. */
  onScroll: () => void
}

/** Older messages: requested when the reader scrolls up into the top band (never by scrolling down or by a jump). */
export function useLoadOlder(options: LoadOlderOptions): LoadOlder {
  const loading = shallowRef(false)
  let lastTop = 0

  function onScroll() {
    const el = options.scroller.value
    if (!el) return
    const top = el.scrollTop
    const movedUp = top < lastTop
    lastTop = top
    if (movedUp && top <= options.threshold()) void request()
  }

  async function request() {
    if (loading.value || !options.canLoad()) return
    options.onRequest()
    const load = options.load()
    if (!load) return
    loading.value = true
    try {
      await load()
    } catch (error) {
      options.onError(error)
    } finally {
      loading.value = false
    }
  }

  onMounted(() => {
    if (options.scroller.value) lastTop = options.scroller.value.scrollTop
  })

  return { loading, onScroll }
}
