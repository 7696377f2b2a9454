export { openEventStream } from './open'
export { StreamError, isStreamError } from '../errors'
export type {
  EventStream,
  OpenEventStreamOptions,
  ResumeContext,
  RetryOptions,
  StreamEvent,
  StreamLifecycleEvent,
  StreamLifecycleListener,
  StreamMetrics,
  StreamState,
  TokenSource,
  TokenTransport,
  TransportName,
  TransportOption,
} from './types'
