import type { Probe } from '../probes'
import type { CheckStatus } from '../types'
import { detailOf, readError, result, worst } from '../words'
import type { Check } from './context'

interface Finding {
  status: CheckStatus
  text: string
}

/** A 4xx the client will show: JSON with `detail`, which becomes `error.detail` and the message a person reads. */
function judge4xx(probe: Probe, what: string): Finding | undefined {
  if (probe.status === undefined || probe.status < 400 || probe.status >= 500) return undefined
  const { json, detail, excerpt } = readError(probe)
  if (json && detail !== undefined) return { status: 'pass', text: `${what} → ${probe.status} JSON${detailOf(probe)}` }
  const type = probe.headers?.get('content-type')?.split(';')[0] ?? 'no Content-Type'
  const body = excerpt ? ` “${excerpt}”` : ' (empty)'
  return {
    status: 'fail',
    text: `${what} → ${probe.status} ${type}${body}${json ? ' without "detail"' : ''}: the user only learns “${probe.status}”, not why`,
  }
}

/** 7. 4xx answers are JSON with `detail`; a 503/429 says when to come back (Retry-After). */
export const errors: Check = {
  id: 'errors',
  async run({ probes }) {
    const id = 'errors'
    const [wrong, query, main] = await Promise.all([probes.wrongToken(), probes.tokenInQuery(), probes.main()])
    const findings = [judge4xx(wrong, 'a wrong token'), judge4xx(query, 'the token in the URL')].filter((f): f is Finding => !!f)
    for (const r of main.refusals) {
      findings.push(
        r.retryAfter
          ? { status: 'pass', text: `the POST was refused with ${r.status} and Retry-After: ${r.retryAfter}; the doctor waited and posted again` }
          : { status: 'fail', text: `the POST was refused with ${r.status} without Retry-After: the client can only guess when to post again` },
      )
    }
    if (findings.length === 0) {
      return result(id, 'warn', 'Not checked: neither a wrong token nor the token in the URL was refused with a 4xx.', 'See “Auth by header” and “Token in the URL is refused”.')
    }
    const status = worst(findings.map((f) => f.status))
    const overload = main.refusals.length === 0 ? ' No 503/429 seen (the doctor cannot make a server overload; make sure yours send Retry-After).' : ''
    const list = findings.map((f) => f.text).join('; ')
    const observed = `${list.charAt(0).toUpperCase()}${list.slice(1)}.${overload}`
    if (status === 'pass') return result(id, status, observed)
    const advice: string[] = []
    if (findings.some((f) => f.status === 'fail' && !f.text.includes('Retry-After'))) {
      advice.push(
        'Answer 4xx with Content-Type: application/json and {"detail": …} (FastAPI’s shape: a string, or a list of {loc, msg}); the client shows it. If a proxy or gateway answers with its own HTML page, let the app’s error through (nginx: proxy_intercept_errors off).',
      )
    }
    if (findings.some((f) => f.status === 'fail' && f.text.includes('Retry-After'))) {
      advice.push('Send Retry-After (seconds) with every 503 and 429: the client waits exactly that long, then posts again.')
    }
    return result(id, status, observed, advice.join(' '))
  },
}
