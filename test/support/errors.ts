// Every kind of failure an answer can end with, made by the library's own error constructors (src/errors), so the
// developer text is the real one: for the error-notice tests and the "every error kind" stories.
import {
  answerEndedEarly,
  cannotResumeError,
  contentTypeError,
  gaveUpError,
  httpError,
  networkError,
  serverReportedError,
  stallError,
  toErrorInfo,
  tokenError,
} from '../../src/errors'
import type { ChatErrorKey } from '../../src/i18n'
import type { StreamErrorInfo } from '../../src/types'

export interface ErrorExample {
  /** The catalogue sentence this failure must get. */
  key: ChatErrorKey
  /** What happened, for test and story names. */
  name: string
  error: StreamErrorInfo
  /** Part of the answer arrived first. */
  hasContent: boolean
  /** `navigator.onLine` when it is shown. @default true */
  online?: boolean
}

const post = { url: '/api/sessions/s1/messages', method: 'POST', transport: 'fetch', tokenTransport: 'header' } as const
const missingHeader = [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }]

export function errorExamples(): ErrorExample[] {
  const dropped = networkError(new TypeError('Failed to fetch'), '')
  return [
    { key: 'offline', name: 'offline, the POST got no response', error: cannotResumeError(dropped).toJSON(), hasContent: false, online: false },
    { key: 'unreachable', name: 'API down: the POST got no response', error: cannotResumeError(dropped).toJSON(), hasContent: false },
    { key: 'cutOff', name: 'dropped mid-answer, reconnects used up', error: gaveUpError(networkError(new TypeError('network error'), '12'), 6).toJSON(), hasContent: true },
    { key: 'cutOff', name: 'the stream ended without done', error: answerEndedEarly(), hasContent: true },
    { key: 'stalled', name: 'silence, not even heartbeats', error: gaveUpError(stallError(30_000), 6).toJSON(), hasContent: true },
    { key: 'busy', name: '503 storm with Retry-After', error: gaveUpError(httpError(503, 'Service overloaded. Retry after 2 s.', post, { askedMs: 2000, waitMs: 2000 }), 6).toJSON(), hasContent: false },
    { key: 'busy', name: '429 rate limit', error: gaveUpError(httpError(429, 'Too many requests', post), 6).toJSON(), hasContent: false },
    { key: 'serverFailed', name: '500 on every resume', error: gaveUpError(httpError(500, 'Internal Server Error', post), 6).toJSON(), hasContent: true },
    { key: 'sessionExpired', name: '401 invalid token', error: httpError(401, 'Invalid token', post).toJSON(), hasContent: false },
    { key: 'sessionExpired', name: 'the token function failed', error: tokenError(new Error('refresh token expired')).toJSON(), hasContent: false },
    { key: 'notAllowed', name: '403', error: httpError(403, 'Forbidden', post).toJSON(), hasContent: false },
    { key: 'notFound', name: '404 unknown session', error: httpError(404, 'Not Found', post).toJSON(), hasContent: false },
    { key: 'tooLarge', name: '413 payload too large', error: httpError(413, 'Request Entity Too Large', post).toJSON(), hasContent: false },
    { key: 'rejected', name: '422 missing Authorization header', error: httpError(422, missingHeader, { ...post, transport: 'eventsource', tokenTransport: 'url' }).toJSON(), hasContent: false },
    { key: 'rejected', name: '422 invalid body', error: httpError(422, [{ loc: ['body', 'content'], msg: 'Field required' }], post).toJSON(), hasContent: false },
    { key: 'answerFailed', name: 'the server sent event: error', error: serverReportedError('Upstream model timed out after 30 s.', '{"message":"Upstream model timed out after 30 s."}'), hasContent: true },
    { key: 'unexpected', name: 'a 200 that is not a stream', error: contentTypeError(200, 'text/html', post).toJSON(), hasContent: false },
    { key: 'stopped', name: 'aborted', error: toErrorInfo(new DOMException('The operation was aborted.', 'AbortError')), hasContent: true },
  ]
}

/**
 * Words a person in front of a chat should not have to read: API, header, option and transport names, HTTP
 * jargon. Whole words, case-insensitive; the developer text keeps them (behind Details).
 */
export const JARGON = /`|\b(resumeUrl|Last-Event-ID|Authorization|EventSource|fetch|xhr|XMLHttpRequest|POST|GET|HTTP|CORS|token|stream|event|retry\.maxAttempts|maxAttempts|header|\d{3}|JSON|SSE|text\/event-stream)\b/i
