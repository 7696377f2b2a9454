import { getCurrentScope, onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import { onPublish, onRender, type PublishRecord } from '../instrumentation/hooks'
import { createFrameBatcher, createFrameScheduler } from '../chat/frames'

export interface ReactivityMonitorOptions {
  /** Window for "publishes per second". @default 1000 */
  windowMs?: number
  /** Latency samples kept for the percentiles. @default 120 */
  samples?: number
  /** Watch animation frames for dropped frames (a rAF loop while the monitor runs). @default true */
  frames?: boolean
  /** Observe long tasks (PerformanceObserver 'longtask', Chromium). @default true */
  longTasks?: boolean
  /** Start at once. @default true */
  immediate?: boolean
}

export interface LatencyStats {
  lastMs: number | undefined
  p50Ms: number | undefined
  p95Ms: number | undefined
  maxMs: number | undefined
}

export interface ReactivityStats {
  /** Publishes seen (store and useChatStream). */
  publishes: number
  publishesPerSecond: number
  /** Deltas folded into publishes. */
  deltas: number
  /** Renders reported with `reportRender` since the monitor started. */
  renders: number
  /** Renders per message after the latest completed publish (normally 1 for each changed message). */
  lastPublishRenders: Readonly<Record<string, number>>
  /** Messages that changed in the latest publish. */
  lastPublishMessages: readonly string[]
  /** The most renders any one message had after a single publish (more than 1 means wasted work). */
  maxRendersPerMessagePerPublish: number
  /** Renders of messages that did not change in their publish (should stay 0). */
  unchangedRenders: number
  rendersByMessage: ReadonlyMap<string, number>
  /** Publish → the frame that shows it (post-paint approximation), in ms. */
  latency: LatencyStats
  /** Time spent building one publish, in ms. */
  publishCostMs: { lastMs: number | undefined; maxMs: number }
  frames: number
  droppedFrames: number
  longTasks: { count: number; totalMs: number; longestMs: number }
  supported: { frames: boolean; longTasks: boolean; latency: boolean }
}

export interface UseReactivityMonitorReturn {
  /** Updated at most once per frame. */
  stats: Readonly<ShallowRef<ReactivityStats>>
  active: Readonly<ShallowRef<boolean>>
  start(): void
  stop(): void
  reset(): void
}

function emptyStats(): ReactivityStats {
  const hasDocument = typeof document !== 'undefined' && typeof requestAnimationFrame === 'function'
  return {
    publishes: 0,
    publishesPerSecond: 0,
    deltas: 0,
    renders: 0,
    lastPublishRenders: {},
    lastPublishMessages: [],
    maxRendersPerMessagePerPublish: 0,
    unchangedRenders: 0,
    rendersByMessage: new Map(),
    latency: { lastMs: undefined, p50Ms: undefined, p95Ms: undefined, maxMs: undefined },
    publishCostMs: { lastMs: undefined, maxMs: 0 },
    frames: 0,
    droppedFrames: 0,
    longTasks: { count: 0, totalMs: 0, longestMs: 0 },
    supported: {
      frames: hasDocument,
      longTasks: typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes ?? []).includes('longtask'),
      latency: hasDocument && typeof MessageChannel !== 'undefined',
    },
  }
}

/** Runs `callback` right after the current frame's paint: a task queued from a rAF callback runs after rendering. */
function afterPaint(inFrame: boolean, callback: () => void): void {
  const post = () => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      callback()
    }
    channel.port2.postMessage(undefined)
  }
  if (inFrame) post()
  else requestAnimationFrame(post)
}

function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

/**
 * Measures how the UI keeps up with streamed updates. Nothing is measured while no monitor runs: the store
 * only checks whether its listener list is empty.
 */
export function useReactivityMonitor(options: ReactivityMonitorOptions = {}): UseReactivityMonitorReturn {
  const windowMs = options.windowMs ?? 1000
  const maxSamples = options.samples ?? 120
  const stats = shallowRef<ReactivityStats>(emptyStats())
  const active = shallowRef(false)

  let s = emptyStats()
  let publishTimes: number[] = []
  let latencies: number[] = []
  let bucket = new Map<string, number>()
  let bucketMessages = new Set<string>()
  /** Renders before the first publish the monitor saw belong to no publish (initial mounts). */
  let seenPublish = false
  let rendersByMessage = new Map<string, number>()
  let cleanups: (() => void)[] = []
  const scheduler = createFrameScheduler()
  const commit = createFrameBatcher(() => {
    const now = performance.now()
    publishTimes = publishTimes.filter((t) => now - t <= windowMs)
    const sorted = [...latencies].sort((a, b) => a - b)
    const totals = bucketTotals()
    s = {
      ...s,
      lastPublishRenders: Object.fromEntries(bucket),
      lastPublishMessages: [...bucketMessages],
      maxRendersPerMessagePerPublish: totals.max,
      unchangedRenders: totals.unchanged,
      publishesPerSecond: (publishTimes.length * 1000) / windowMs,
      rendersByMessage: new Map(rendersByMessage),
      latency: {
        lastMs: s.latency.lastMs,
        p50Ms: percentile(sorted, 0.5),
        p95Ms: percentile(sorted, 0.95),
        maxMs: sorted.length ? sorted[sorted.length - 1] : undefined,
      },
    }
    stats.value = s
  }, () => scheduler)

  let closedMax = 0
  let closedUnchanged = 0

  /** Totals over the closed publishes plus the one still collecting renders. */
  function bucketTotals(): { max: number; unchanged: number } {
    let max = closedMax
    let unchanged = closedUnchanged
    if (seenPublish) {
      for (const [id, count] of bucket) {
        if (count > max) max = count
        if (!bucketMessages.has(id)) unchanged += count
      }
    }
    return { max, unchanged }
  }

  function closeBucket(): void {
    const totals = bucketTotals()
    closedMax = totals.max
    closedUnchanged = totals.unchanged
  }

  function onPublishRecord(record: PublishRecord): void {
    if (bucket.size === 0 && seenPublish) {
      // Vue renders after the tick: publishes with no render in between share the next render pass.
      for (const id of record.messageIds) bucketMessages.add(id)
    } else {
      closeBucket()
      seenPublish = true
      bucket = new Map()
      bucketMessages = new Set(record.messageIds)
    }
    publishTimes.push(record.at)
    s = {
      ...s,
      publishes: s.publishes + 1,
      deltas: s.deltas + record.deltas,
      publishCostMs: { lastMs: record.durationMs, maxMs: Math.max(s.publishCostMs.maxMs, record.durationMs) },
    }
    if (s.supported.latency) {
      afterPaint(record.inFrame, () => {
        const latency = performance.now() - record.at
        latencies.push(latency)
        if (latencies.length > maxSamples) latencies.shift()
        s = { ...s, latency: { ...s.latency, lastMs: latency } }
        commit.schedule()
      })
    }
    commit.schedule()
  }

  function onRenderReport(messageId: string): void {
    bucket.set(messageId, (bucket.get(messageId) ?? 0) + 1)
    rendersByMessage.set(messageId, (rendersByMessage.get(messageId) ?? 0) + 1)
    s = { ...s, renders: s.renders + 1 }
    commit.schedule()
  }

  function watchFrames(): () => void {
    let frame = 0
    let last: number | undefined
    let interval = 1000 / 60
    const gaps: number[] = []
    const loop = (time: number) => {
      if (last !== undefined) {
        const gap = time - last
        gaps.push(gap)
        if (gaps.length > 30) gaps.shift()
        interval = Math.max(4, Math.min(...gaps))
        // A gap over a second is a hidden tab, not jank.
        const dropped = gap > interval * 1.5 && gap < 1000 ? Math.round(gap / interval) - 1 : 0
        s = { ...s, frames: s.frames + 1, droppedFrames: s.droppedFrames + dropped }
        if (dropped) commit.schedule()
      }
      last = time
      frame = requestAnimationFrame(loop)
    }
    frame = requestAnimationFrame(loop)
    return () => cancelAnimationFrame(frame)
  }

  function watchLongTasks(): () => void {
    const observer = new PerformanceObserver((list) => {
      let { count, totalMs, longestMs } = s.longTasks
      for (const entry of list.getEntries()) {
        count++
        totalMs += entry.duration
        longestMs = Math.max(longestMs, entry.duration)
      }
      s = { ...s, longTasks: { count, totalMs, longestMs } }
      commit.schedule()
    })
    observer.observe({ type: 'longtask' })
    return () => observer.disconnect()
  }

  function start(): void {
    if (active.value) return
    active.value = true
    cleanups = [onPublish(onPublishRecord), onRender(onRenderReport)]
    if (options.frames !== false && s.supported.frames) cleanups.push(watchFrames())
    if (options.longTasks !== false && s.supported.longTasks) cleanups.push(watchLongTasks())
  }

  function stop(): void {
    for (const cleanup of cleanups) cleanup()
    cleanups = []
    commit.flush()
    active.value = false
  }

  function reset(): void {
    s = emptyStats()
    publishTimes = []
    latencies = []
    bucket = new Map()
    bucketMessages = new Set()
    seenPublish = false
    closedMax = 0
    closedUnchanged = 0
    rendersByMessage = new Map()
    stats.value = s
  }

  if (options.immediate !== false) start()
  if (getCurrentScope()) onScopeDispose(stop)

  return { stats, active, start, stop, reset }
}
