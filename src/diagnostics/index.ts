export { DIAGNOSTICS_SCHEMA, DIAGNOSTICS_VERSION } from './schema'
export type {
  ConnectionPhase,
  DiagnosticsFile,
  GapHistogram,
  ListDiagnostics,
  LogEntry,
  LogEntryType,
  PhaseChange,
  ReactivityDiagnostics,
  RetryRecord,
  StallRecord,
  StreamDiagnostics,
  ThroughputSeries,
} from './schema'
export { REDACTED, redactDiagnostics, redactText, redactValue } from './redact'
export { formatBytes, formatMs, formatRate, gapBucketLabels } from './format'
export { charsOf, createStreamRecorder, metricsOnly, recordStream } from './recorder'
export type { StreamRecorder, StreamRecorderOptions, StreamRecording } from './recorder'
export { collectDiagnostics, reactivityFromStats, stringifyDiagnostics } from './collect'
export type { CollectDiagnosticsInput } from './collect'
export { DIAGNOSTICS_IMPORT_LIMITS, MAX_DIAGNOSTICS_CHARS, parseDiagnostics } from './parse'
export type { ParseDiagnosticsResult } from './parse'
export { explainDiagnostics } from './explain'
export type { ExplainThresholds, Finding, FindingSeverity } from './explain'
