import type { Probe } from '../probes'
import { answerOf, listHeader, result, worst } from '../words'
import type { CheckStatus } from '../types'
import type { Check, CheckContext } from './context'

/** Request headers the client sends that are not CORS-safelisted, per request. */
const POST_HEADERS = 'authorization, content-type'
const RESUME_HEADERS = 'authorization, last-event-id'

interface Finding {
  status: CheckStatus
  text: string
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url, globalThis.location?.href).origin
  } catch {
    return undefined
  }
}

/** Does this answer let a page from `origin` read it? (`*` does, as long as no credentials are sent.) */
function allowsOrigin(probe: Probe, origin: string): boolean {
  const allowed = probe.headers?.get('access-control-allow-origin')?.trim()
  return allowed === '*' || allowed === origin
}

/** A preflight the browser would accept: 2xx, the origin allowed, every header listed (`*` never covers Authorization). */
function judgePreflight(probe: Probe, origin: string, method: 'GET' | 'POST', wanted: string, purpose = ''): Finding {
  const label = `OPTIONS preflight for ${method}${purpose} with ${wanted}`
  if (probe.status === undefined) return { status: 'fail', text: `${label} → ${answerOf(probe)}` }
  const problems: string[] = []
  if (probe.status < 200 || probe.status >= 300) problems.push(`status ${probe.status}`)
  if (!allowsOrigin(probe, origin)) {
    const got = probe.headers?.get('access-control-allow-origin')
    problems.push(got ? `Access-Control-Allow-Origin is ${got}` : 'no Access-Control-Allow-Origin')
  }
  if (problems.length > 0) return { status: 'fail', text: `${label} → ${problems.join(', ')}` }
  const allowedHeaders = listHeader(probe, 'access-control-allow-headers')
  const missing = wanted.split(', ').filter((h) => !allowedHeaders.includes(h) && !(h !== 'authorization' && allowedHeaders.includes('*')))
  if (missing.length > 0) problems.push(`Access-Control-Allow-Headers lacks ${missing.join(', ')}`)
  // Access-Control-Allow-Methods is not judged: GET and POST are CORS-safelisted methods, allowed without it.
  if (problems.length > 0) return { status: 'fail', text: `${label} → ${problems.join(', ')}` }
  return { status: 'pass', text: `${label} → ${probe.status}, allowed` }
}

async function fromNode({ probes, options }: CheckContext) {
  const id = 'cors'
  const origin = options.origin
  const apiOrigin = originOf(options.url)
  if (!origin) {
    return result(
      id,
      'pass',
      'Not checked: no --origin given, so the app is taken to be served from the API’s own origin (same-origin requests need no CORS).',
      'If the app runs on another origin (host, port or scheme), run again with --origin https://your-app.example.',
    )
  }
  if (origin === apiOrigin) return result(id, 'pass', `The app (${origin}) and the API share an origin: no CORS involved.`)

  const [post, main, wrong, resumeUrl] = await Promise.all([
    probes.preflight(options.url, 'POST', POST_HEADERS),
    probes.main(),
    probes.wrongToken(),
    probes.resumeUrl(),
  ])
  const findings: Finding[] = [judgePreflight(post, origin, 'POST', POST_HEADERS)]
  if (resumeUrl) findings.push(judgePreflight(await probes.preflight(resumeUrl, 'GET', RESUME_HEADERS), origin, 'GET', RESUME_HEADERS, ' (resume)'))

  if (main.status !== undefined) {
    findings.push(
      allowsOrigin(main, origin)
        ? { status: 'pass', text: `the ${main.status} stream allows ${origin}` }
        : { status: 'fail', text: `the ${main.status} stream has no Access-Control-Allow-Origin for ${origin}: the page cannot read it` },
    )
  }
  if (wrong.status !== undefined && wrong.status >= 400) {
    findings.push(
      allowsOrigin(wrong, origin)
        ? { status: 'pass', text: `the ${wrong.status} error allows ${origin}` }
        : { status: 'fail', text: `the ${wrong.status} error has no Access-Control-Allow-Origin: the browser hides it and the user sees a network error instead of the server’s detail` },
    )
  }
  const exposed = [main, wrong].flatMap((p) => listHeader(p, 'access-control-expose-headers'))
  if (!exposed.includes('retry-after') && !exposed.includes('*')) {
    findings.push({ status: 'warn', text: 'Retry-After is not in Access-Control-Expose-Headers: on a 503/429 the client cannot read how long to wait and guesses' })
  }

  const status = worst(findings.map((f) => f.status))
  const observed = `From ${origin}: ${findings.map((f) => f.text).join('; ')}.`
  if (status === 'pass') return result(id, status, observed)
  return result(
    id,
    status,
    observed,
    status === 'fail'
      ? `Allow the app’s origin on every answer, errors included: Access-Control-Allow-Origin: ${origin}, Access-Control-Allow-Headers: Authorization, Content-Type, Last-Event-ID (a * does not cover Authorization), Access-Control-Expose-Headers: Retry-After. Switching from EventSource to fetch with a header adds this preflight; EventSource never needed it.`
      : 'Add Access-Control-Expose-Headers: Retry-After so the client waits as long as the server asks.',
  )
}

async function fromBrowser({ probes, options }: CheckContext) {
  const id = 'cors'
  const page = options.pageOrigin
  const api = originOf(options.url)
  if (!page || page === api) return result(id, 'pass', `This page and the API share an origin (${api}): no CORS involved.`)
  const [main, wrong] = await Promise.all([probes.main(), probes.wrongToken()])
  const advice = `Allow ${page} on every answer of the API, errors included: Access-Control-Allow-Origin, Access-Control-Allow-Headers: Authorization, Content-Type, Last-Event-ID (a * does not cover Authorization), Access-Control-Expose-Headers: Retry-After. The browser console names the exact reason.`
  if (main.status === undefined) {
    return result(
      id,
      'fail',
      `The browser refused the POST from ${page} before any answer reached this page (${main.error}). With an API on another origin this is almost always CORS: its preflight for ${POST_HEADERS} was not allowed — or the server is unreachable.`,
      advice,
    )
  }
  const findings = [`the browser’s preflight for POST with ${POST_HEADERS} passed and the ${main.status} answer is readable`]
  if (wrong.status === undefined) {
    return result(
      id,
      'fail',
      `From ${page}: ${findings[0]}, but the answer to a wrong token never reached this page (${wrong.error}): the error has no CORS headers, so users see a network error instead of the server’s detail.`,
      advice,
    )
  }
  findings.push(`the ${wrong.status} error is readable`)
  const resume = await probes.resume()
  if (resume && resume.status === undefined) {
    return result(id, 'fail', `From ${page}: ${findings.join(', ')}, but the resume GET with Last-Event-ID was blocked (${resume.error}).`, advice)
  }
  if (resume) findings.push('the resume GET with Last-Event-ID passed')
  return result(id, 'pass', `From ${page}: ${findings.join(', ')}. (Whether Retry-After is exposed cannot be seen from here without a 503: the CLI checks it with --origin.)`)
}

/** 3. The preflight a fetch with `Authorization` adds (EventSource never needed one), and CORS on every answer. */
export const cors: Check = {
  id: 'cors',
  run: (ctx) => (ctx.options.runtime === 'browser' ? fromBrowser(ctx) : fromNode(ctx)),
}
