import {
  MISBEHAVE_HEADER,
  SLOW_HEAD_MS,
  htmlErrorPage,
  misbehaviourSet,
  requestMisbehaviours,
  withEchoedToken,
  withEndlessLine,
  withIdOnlyBlocks,
  withoutDone,
  withoutHeartbeats,
  type Misbehaviour,
} from './misbehave.js'
import { planStream, type StreamPlan } from './plan.js'
import { decodeMessageId, encodeMessageId, resolveScenario, ScenarioError, type ResolvedScenario, type Scenario } from './scenario.js'
import type { Fixture } from './scenarios/messages.js'

/** The token the harness accepts by default: `Authorization: Bearer demo`. */
export const DEMO_TOKEN = 'demo'

/** Request header that overrides the scenario for one request: JSON of a `Partial<Scenario>`. */
export const SCENARIO_HEADER = 'X-Mock-Scenario'

/**
 * The POST header that makes a question idempotent: the first POST with a key runs the answer; every later POST
 * with the same key (and the same body) continues that answer after its `Last-Event-ID` instead of running it again.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key'

/** FastAPI's answer when the `Authorization` header is missing (token in the query string included). */
export const MISSING_AUTH_BODY = {
  detail: [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }],
}

/** Options shared by `createHandlers`, `createMswServer` and `startMockServer`. */
export interface HarnessOptions {
  /** The scenario for requests without an `X-Mock-Scenario` header (the header's fields win). @default DEFAULT_SCENARIO */
  scenario?: Partial<Scenario>
  /** Tokens accepted in `Authorization: Bearer <token>`. @default [DEMO_TOKEN] */
  tokens?: readonly string[]
  /** Extra fixtures by name, usable as `scenario.fixture`. */
  fixtures?: Record<string, Fixture>
  /** Multiplies every planned delay: 1 = real time, 0 = as fast as possible. @default 1 */
  timeScale?: number
  /**
   * Break the contract on purpose (see `misbehaviours`), e.g. `'replay-on-resume'`: what the endpoint doctor
   * must catch. `server` misbehaviours (`gzip`, `buffering-proxy`, `cors-second-origin`) need `startMockServer`.
   * @default []
   */
  misbehave?: Misbehaviour | readonly Misbehaviour[]
}

/**
 * What a request gets: a plain answer, a stream to play, or (`lost`) a connection broken before any response.
 * `headDelayMs`: wait this long before sending the head (`slow-head`); `endless`: after `body`, keep writing without
 * end (`endless-error-body`).
 */
export type MockResult =
  | { type: 'body'; status: number; headers: Record<string, string>; body: string; endless?: boolean; headDelayMs?: number }
  | { type: 'stream'; status: 200; headers: Record<string, string>; plan: StreamPlan; headDelayMs?: number }
  | { type: 'lost' }

/** The bits of a request the harness looks at (a fetch `Request` and a node:http request both give these). */
export interface MockRequest {
  header(name: string): string | null
  /** Raw body text (POST only). */
  body?: string
  /** Query parameters (the legacy EventSource client put `token` and `lastEventId` there). */
  query?: URLSearchParams
}

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
}

/** The token of an `Authorization: Bearer …` header. */
function bearerToken(req: MockRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1]
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): MockResult {
  return { type: 'body', status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) }
}

/**
 * The server logic, independent of transport: routes, auth, interruptions and plans. `createHandlers` (MSW) and
 * `startMockServer` (node:http) are thin adapters over one responder, which is why their answers match.
 */
export function createResponder(options: HarnessOptions = {}) {
  const tokens = options.tokens ?? [DEMO_TOKEN]
  const extra = options.fixtures ?? {}
  const seqBySession = new Map<string, number>()
  const failedPosts = new Map<string, number>()
  const failedResumes = new Map<string, number>()
  const serverBroken = misbehaviourSet(options.misbehave)
  const overloadedOnce = new Set<string>()
  const lostPosts = new Map<string, number>()
  /** Answers by Idempotency-Key: each key runs once. */
  const keyed = new Map<string, { sessionId: string; body: string; messageId: string; scenario: ResolvedScenario }>()
  const timeScale = options.timeScale ?? 1

  /** The misbehaviours for one request: the server's and its `X-Mock-Misbehave` header's (a 400 for unknown names). */
  function brokenFor(req: MockRequest): ReadonlySet<Misbehaviour> | MockResult {
    try {
      return requestMisbehaviours(serverBroken, req.header(MISBEHAVE_HEADER))
    } catch (error) {
      return json(400, { detail: (error as Error).message })
    }
  }

  /** `html-errors`: every error answer becomes an error page; `slow-head`: every head waits. */
  function finish(result: MockResult, broken: ReadonlySet<Misbehaviour>): MockResult {
    let out = result
    if (broken.has('html-errors') && out.type === 'body' && out.status >= 400 && !out.endless) {
      out = { ...out, headers: { ...out.headers, 'Content-Type': 'text/html' }, body: htmlErrorPage(out.status) }
    }
    if (broken.has('slow-head') && out.type !== 'lost') out = { ...out, headDelayMs: SLOW_HEAD_MS * timeScale }
    return out
  }

  /** Stream answers as the misbehaviours in effect shape them. */
  function shape(plan: StreamPlan, resuming: boolean, broken: ReadonlySet<Misbehaviour>, req: MockRequest): StreamPlan {
    let out = plan
    if (broken.has('no-heartbeats')) out = withoutHeartbeats(out, resuming ? 0 : undefined)
    if (broken.has('no-done')) out = withoutDone(out)
    if (broken.has('echo-token')) out = withEchoedToken(out, bearerToken(req))
    if (broken.has('id-only-blocks')) out = withIdOnlyBlocks(out)
    if (broken.has('endless-line') && !resuming) out = withEndlessLine(out)
    return out
  }

  function scenarioFor(req: MockRequest, base: Partial<Scenario>): ResolvedScenario | MockResult {
    let override: Partial<Scenario> = {}
    const header = req.header(SCENARIO_HEADER)
    try {
      if (header) override = JSON.parse(header) as Partial<Scenario>
      return resolveScenario({ ...base, ...override }, extra)
    } catch (error) {
      const reason = error instanceof ScenarioError ? error.message : `${SCENARIO_HEADER} is not valid JSON.`
      return json(400, { detail: reason })
    }
  }

  function authFailure(req: MockRequest, s: ResolvedScenario, broken: ReadonlySet<Misbehaviour>, bodyIssue?: object): MockResult | undefined {
    let auth = req.header('authorization')
    const queryToken = req.query?.get('token')
    if (auth === null && broken.has('token-in-url') && queryToken) auth = `Bearer ${queryToken}`
    const issues: object[] = []
    if (auth === null || s.interruption.kind === 'http-422') issues.push(MISSING_AUTH_BODY.detail[0]!)
    if (bodyIssue) issues.push(bodyIssue)
    if (issues.length > 0) return json(422, { detail: issues })
    const token = /^Bearer\s+(\S+)\s*$/i.exec(auth ?? '')?.[1]
    if (token === undefined || !tokens.includes(token) || s.interruption.kind === 'http-401') {
      const detail = broken.has('echo-token') && token ? `Invalid token "${token}"` : 'Invalid token'
      return json(401, { detail }, { 'WWW-Authenticate': 'Bearer' })
    }
    return undefined
  }

  function contentIssue(body: string | undefined): object | undefined {
    let input: unknown = null
    try {
      input = body ? JSON.parse(body) : null
    } catch {
      return { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }
    }
    const content = input !== null && typeof input === 'object' ? (input as { content?: unknown }).content : undefined
    if (typeof content === 'string') return undefined
    return content === undefined
      ? { type: 'missing', loc: ['body', 'content'], msg: 'Field required', input }
      : { type: 'string_type', loc: ['body', 'content'], msg: 'Input should be a valid string', input: content }
  }

  /**
   * `POST /api/sessions/:sessionId/messages`. With `legacyGet` it is the old EventSource endpoint
   * (`GET …/messages?token=…`): no body to validate, and without a header it gets the same 422.
   */
  function post(sessionId: string, req: MockRequest, legacyGet = false): MockResult {
    const broken = brokenFor(req)
    if ('type' in broken) return broken as MockResult
    return finish(postUnshaped(sessionId, req, legacyGet, broken), broken)
  }

  function postUnshaped(sessionId: string, req: MockRequest, legacyGet: boolean, broken: ReadonlySet<Misbehaviour>): MockResult {
    const s = scenarioFor(req, options.scenario ?? {})
    if ('type' in s) return s
    const denied = authFailure(req, s, broken, legacyGet ? undefined : contentIssue(req.body))
    if (denied) return denied
    if (broken.has('endless-error-body')) {
      const page = '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<pre>'
      return { type: 'body', status: 500, headers: { 'Content-Type': 'text/html' }, body: page, endless: true }
    }
    if (s.interruption.kind === 'http-503') {
      const failed = failedPosts.get(sessionId) ?? 0
      if (failed < s.interruption.times) {
        failedPosts.set(sessionId, failed + 1)
        const after = s.interruption.retryAfter
        const retryAfter = broken.has('retry-after-date') ? new Date(Date.now() + after * 1000).toUTCString() : String(after)
        return json(503, { detail: `Service overloaded. Retry after ${after} s.` }, { 'Retry-After': retryAfter })
      }
    }
    if (broken.has('no-retry-after') && !overloadedOnce.has(sessionId)) {
      overloadedOnce.add(sessionId)
      return json(503, { detail: 'Service overloaded.' })
    }
    const key = legacyGet ? null : req.header(IDEMPOTENCY_HEADER)
    const seen = key === null ? undefined : keyed.get(key)
    if (seen) {
      if (seen.sessionId !== sessionId || seen.body !== (req.body ?? '')) {
        return json(422, { detail: `${IDEMPOTENCY_HEADER} was already used for a different request.` })
      }
      // The same question again: the same answer continues after Last-Event-ID; nothing runs a second time.
      const plan = planStream(seen.scenario, { messageId: seen.messageId, resumeAfter: lastEventIdOf(req), fixtures: extra })
      return { type: 'stream', status: 200, headers: { ...STREAM_HEADERS }, plan: shape(plan, true, broken, req) }
    }
    const seq = (seqBySession.get(sessionId) ?? 0) + 1
    seqBySession.set(sessionId, seq)
    const plan = planStream(s, { messageId: encodeMessageId(seq, s), fixtures: extra })
    if (key !== null) keyed.set(key, { sessionId, body: req.body ?? '', messageId: plan.messageId, scenario: s })
    if (s.interruption.kind === 'lost-response') {
      const lost = lostPosts.get(sessionId) ?? 0
      if (lost < s.interruption.times) {
        lostPosts.set(sessionId, lost + 1)
        return { type: 'lost' }
      }
    }
    if (broken.has('not-event-stream')) return json(200, { messageId: plan.messageId, content: plan.content })
    return { type: 'stream', status: 200, headers: { ...STREAM_HEADERS }, plan: shape(plan, false, broken, req) }
  }

  /** The resume point of a request: `Last-Event-ID` (or the legacy `?lastEventId=`), 0 when there is none. */
  function lastEventIdOf(req: MockRequest): number {
    const value = Number.parseInt(req.header('last-event-id') ?? req.query?.get('lastEventId') ?? '0', 10)
    return Number.isFinite(value) ? value : 0
  }

  /** `GET /api/sessions/:sessionId/messages/:messageId/stream` with `Last-Event-ID`. */
  function resume(sessionId: string, messageId: string, req: MockRequest): MockResult {
    const broken = brokenFor(req)
    if ('type' in broken) return broken as MockResult
    return finish(resumeUnshaped(sessionId, messageId, req, broken), broken)
  }

  function resumeUnshaped(_sessionId: string, messageId: string, req: MockRequest, broken: ReadonlySet<Misbehaviour>): MockResult {
    const input = decodeMessageId(messageId)
    if (!input) return json(404, { detail: 'Message not found' })
    let s: ResolvedScenario
    try {
      s = resolveScenario(input, extra)
    } catch {
      return json(404, { detail: 'Message not found' })
    }
    const denied = authFailure(req, s, broken)
    if (denied) return denied
    if (broken.has('replay-and-drop')) {
      // The first response again, from event 1 to wherever it broke.
      const plan = planStream(s, { messageId, fixtures: extra })
      return { type: 'stream', status: 200, headers: { ...STREAM_HEADERS }, plan: shape(plan, true, broken, req) }
    }
    if (s.interruption.kind === 'http-500') {
      const failed = failedResumes.get(messageId) ?? 0
      if (failed < s.interruption.times) {
        failedResumes.set(messageId, failed + 1)
        return { type: 'body', status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Internal Server Error' }
      }
    }
    const after = broken.has('replay-on-resume') ? 0 : lastEventIdOf(req)
    const plan = planStream(s, { messageId, resumeAfter: after, fixtures: extra })
    return { type: 'stream', status: 200, headers: { ...STREAM_HEADERS }, plan: shape(plan, true, broken, req) }
  }

  function methodNotAllowed(req: MockRequest): MockResult {
    const broken = brokenFor(req)
    if ('type' in broken) return broken as MockResult
    return finish(json(405, { detail: 'Method Not Allowed' }), broken)
  }

  return { post, resume, methodNotAllowed }
}

export type Responder = ReturnType<typeof createResponder>

/** Route a path to the responder (the node:http server; MSW routes with its own path matching). */
export function route(responder: Responder, method: string, pathname: string, req: MockRequest): MockResult | undefined {
  const postMatch = /^\/api\/sessions\/([^/]+)\/messages\/?$/.exec(pathname)
  if (postMatch && (method === 'POST' || method === 'GET')) return responder.post(decodeURIComponent(postMatch[1]!), req, method === 'GET')
  const resumeMatch = /^\/api\/sessions\/([^/]+)\/messages\/([^/]+)\/stream\/?$/.exec(pathname)
  if (resumeMatch && method === 'GET') {
    return responder.resume(decodeURIComponent(resumeMatch[1]!), decodeURIComponent(resumeMatch[2]!), req)
  }
  if (postMatch || resumeMatch) return responder.methodNotAllowed(req)
  return undefined
}
