import type { ReactivityStats } from '../composables/useReactivityMonitor'
import type { EventStream } from '../stream/types'
import { metricsOnly } from './recorder'
import { redactDiagnostics } from './redact'
import { DIAGNOSTICS_SCHEMA, DIAGNOSTICS_VERSION } from './schema'
import type { DiagnosticsFile, ListDiagnostics, ReactivityDiagnostics, StreamDiagnostics } from './schema'

export interface CollectDiagnosticsInput {
  /** A recorded stream (`recordStream(...).snapshot()`), or a stream nobody recorded (its counters only). */
  stream?: StreamDiagnostics | EventStream
  /** The reactivity monitor's stats (`useReactivityMonitor().stats.value`) or figures already converted. */
  reactivity?: ReactivityStats | ReactivityDiagnostics
  list?: ListDiagnostics
  note?: string
  /** @default the current page and user agent, when in a browser */
  environment?: DiagnosticsFile['environment']
  /** For tests. @default new Date() */
  now?: Date
}

function round(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms * 10) / 10
}

/** The reactivity monitor's stats as stored in a diagnostics file. */
export function reactivityFromStats(stats: ReactivityStats): ReactivityDiagnostics {
  const latency: ReactivityDiagnostics['updateToPaint'] = {}
  if (stats.latency.p50Ms !== undefined) latency.p50Ms = round(stats.latency.p50Ms)
  if (stats.latency.p95Ms !== undefined) latency.p95Ms = round(stats.latency.p95Ms)
  if (stats.latency.maxMs !== undefined) latency.maxMs = round(stats.latency.maxMs)
  return {
    publishes: stats.publishes,
    publishesPerSecond: Math.round(stats.publishesPerSecond * 10) / 10,
    deltas: stats.deltas,
    renders: stats.renders,
    rendersPerPublish: stats.publishes ? Math.round((stats.renders / stats.publishes) * 100) / 100 : 0,
    maxRendersPerMessagePerPublish: stats.maxRendersPerMessagePerPublish,
    unchangedRenders: stats.unchangedRenders,
    updateToPaint: latency,
    publishCostMaxMs: round(stats.publishCostMs.maxMs) ?? 0,
    frames: stats.frames,
    droppedFrames: stats.droppedFrames,
    longTasks: {
      count: stats.longTasks.count,
      totalMs: Math.round(stats.longTasks.totalMs),
      longestMs: Math.round(stats.longTasks.longestMs),
    },
  }
}

function isEventStream(value: StreamDiagnostics | EventStream): value is EventStream {
  return typeof (value as EventStream).metrics === 'function'
}

function isStats(value: ReactivityStats | ReactivityDiagnostics): value is ReactivityStats {
  return 'latency' in value
}

function currentEnvironment(): DiagnosticsFile['environment'] {
  if (typeof navigator === 'undefined' || typeof location === 'undefined') return undefined
  return { userAgent: navigator.userAgent, page: `${location.origin}${location.pathname}` }
}

/** Builds a diagnostics file (versioned schema, tokens redacted) from what the panel observed. */
export function collectDiagnostics(input: CollectDiagnosticsInput = {}): DiagnosticsFile {
  const file: DiagnosticsFile = {
    schema: DIAGNOSTICS_SCHEMA,
    version: DIAGNOSTICS_VERSION,
    createdAt: (input.now ?? new Date()).toISOString(),
    redacted: true,
  }
  const environment = input.environment ?? currentEnvironment()
  if (environment) file.environment = environment
  if (input.note) file.note = input.note
  if (input.stream) file.stream = isEventStream(input.stream) ? metricsOnly(input.stream.metrics()) : input.stream
  if (input.reactivity) file.reactivity = isStats(input.reactivity) ? reactivityFromStats(input.reactivity) : input.reactivity
  if (input.list) file.list = input.list
  return redactDiagnostics(file)
}

/** The file as pretty JSON, ready for the clipboard or a download. */
export function stringifyDiagnostics(file: DiagnosticsFile): string {
  return `${JSON.stringify(redactDiagnostics(file), null, 2)}\n`
}
