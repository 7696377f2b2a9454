// Errors as values, and every word said about them: used by the stream client, the chat engine, the components
// and the debug panel. Depends on nothing but the shared types.
export { StreamError, describeThrown, isStreamError, toErrorInfo } from './stream-error'
export {
  formatDetail,
  formatDetailLines,
  formatIssue,
  isMissingAuthorization,
  isValidationIssue,
  parseErrorBody,
  quoteDetail,
} from './detail'
export {
  answerEndedEarly,
  cannotResumeError,
  contentTypeError,
  errorTitle,
  gaveUpError,
  httpError,
  isFatalStatus,
  isRefusal,
  networkError,
  serverClosedError,
  serverReportedError,
  stallError,
  tokenError,
} from './wording'
export type { RequestContext } from './wording'
