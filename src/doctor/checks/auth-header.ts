import { isMissingAuthorization } from '../../errors'
import { INVALID_TOKEN, isEventStream } from '../probes'
import { answerOf, detailOf, ms, readError, result } from '../words'
import type { Check } from './context'

/** 1. `POST` with `Authorization: Bearer …` streams `text/event-stream` — and a made-up token does not. */
export const authHeader: Check = {
  id: 'auth-header',
  async run({ probes, options }) {
    const id = 'auth-header'
    const main = await probes.main()
    const sent = `POST ${options.url} with Authorization: Bearer [redacted]`
    if (!options.token) {
      return result(id, 'fail', `${sent.replace(' with Authorization: Bearer [redacted]', ' without a token')} → ${answerOf(main)}.`, 'Give the doctor a token: --token-env NAME (keeps it out of shell history) or --token.')
    }
    if (main.status === undefined) {
      const page = options.pageOrigin
      if (options.runtime === 'browser' && page && new URL(options.url, globalThis.location?.href).origin !== page) {
        // The browser hides why; the CORS check says what it most likely was. One failure, not two.
        return result(id, 'warn', `${sent} → ${answerOf(main)}: no answer reached this page.`, 'See “CORS for the Authorization header”.')
      }
      return result(id, 'fail', `${sent} → ${answerOf(main)}.`, 'Check the URL, and that the server runs and is reachable from here.')
    }
    if (isEventStream(main)) {
      const s = main.stream!
      const wrong = await probes.wrongToken()
      if (wrong.status !== undefined && wrong.status >= 200 && wrong.status < 300) {
        return result(
          id,
          'fail',
          `${sent} → ${main.status} text/event-stream, but the made-up token “${INVALID_TOKEN}” got ${answerOf(wrong)} too.`,
          'The endpoint does not check the token: validate it and answer 401 {"detail": "Invalid token"} when it is wrong or expired.',
        )
      }
      return result(id, 'pass', `${sent} → ${main.status} text/event-stream: ${s.events.length} events in ${ms(s.endAt)}.`)
    }
    const { detail } = readError(main)
    const got = `${sent} → ${answerOf(main)}${detailOf(main)}.`
    if (main.status === 401 || main.status === 403) {
      return result(id, 'fail', got, 'The header arrived and the token was refused: pass a valid, unexpired token (--token-env NAME or --token).')
    }
    if (main.status === 422 && isMissingAuthorization(detail)) {
      return result(
        id,
        'fail',
        got,
        'The Authorization header did not reach the app although it was sent: a proxy, gateway or load balancer drops it. Forward it (nginx: do not clear it with proxy_set_header; API gateways: map the header through).',
      )
    }
    if (main.status >= 200 && main.status < 300) {
      return result(
        id,
        'fail',
        got,
        `Answer with Content-Type: text/event-stream and stream the frames. The client treats any other ${main.status} as a protocol error and shows nothing; is the old non-streaming endpoint still behind this URL?`,
      )
    }
    if (main.status === 404 || main.status === 405) {
      return result(id, 'fail', got, 'No streaming POST at this URL. The contract: POST /api/sessions/:sessionId/messages with a JSON body {"content": "…"} (see docs/streaming.md).')
    }
    if (main.status >= 500 || main.status === 429) {
      const tries = main.refusals.length > 0 ? ' (also after waiting once as asked)' : ''
      return result(id, 'fail', got.replace(/\.$/, `${tries}.`), 'The server failed or is overloaded; look at its logs and run the doctor again.')
    }
    return result(id, 'fail', got, 'The server refused the request; its detail above says which field. The doctor sends {"content": prompt}; pass --body JSON when the endpoint wants more.')
  },
}
