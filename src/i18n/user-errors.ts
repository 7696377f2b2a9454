// The user-facing layer over the errors of src/errors/: which sentence of the catalogue a failure gets. The
// developer text (message, detail) stays as it is and goes into the Details disclosure.
import type { StreamErrorInfo } from '../types'
import type { ChatErrorKey } from './strings'

/** What the error notice knows beyond the error itself. */
export interface UserErrorContext {
  /** `navigator.onLine` when the error is shown; `false` turns connection failures into "you are offline". */
  online?: boolean
  /** Part of the answer arrived before it failed ("incomplete" rather than "could not be reached"). */
  hasContent?: boolean
}

/** The catalogue key (`ChatStrings['errors']`) of the one sentence a person reads for `error`. */
export function userErrorKey(error: StreamErrorInfo | undefined, context: UserErrorContext = {}): ChatErrorKey {
  if (!error) return 'unknown'
  const offline = context.online === false
  switch (error.kind) {
    case 'network':
      return offline ? 'offline' : context.hasContent ? 'cutOff' : 'unreachable'
    case 'stall':
      return offline ? 'offline' : 'stalled'
    case 'aborted':
      return 'stopped'
    case 'protocol':
      // With a status: a response that is not a stream. Without: the server's `event: error`.
      return error.status !== undefined ? 'unexpected' : 'answerFailed'
    case 'http':
      return httpKey(error.status)
    default:
      return 'unknown'
  }
}

function httpKey(status: number | undefined): ChatErrorKey {
  // An `http` error without a status is the token function failing: nothing was sent, the sign-in is the problem.
  if (status === undefined || status === 401) return 'sessionExpired'
  if (status === 403) return 'notAllowed'
  if (status === 404 || status === 410) return 'notFound'
  if (status === 413) return 'tooLarge'
  if (status === 429 || status === 503) return 'busy'
  if (status >= 500) return 'serverFailed'
  return 'rejected'
}
