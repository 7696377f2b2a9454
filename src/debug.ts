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

// Publish and render hooks, for a monitor of your own
export { onPublish, onRender } from './instrumentation/hooks'
export type { PublishListener, PublishRecord, RenderListener } from './instrumentation/hooks'

// The panel: a verdict first, then connection, throughput, retries, rendering and the event log
export { StreamingDebugPanel, useLiveDiagnostics } from './components/StreamingDebugPanel'
export type { LiveDiagnosticsOptions, StreamingDebugPanelEmits, StreamingDebugPanelProps } from './components/StreamingDebugPanel'

// Diagnostics files: record a stream, collect and redact a file, read one back and explain it (support tooling)
export {
  DIAGNOSTICS_SCHEMA,
  DIAGNOSTICS_VERSION,
  collectDiagnostics,
  createStreamRecorder,
  explainDiagnostics,
  parseDiagnostics,
  recordStream,
  redactDiagnostics,
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
