import type { EventStream, StreamLifecycleEvent, StreamMetrics } from '../stream/types'
import { formatDetail } from '../errors'
import { redactText } from './redact'
import type { ConnectionPhase, LogEntry, LogEntryType, PhaseChange, RetryRecord, StallRecord, StreamDiagnostics } from './schema'

export interface StreamRecorderOptions {
  /** Log entries kept: the first tenth and the latest of the rest. @default 500 */
  maxLogEntries?: number
  /** Points of the throughput series; buckets double in width when it would grow past this. @default 60 */
  maxPoints?: number
  /** Width of one throughput bucket to start with, ms. @default 250 */
  bucketMs?: number
  /** Upper edges of the gap histogram's buckets, ms. @default [10, 50, 100, 250, 500, 1000, 5000] */
  gapEdgesMs?: number[]
  /** Whether the recorder saw the stream from its start (`recordStream` tells from the metrics). @default true */
  observedFromStart?: boolean
}

export interface StreamRecorder {
  /** Feed one lifecycle event (what `stream.subscribe` delivers). */
  record(event: StreamLifecycleEvent): void
  /** The figures so far, merged with the stream's own counters. */
  snapshot(metrics: StreamMetrics): StreamDiagnostics
}

const PHASE_OF: Partial<Record<StreamLifecycleEvent['type'], ConnectionPhase>> = {
  connecting: 'connecting',
  open: 'open',
  stall: 'stalled',
  retry: 'retrying',
  offline: 'retrying',
}

/** Characters of answer text in an event: the `delta` of `{ delta }` JSON, or the data of a plain `message`. */
export function charsOf(event: { event: string; data: string }): number {
  if (event.event === 'delta') {
    try {
      const parsed: unknown = JSON.parse(event.data)
      const delta = parsed && typeof parsed === 'object' ? (parsed as { delta?: unknown }).delta : undefined
      return typeof delta === 'string' ? delta.length : 0
    } catch {
      return event.data.length
    }
  }
  return event.event === 'message' ? event.data.length : 0
}

function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** One log line. Answer text is never copied into the log: a delta is logged as its length. */
function describe(event: StreamLifecycleEvent): string {
  switch (event.type) {
    case 'connecting':
      return `${event.method} ${redactText(event.url)} via ${event.transport}${event.attempt ? ` (attempt ${event.attempt})` : ''}`
    case 'open':
      return `${event.status} ${event.contentType || 'no content type'}; token via ${event.tokenTransport}`
    case 'chunk':
      return `${event.bytes} B (total ${event.totalBytes} B)`
    case 'message': {
      const { event: name, id, data } = event.event
      const tag = `${name}${id ? ` #${id}` : ''}`
      if (name === 'delta' || name === 'message') return `${tag}: ${charsOf(event.event)} chars`
      return `${tag}: ${shorten(redactText(data))}`
    }
    case 'retry':
      return `attempt ${event.attempt} in ${Math.round(event.delayMs)} ms: ${event.reason}${event.error ? ` (${shorten(redactText(event.error.message))})` : ''}`
    case 'stall':
      return `no bytes for ${Math.round(event.idleMs)} ms`
    case 'offline':
      return 'browser offline: waiting for the network'
    case 'error': {
      const detail = formatDetail(event.error.detail)
      const head = `${event.error.kind}${event.error.status ? ` ${event.error.status}` : ''}`
      return shorten(redactText(`${head}${detail ? ` — ${detail}` : ''}: ${event.error.message}`), 400)
    }
    case 'close':
      return event.reason
  }
}

/**
 * Collects what the panel shows from a stream's lifecycle events, in bounded memory: a capped log, a throughput
 * series whose buckets widen instead of growing, a fixed histogram. Pure data: no timers, no Vue.
 */
export function createStreamRecorder(origin: number, options: StreamRecorderOptions = {}): StreamRecorder {
  const maxLog = Math.max(10, options.maxLogEntries ?? 500)
  const headCap = Math.max(5, Math.floor(maxLog / 10))
  const tailCap = maxLog - headCap
  const maxPoints = Math.max(4, options.maxPoints ?? 60)
  const edges = options.gapEdgesMs ?? [10, 50, 100, 250, 500, 1000, 5000]
  let bucketMs = options.bucketMs ?? 250

  const head: LogEntry[] = []
  const tail: LogEntry[] = []
  let tailStart = 0
  let omitted = 0
  const phases: PhaseChange[] = []
  const stalls: StallRecord[] = []
  const retries: RetryRecord[] = []
  let chars: number[] = []
  let bytes: number[] = []
  const gapCounts = new Array<number>(edges.length + 1).fill(0)
  let lastChunkAt: number | undefined
  let totalChars = 0
  let firstTokenMs: number | undefined
  let url: string | undefined
  let method: string | undefined
  let lastAt = 0
  const observedFromStart = options.observedFromStart ?? true

  const rel = (at: number) => Math.max(0, Math.round((at - origin) * 10) / 10)

  function log(atMs: number, type: LogEntryType, text: string) {
    const entry = { atMs, type, text }
    if (head.length < headCap) return void head.push(entry)
    if (tail.length < tailCap) return void tail.push(entry)
    tail[tailStart] = entry
    tailStart = (tailStart + 1) % tailCap
    omitted++
  }

  function phase(state: ConnectionPhase, atMs: number) {
    if (phases.at(-1)?.state !== state) phases.push({ state, atMs })
  }

  function bucket(atMs: number): number {
    let index = Math.floor(atMs / bucketMs)
    while (index >= maxPoints) {
      // Halve the resolution: merge neighbours, keep the series' length bounded.
      const merge = (series: number[]) => series.reduce<number[]>((out, v, i) => ((out[i >> 1] = (out[i >> 1] ?? 0) + v), out), [])
      chars = merge(chars)
      bytes = merge(bytes)
      bucketMs *= 2
      index = Math.floor(atMs / bucketMs)
    }
    while (chars.length <= index) chars.push(0)
    while (bytes.length <= index) bytes.push(0)
    return index
  }

  function record(event: StreamLifecycleEvent): void {
    const atMs = rel(event.at)
    lastAt = Math.max(lastAt, atMs)
    switch (event.type) {
      case 'connecting':
        url = redactText(event.url)
        method = event.method
        lastChunkAt = undefined
        break
      case 'chunk': {
        // The index first: bucket() may replace the arrays.
        const index = bucket(atMs)
        bytes[index]! += event.bytes
        if (lastChunkAt !== undefined) {
          const gap = event.at - lastChunkAt
          let i = edges.findIndex((edge) => gap < edge)
          if (i === -1) i = edges.length
          gapCounts[i]!++
        }
        lastChunkAt = event.at
        break
      }
      case 'message': {
        const n = charsOf(event.event)
        if (n > 0) {
          const index = bucket(atMs)
          chars[index]! += n
          totalChars += n
          firstTokenMs ??= atMs
        }
        if (phases.at(-1)?.state === 'stalled') phase('open', atMs)
        break
      }
      case 'stall':
        stalls.push({ atMs, idleMs: Math.round(event.idleMs) })
        break
      case 'retry':
        retries.push({
          atMs,
          attempt: event.attempt,
          delayMs: Math.round(event.delayMs),
          reason: event.reason,
          ...(event.error?.status !== undefined ? { status: event.error.status } : {}),
          ...(event.error ? { message: redactText(event.error.message) } : {}),
        })
        break
      case 'close':
        phase(event.reason === 'error' ? 'error' : 'closed', atMs)
        break
    }
    const next = PHASE_OF[event.type]
    if (next) phase(next, atMs)
    log(atMs, event.type, describe(event))
  }

  function snapshot(m: StreamMetrics): StreamDiagnostics {
    const gap: LogEntry[] = omitted
      ? [{ atMs: tail[tailStart]?.atMs ?? lastAt, type: 'note', text: `… ${omitted} entries omitted …` }]
      : []
    const log = [...head, ...gap, ...tail.slice(tailStart), ...tail.slice(0, tailStart)]
    const end = m.state === 'closed' || m.state === 'error' ? lastAt : Math.max(lastAt, rel(performance.now()))
    const span = firstTokenMs === undefined ? 0 : (end - firstTokenMs) / 1000
    return {
      ...(url !== undefined ? { url } : {}),
      ...(method !== undefined ? { method } : {}),
      transport: m.transport,
      tokenTransport: m.tokenTransport,
      state: m.state,
      ...(m.status !== undefined ? { status: m.status } : {}),
      ...(m.contentType !== undefined ? { contentType: m.contentType } : {}),
      ...(m.error ? { error: m.error } : {}),
      ...(m.ttfbMs !== undefined ? { ttfbMs: Math.round(m.ttfbMs) } : {}),
      ...(m.timeToFirstEventMs !== undefined ? { firstEventMs: Math.round(m.timeToFirstEventMs) } : {}),
      ...(firstTokenMs !== undefined ? { firstTokenMs: Math.round(firstTokenMs) } : {}),
      durationMs: Math.round(end),
      bytes: m.bytes,
      chunks: m.chunks,
      events: m.events,
      chars: totalChars,
      bytesPerSecond: Math.round(m.bytesPerSecond),
      eventsPerSecond: Math.round(m.eventsPerSecond * 10) / 10,
      largestGapMs: Math.round(m.largestGapMs),
      retries: m.retries,
      lastEventId: m.lastEventId,
      observedFromStart,
      phases: phases.length ? [...phases] : [{ state: m.state, atMs: 0 }],
      throughput: { bucketMs, chars: [...chars], bytes: [...bytes] },
      gaps: { edgesMs: [...edges], counts: [...gapCounts] },
      stalls: [...stalls],
      retryLog: [...retries],
      log,
      charsPerSecond: span > 0 ? Math.round(totalChars / span) : 0,
      logOmitted: omitted,
    }
  }

  return { record, snapshot }
}

/** Figures of a stream nobody recorded: its counters only (phases, log and charts stay empty). */
export function metricsOnly(m: StreamMetrics): StreamDiagnostics {
  return createStreamRecorder(m.startedAt, { observedFromStart: false }).snapshot(m)
}

export interface StreamRecording {
  snapshot(): StreamDiagnostics
  stop(): void
}

/** Subscribes a recorder to `stream` (see `createStreamRecorder`); `stop()` unsubscribes. */
export function recordStream(
  stream: EventStream,
  options: StreamRecorderOptions & { onEvent?: (event: StreamLifecycleEvent) => void } = {},
): StreamRecording {
  const m = stream.metrics()
  // Nothing has happened yet when there is no response and no reconnect: the recorder sees it all.
  const fresh = m.ttfbMs === undefined && m.bytes === 0 && m.retries === 0 && m.state === 'connecting'
  const recorder = createStreamRecorder(m.startedAt, { observedFromStart: fresh, ...options })
  const unsubscribe = stream.subscribe((event) => {
    recorder.record(event)
    options.onEvent?.(event)
  })
  return { snapshot: () => recorder.snapshot(stream.metrics()), stop: unsubscribe }
}
