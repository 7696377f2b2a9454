import type { StreamState, TokenTransport, TransportName } from '../stream/types'
import type { StreamErrorInfo } from '../types'

/** The `schema` field of every diagnostics file. */
export const DIAGNOSTICS_SCHEMA = 'vue-chat-stream/diagnostics'
/** The version this build writes; files of a newer version are refused with a message saying so. */
export const DIAGNOSTICS_VERSION = 1

/** A connection phase as the panel draws it (`stalled` is seen from the stall event until the reconnect). */
export type ConnectionPhase = StreamState | 'stalled'

/** The connection entered `state` at `atMs` (ms since the stream was opened). */
export interface PhaseChange {
  state: ConnectionPhase
  atMs: number
}

/** Lifecycle event types of the stream client, as they appear in the log. */
export type LogEntryType = 'connecting' | 'open' | 'chunk' | 'message' | 'retry' | 'stall' | 'offline' | 'error' | 'close' | 'note'

export interface LogEntry {
  /** ms since the stream was opened. */
  atMs: number
  type: LogEntryType
  /** One line, tokens redacted; message text is summarized, never copied (only its length). */
  text: string
}

export interface RetryRecord {
  atMs: number
  attempt: number
  delayMs: number
  /** `http 503`, `network`, `stall`, `recycle`… */
  reason: string
  status?: number
  message?: string
}

export interface StallRecord {
  atMs: number
  idleMs: number
}

/** Characters and bytes per time bucket; buckets double in width so the series never exceeds its cap. */
export interface ThroughputSeries {
  bucketMs: number
  chars: number[]
  bytes: number[]
}

/** Gaps between chunks of one connection: `counts[i]` gaps below `edgesMs[i]`, the last count the rest. */
export interface GapHistogram {
  edgesMs: number[]
  counts: number[]
}

/** Everything the panel knows about one stream. Times are ms since the stream was opened. */
export interface StreamDiagnostics {
  /** Request URL of the latest connection, tokens redacted. */
  url?: string
  method?: string
  transport: TransportName
  tokenTransport: TokenTransport
  state: StreamState
  status?: number
  contentType?: string
  error?: StreamErrorInfo
  ttfbMs?: number
  firstEventMs?: number
  /** First `delta` that carried text. */
  firstTokenMs?: number
  durationMs: number
  bytes: number
  chunks: number
  events: number
  /** Characters of answer text seen (deltas). */
  chars: number
  bytesPerSecond: number
  eventsPerSecond: number
  /** Answer characters per second from the first token on. */
  charsPerSecond: number
  largestGapMs: number
  retries: number
  lastEventId: string
  /** False when the panel started observing after the stream was opened: earlier events are missing from the log. */
  observedFromStart: boolean
  phases: PhaseChange[]
  throughput: ThroughputSeries
  gaps: GapHistogram
  stalls: StallRecord[]
  retryLog: RetryRecord[]
  log: LogEntry[]
  /** Log entries left out to keep the log capped (the first and the latest are kept). */
  logOmitted: number
}

/** The reactivity monitor's figures (see `useReactivityMonitor`). */
export interface ReactivityDiagnostics {
  publishes: number
  publishesPerSecond: number
  deltas: number
  renders: number
  /** Renders reported per publish, over the whole run. */
  rendersPerPublish: number
  maxRendersPerMessagePerPublish: number
  unchangedRenders: number
  updateToPaint: { p50Ms?: number; p95Ms?: number; maxMs?: number }
  publishCostMaxMs: number
  frames: number
  droppedFrames: number
  longTasks: { count: number; totalMs: number; longestMs: number }
}

/** What the message list did with its rows (MessageList's `virtualization`). */
export interface ListDiagnostics {
  virtualization?: string
  messages?: number
}

/** A diagnostics file: what "Copy diagnostics" exports and what the panel loads. Always redacted. */
export interface DiagnosticsFile {
  schema: typeof DIAGNOSTICS_SCHEMA
  version: number
  /** ISO time the file was made. */
  createdAt: string
  redacted: true
  environment?: { userAgent?: string; page?: string; library?: string }
  /** Free text from the person who sent it. */
  note?: string
  stream?: StreamDiagnostics
  reactivity?: ReactivityDiagnostics
  list?: ListDiagnostics
}
