export { default as StreamingDebugPanel } from './StreamingDebugPanel.vue'
export type { StreamingDebugPanelEmits, StreamingDebugPanelProps } from './StreamingDebugPanel.vue'
export { useLiveDiagnostics } from './useLiveDiagnostics'
export type { LiveDiagnosticsOptions } from './useLiveDiagnostics'
