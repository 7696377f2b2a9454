// vue-chat-stream/debug: the observing side. Nothing here is needed by the hot path; apps that do not import
// this entry do not ship it.

// Reactivity monitor (store publishes, renders, update→paint latency, dropped frames, long tasks)
export { useReactivityMonitor } from './composables/useReactivityMonitor'
export type {
  LatencyStats,
  ReactivityMonitorOptions,
  ReactivityStats,
  UseReactivityMonitorReturn,
} from './composables/useReactivityMonitor'
export { onPublish, onRender } from './instrumentation/hooks'
export type { PublishListener, PublishRecord, RenderListener } from './instrumentation/hooks'

// Streaming debug panel (P) and the diagnostics file it copies and loads
export { StreamingDebugPanel, useLiveDiagnostics } from './components/StreamingDebugPanel'
export type { LiveDiagnosticsOptions, StreamingDebugPanelEmits, StreamingDebugPanelProps } from './components/StreamingDebugPanel'
export {
  DIAGNOSTICS_SCHEMA,
  DIAGNOSTICS_VERSION,
  MAX_DIAGNOSTICS_CHARS,
  REDACTED,
  charsOf,
  collectDiagnostics,
  createStreamRecorder,
  explainDiagnostics,
  formatBytes,
  formatMs,
  formatRate,
  gapBucketLabels,
  metricsOnly,
  parseDiagnostics,
  reactivityFromStats,
  recordStream,
  redactDiagnostics,
  redactText,
  redactValue,
  stringifyDiagnostics,
} from './diagnostics'
export { formatDetail, formatIssue, isMissingAuthorization } from './errors'
export type {
  CollectDiagnosticsInput,
  ConnectionPhase,
  DiagnosticsFile,
  ExplainThresholds,
  Finding,
  FindingSeverity,
  GapHistogram,
  ListDiagnostics,
  LogEntry,
  LogEntryType,
  ParseDiagnosticsResult,
  PhaseChange,
  ReactivityDiagnostics,
  RetryRecord,
  StallRecord,
  StreamDiagnostics,
  StreamRecorder,
  StreamRecorderOptions,
  StreamRecording,
  ThroughputSeries,
} from './diagnostics'
