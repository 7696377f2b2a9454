// Where main-thread time goes: a Chrome trace (CDP `Tracing`, devtools.timeline categories) of a window of
// frames, reduced to self time per kind of work (script, style, layout, paint, HTML parsing, GC, other).
import { cdp } from 'vitest/browser'

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  /** Thread (CPU) time of the event, µs: wall time minus the time the thread was not running. */
  tdur?: number
  pid: number
  tid: number
  args?: { data?: Record<string, unknown>; beginData?: Record<string, unknown>; name?: string }
}

/**
 * The trace is returned as a stream and read after `Tracing.end`, so no trace data crosses into the page while
 * the measured run is going on (delivering it would itself be main-thread work in the page). Listeners are never
 * removed (Vitest's `cdp().off()` throws once the server-side listener is gone); each resolves the current trace.
 */
let onComplete: ((stream: string) => void) | null = null

async function beginTrace(categories: string): Promise<() => Promise<TraceEvent[]>> {
  const session = cdp()
  // An awaited command first: Vitest opens the page's CDP session lazily, and a listener registered in the same
  // turn as the first command can land on a second session that never sees the trace's events.
  await session.send('Performance.enable')
  session.on('Tracing.tracingComplete', (e: { stream?: string }) => onComplete?.(e.stream ?? ''))
  const complete = new Promise<string>((resolve) => (onComplete = resolve))
  await session.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' })
  return async () => {
    await session.send('Tracing.end')
    const handle = await complete
    onComplete = null
    let json = ''
    for (;;) {
      const chunk = (await session.send('IO.read', { handle, size: 8 << 20 })) as { data: string; eof: boolean; base64Encoded?: boolean }
      json += chunk.base64Encoded ? atob(chunk.data) : chunk.data
      if (chunk.eof) break
    }
    await session.send('IO.close', { handle })
    const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[]
    return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])
  }
}

export type WorkKind = 'script' | 'style' | 'layout' | 'paint' | 'parseHTML' | 'gc' | 'other'

const KIND: Record<string, WorkKind> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  RunMicrotasks: 'script',
  'v8.run': 'script',
  'V8.Execute': 'script',
  EventDispatch: 'script',
  FireIdleCallback: 'script',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  UpdateLayerTree: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
  ParseHTML: 'parseHTML',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
}

export interface TraceSummary {
  /** Self time per kind of work, ms. */
  byKind: Record<WorkKind, number>
  /** Self time per event name (top entries), ms. */
  byName: [string, number][]
  /** Layout events: how many, and layout objects seen (total and dirty) at the last one. */
  layouts: { count: number; lastTotalObjects: number; lastDirtyObjects: number; maxTotalObjects: number }
  /** Main-thread time in top-level tasks, ms. */
  taskMs: number
}

/** A running trace; `stop()` ends it and summarizes the renderer main thread. Keep windows short. */
export async function startTrace(): Promise<{ stop(): Promise<TraceSummary> }> {
  const end = await beginTrace('devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel,__metadata')
  return { stop: async () => summarize(await end()) }
}

function summarize(events: TraceEvent[]): TraceSummary {
  const mainTid = mainThread(events)
  const onMain = events.filter((e) => e.tid === mainTid.tid && e.pid === mainTid.pid && e.ph === 'X' && e.dur !== undefined)
  onMain.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const byKind: Record<WorkKind, number> = { script: 0, style: 0, layout: 0, paint: 0, parseHTML: 0, gc: 0, other: 0 }
  const byName = new Map<string, number>()
  // Self time: an event's duration minus its direct children's (events are properly nested per thread).
  const stack: { e: TraceEvent; end: number; child: number }[] = []
  let taskMs = 0
  const close = (upTo: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= upTo) {
      const top = stack.pop()!
      const self = Math.max(0, top.e.dur! - top.child) / 1000
      const kind = KIND[top.e.name] ?? 'other'
      byKind[kind] += self
      byName.set(top.e.name, (byName.get(top.e.name) ?? 0) + self)
      if (stack.length > 0) stack[stack.length - 1]!.child += top.e.dur!
    }
  }
  for (const e of onMain) {
    close(e.ts)
    if (stack.length === 0 && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) taskMs += e.dur! / 1000
    stack.push({ e, end: e.ts + e.dur!, child: 0 })
  }
  close(Number.POSITIVE_INFINITY)
  let count = 0
  let lastTotal = 0
  let lastDirty = 0
  let maxTotal = 0
  for (const e of events) {
    if (e.name !== 'Layout' || !e.args?.beginData) continue
    count++
    lastTotal = Number(e.args.beginData.totalObjects ?? 0)
    lastDirty = Number(e.args.beginData.dirtyObjects ?? 0)
    maxTotal = Math.max(maxTotal, lastTotal)
  }
  return {
    byKind,
    byName: [...byName].sort((a, b) => b[1] - a[1]).slice(0, 16),
    layouts: { count, lastTotalObjects: lastTotal, lastDirtyObjects: lastDirty, maxTotalObjects: maxTotal },
    taskMs,
  }
}

function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const named = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (named) {
    // Several renderers may exist; pick the one with the most Layout events.
    const candidates = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    let best = named
    let bestCount = -1
    for (const c of candidates) {
      const n = events.filter((e) => e.pid === c.pid && e.tid === c.tid && e.name === 'Layout').length
      if (n > bestCount) {
        best = c
        bestCount = n
      }
    }
    return { pid: best.pid, tid: best.tid }
  }
  const layout = events.find((e) => e.name === 'Layout')!
  return { pid: layout.pid, tid: layout.tid }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

/** A running V8 CPU profile; `stop()` returns self time per function (ms), largest first. */
export async function startProfile(): Promise<{ stop(): Promise<[string, number][]> }> {
  const session = cdp()
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 100 })
  await session.send('Profiler.start')
  return {
    async stop() {
      const { profile } = (await session.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } }
      const byId = new Map(profile.nodes.map((n) => [n.id, n]))
      const self = new Map<string, number>()
      profile.samples.forEach((id, k) => {
        const n = byId.get(id)!
        const file = n.callFrame.url.split('/').pop()?.split('?')[0] ?? ''
        const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000)
      })
      return [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)
    },
  }
}

export interface TaskStats {
  /** Longest main-thread task, ms (wall time). */
  longestMs: number
  /**
   * Longest main-thread task by thread (CPU) time, ms: on a shared machine a task's wall time includes the time
   * the thread waited for a core; this is the work the task did.
   */
  longestCpuMs: number
  /** Tasks of 50 ms or more (what the browser reports as long tasks). */
  longTasks: number
  tasks: number
  /** Main-thread task time, ms. */
  totalMs: number
}

/** A light trace (`toplevel` only: one event per task) for the longest main-thread task over a long run. */
export async function startTaskTrace(): Promise<{ stop(): Promise<TaskStats> }> {
  const end = await beginTrace('toplevel,__metadata')
  return {
    async stop() {
      const events = await end()
      const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      let best: TaskStats = { longestMs: Number.NaN, longestCpuMs: Number.NaN, longTasks: 0, tasks: 0, totalMs: 0 }
      for (const m of mains) {
        const tasks = events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.name.endsWith('RunTask'))
        const durations = tasks.map((e) => e.dur! / 1000)
        const cpu = tasks.map((e) => (e.tdur ?? e.dur!) / 1000)
        const stats = {
          longestMs: durations.reduce((a, b) => Math.max(a, b), 0),
          longestCpuMs: cpu.reduce((a, b) => Math.max(a, b), 0),
          longTasks: durations.filter((d) => d >= 50).length,
          tasks: durations.length,
          totalMs: durations.reduce((a, b) => a + b, 0),
        }
        if (!(best.totalMs >= stats.totalMs)) best = stats
      }
      return best
    },
  }
}
