import { onBeforeUnmount, onMounted, shallowRef, watch, type ShallowRef } from 'vue'
import { recordStream, type StreamRecording } from '../../diagnostics/recorder'
import type { StreamDiagnostics } from '../../diagnostics/schema'
import type { EventStream, StreamLifecycleEvent } from '../../stream/types'

export interface LiveDiagnosticsOptions {
  /** The stream to observe; read again when it changes. */
  stream: () => EventStream | undefined
  /** @default 500 */
  maxLogEntries?: () => number | undefined
  /** Figures are refreshed at most this often while bytes flow, ms. @default 250 */
  refreshMs?: number
}

const RARE: ReadonlySet<StreamLifecycleEvent['type']> = new Set(['connecting', 'open', 'retry', 'stall', 'error', 'close'])

/**
 * Records a stream while the calling component is mounted: it subscribes on mount (never during SSR or before
 * the panel is shown), follows a changing `stream` (keeping the last one's figures when it goes away), and
 * unsubscribes on unmount. The figures it exposes are
 * refreshed on a timer, not per chunk, so a fast stream does not re-render the panel per token.
 */
export function useLiveDiagnostics(options: LiveDiagnosticsOptions): {
  snapshot: Readonly<ShallowRef<StreamDiagnostics | undefined>>
  refresh(): void
} {
  const snapshot = shallowRef<StreamDiagnostics | undefined>()
  const refreshMs = options.refreshMs ?? 250
  let recording: StreamRecording | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let queued = false
  let stopWatch: (() => void) | undefined

  function refresh() {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    queued = false
    snapshot.value = recording?.snapshot()
  }

  function onEvent(event: StreamLifecycleEvent) {
    if (RARE.has(event.type)) {
      // State changes show at once (coalesced within the task), bytes on the timer.
      if (!queued) {
        queued = true
        queueMicrotask(() => queued && refresh())
      }
    } else if (timer === undefined) {
      timer = setTimeout(refresh, refreshMs)
    }
  }

  function observe(stream: EventStream | undefined) {
    // A finished stream stays on screen until another one starts: why it ended is what the reader came for.
    if (recording) refresh()
    recording?.stop()
    recording = stream ? recordStream(stream, { maxLogEntries: options.maxLogEntries?.(), onEvent }) : undefined
    if (recording) refresh()
  }

  onMounted(() => {
    stopWatch = watch(options.stream, observe, { immediate: true, flush: 'sync' })
  })
  onBeforeUnmount(() => {
    stopWatch?.()
    recording?.stop()
    recording = undefined
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    queued = false
  })

  return { snapshot, refresh }
}
