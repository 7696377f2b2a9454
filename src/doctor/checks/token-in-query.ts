import { isEventStream } from '../probes'
import { answerOf, detailOf, result } from '../words'
import type { Check } from './context'

/** 2. The old bug's request — the token only in the query string — must be refused. */
export const tokenInQuery: Check = {
  id: 'token-in-query',
  async run({ probes, options }) {
    const id = 'token-in-query'
    if (!options.token) return result(id, 'warn', 'Not checked: no token given.', 'Give the doctor a token (--token-env NAME or --token).')
    const probe = await probes.tokenInQuery()
    const sent = `POST ${probe.shownUrl} without an Authorization header`
    if (probe.status === undefined) {
      return result(id, 'warn', `${sent} → ${answerOf(probe)}.`, 'Could not check: the request failed before any answer.')
    }
    if (probe.status >= 200 && probe.status < 300) {
      const what = isEventStream(probe) ? `${probe.status} text/event-stream` : answerOf(probe)
      return result(
        id,
        'fail',
        `${sent} → ${what}: the server accepted a token from the URL.`,
        'Accept the token only in the Authorization header. Tokens in URLs end up in access logs, proxy logs and browser history. Only the legacy EventSource client puts the token in the URL (docs/streaming.md, Rollback); the fetch client sends the header.',
      )
    }
    if (probe.status >= 400 && probe.status < 500) {
      return result(
        id,
        'pass',
        `${sent} → ${probe.status}${detailOf(probe)}: refused, as it should be.`,
        'Expected: this is the original bug’s request (EventSource could only put the token in the URL, and the backend answered 422). Refusing it keeps tokens out of logs; the client sends the header instead.',
      )
    }
    return result(id, 'warn', `${sent} → ${answerOf(probe)}.`, 'Refuse a request without the Authorization header with 401 or 422 (FastAPI does), not with a server error.')
  },
}
