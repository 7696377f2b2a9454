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
export { onPublish, onRender } from './stores/instrumentation'
export type { PublishListener, PublishRecord, RenderListener } from './stores/instrumentation'

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
  formatDetail,
  formatDetailLines,
  formatIssue,
  formatMs,
  formatRate,
  gapBucketLabels,
  isMissingAuthorization,
  metricsOnly,
  parseDiagnostics,
  reactivityFromStats,
  recordStream,
  redactDiagnostics,
  redactText,
  redactValue,
  stringifyDiagnostics,
} from './diagnostics'
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

// Endpoint doctor: the contract checks of `npx vue-chat-stream doctor`, and the panel's "Endpoint check" card
export { DOCTOR_CHECKS, formatDoctorReport, runDoctor } from './doctor'
export type { CheckId, CheckResult, CheckStatus, DoctorOptions, DoctorReport, FetchLike, FormatReportOptions } from './doctor'
export { default as EndpointCheckCard } from './components/StreamingDebugPanel/EndpointCheckCard.vue'
export type { EndpointCheckCardEmits, EndpointCheckCardProps } from './components/StreamingDebugPanel/EndpointCheckCard.vue'
export { useEndpointCheck } from './components/StreamingDebugPanel/useEndpointCheck'
export type { EndpointCheckInput, UseEndpointCheckReturn } from './components/StreamingDebugPanel/useEndpointCheck'
