// Errors as values, and every word said about them: used by the stream client, the chat engine, the components
// and the debug panel. Depends on nothing but the shared types.
export { StreamError, describeThrown, isStreamError, toErrorInfo } from './stream-error'
export {
  MAX_DETAIL_CHARS,
  compact,
  formatDetail,
  formatDetailLines,
  formatIssue,
  isMissingAuthorization,
  isValidationIssue,
  parseErrorBody,
  quoteDetail,
  summarizeText,
} from './detail'
export { MIN_SECRET_CHARS, REDACTED, isSecret, removeSecrets, removeSecretsDeep } from './secrets'
export {
  answerEndedEarly,
  cannotResumeError,
  causeOf,
  connectTimeoutError,
  contentTypeError,
  errorTitle,
  eventTooLargeError,
  formatWait,
  gaveUpError,
  httpError,
  isFatalStatus,
  isRefusal,
  networkError,
  patchFailed,
  replayError,
  serverClosedError,
  serverReportedError,
  stallError,
  tokenError,
  withoutSecrets,
} from './wording'
export type { RequestContext, RetryAfter } from './wording'
