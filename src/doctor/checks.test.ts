// Failure paths the harness's misbehaviours do not cover, over a scripted fetch (the doctor takes any fetch):
// framing details, CORS subtleties, the browser runtime, redaction.
import { describe, expect, it } from 'vitest'
import { runDoctor } from './run'
import type { CheckId, DoctorOptions, DoctorReport, FetchLike } from './types'

const URL_ = 'https://api.example/api/sessions/s1/messages'

type Route = (init: RequestInit & { url: string }) => Response | Promise<Response>

const encoder = new TextEncoder()

/** A body written in pieces (strings or raw bytes), all at once. */
function body(parts: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(typeof part === 'string' ? encoder.encode(part) : part)
      controller.close()
    },
  })
}

const SSE = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' }
const frame = (id: string | undefined, event: string, data: string) => `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`
const GOOD = [
  frame('1', 'start', '{"messageId":"m1"}'),
  frame('2', 'delta', '{"messageId":"m1","delta":"Hel"}'),
  frame('3', 'delta', '{"messageId":"m1","delta":"lo"}'),
  frame('4', 'done', '{"messageId":"m1","finishReason":"stop"}'),
]

/** A server of routes by "METHOD path?query"; the stream's frames are passed in, refusals behave. */
function server(streamParts: (string | Uint8Array)[], overrides: Record<string, Route> = {}, streamHeaders: Record<string, string> = SSE): FetchLike {
  return async (input, init = {}) => {
    const url = new URL(input)
    const headers = new Headers(init.headers)
    const key = `${init.method ?? 'GET'} ${url.pathname}${url.search}`
    const override = overrides[key] ?? overrides[`${init.method ?? 'GET'} *`]
    if (override) return override({ ...init, url: input })
    const auth = headers.get('authorization')
    if (!auth) return Response.json({ detail: [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }] }, { status: 422 })
    if (auth !== 'Bearer secret-token') return Response.json({ detail: 'Invalid token' }, { status: 401 })
    if (init.method === 'POST') return new Response(body(streamParts), { headers: streamHeaders })
    const after = Number(headers.get('last-event-id'))
    return new Response(body(GOOD.filter((_, i) => i + 1 > after)), { headers: SSE })
  }
}

async function doctor(fetch: FetchLike, options: Partial<DoctorOptions> = {}): Promise<DoctorReport> {
  return runDoctor({ url: URL_, token: 'secret-token', fetch, minDurationMs: 0, ...options })
}
const get = (report: DoctorReport, id: CheckId) => report.checks.find((c) => c.id === id)!

describe('framing', () => {
  it('passes the contract as written', async () => {
    const report = await doctor(server(GOOD))
    expect(get(report, 'framing')).toMatchObject({ status: 'pass' })
    expect(get(report, 'framing').observed).toMatch(/^4 events \(start, 2 × delta, done\), ids 1 … 4; UTF-8/)
  })

  it.each([
    ['ids that are not numbers', [frame('a', 'start', '{"messageId":"m1"}'), frame('b', 'delta', '{"delta":"x"}'), frame('c', 'done', '{}')], /ids are not numeric/, /increasing integers/],
    ['a frame without an id', [GOOD[0]!, frame(undefined, 'delta', '{"delta":"x"}'), frame('3', 'done', '{}')], /event 2 \(id 1, delta\) has no id of its own/, /id: <n> on every frame/],
    ['ids going backwards', [GOOD[0]!, frame('5', 'delta', '{"delta":"x"}'), frame('4', 'done', '{}')], /ids do not increase/, /1, 2, 3/],
    ['a delta that is not JSON', [GOOD[0]!, frame('2', 'delta', '{"delta":"cut'), GOOD[3]!], /event 2 \(id 2, delta\) has data that is not JSON/, /one frame/],
    ['events after done', [...GOOD, frame('5', 'delta', '{"delta":"late"}')], /1 event\(s\) after done/, /Send nothing after done/],
    ['no start first', GOOD.slice(1), /the first event is delta, not start/, /event: start/],
    ['the last frame cut off', [...GOOD.slice(0, 3), 'id: 4\nevent: done\ndata: {}'], /ended inside an event/, /blank line/],
    ['bytes that are not UTF-8', [GOOD[0]!, 'id: 2\nevent: delta\ndata: {"delta":"', new Uint8Array([0xff, 0xfe]), '"}\n\n', GOOD[3]!], /not valid UTF-8/, /UTF-8/],
  ])('fails %s, saying where', async (_, parts, observed, advice) => {
    const result = get(await doctor(server(parts)), 'framing')
    expect(result.status).toBe('fail')
    expect(result.observed).toMatch(observed)
    expect(result.advice).toMatch(advice)
  })

  it('fails a charset other than UTF-8 and warns about fields outside SSE', async () => {
    const latin = get(await doctor(server(GOOD, {}, { ...SSE, 'Content-Type': 'text/event-stream; charset=iso-8859-1' })), 'framing')
    expect(latin).toMatchObject({ status: 'fail' })
    expect(latin.observed).toMatch(/charset=iso-8859-1/)
    const odd = get(await doctor(server([GOOD[0]!.replace('event:', 'foo: bar\nevent:'), ...GOOD.slice(1)])), 'framing')
    expect(odd.status).toBe('warn')
    expect(odd.observed).toMatch(/lines the parser skipped: .*foo/)
  })
})

describe('CORS', () => {
  const preflight = (allowHeaders: string, origin = '*') => () =>
    new Response(null, { status: 204, headers: { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Headers': allowHeaders } })
  const withCors = (fetch: FetchLike): FetchLike => async (input, init) => {
    const response = await fetch(input, init)
    const headers = new Headers(response.headers)
    headers.set('Access-Control-Allow-Origin', '*')
    headers.set('Access-Control-Expose-Headers', 'Retry-After')
    return new Response(response.body, { status: response.status, headers })
  }

  it('does not let a * stand for Authorization in Access-Control-Allow-Headers', async () => {
    const fetch = withCors(server(GOOD, { 'OPTIONS *': preflight('*') }))
    const result = get(await doctor(fetch, { origin: 'https://app.example' }), 'cors')
    expect(result.status).toBe('fail')
    expect(result.observed).toMatch(/POST with authorization, content-type → Access-Control-Allow-Headers lacks authorization/)
    expect(result.advice).toMatch(/a \* does not cover Authorization/)
  })

  it('passes listed headers, and warns when Retry-After is not exposed', async () => {
    const listed = preflight('Authorization, Content-Type, Last-Event-ID')
    const exposed = get(await doctor(withCors(server(GOOD, { 'OPTIONS *': listed })), { origin: 'https://app.example' }), 'cors')
    expect(exposed.status).toBe('pass')
    const hidden = get(await doctor(server(GOOD, { 'OPTIONS *': listed }), { origin: 'https://app.example' }), 'cors')
    // Without CORS headers on the answers the stream itself is unreadable: a failure, Retry-After included.
    expect(hidden.status).toBe('fail')
    expect(hidden.observed).toMatch(/Retry-After is not in Access-Control-Expose-Headers/)
  })
})

describe('in the browser runtime', () => {
  it('reports a request the browser blocked as CORS, and the auth check points there instead of failing again', async () => {
    const blocked: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'))
    const original = globalThis.location
    Object.defineProperty(globalThis, 'location', { value: new URL('https://app.example/chat'), configurable: true })
    try {
      const report = await doctor(blocked, { runtime: 'browser' })
      expect(get(report, 'cors')).toMatchObject({ status: 'fail' })
      expect(get(report, 'cors').observed).toMatch(/refused the POST from https:\/\/app\.example .*almost always CORS/)
      expect(get(report, 'auth-header').status).toBe('warn')
      expect(report.counts.fail).toBe(1)
    } finally {
      Object.defineProperty(globalThis, 'location', { value: original, configurable: true })
    }
  })
})

describe('buffering hints', () => {
  it('warns about a missing Cache-Control and plain HTTP/1.1 to a remote host', async () => {
    const report = await doctor(server(GOOD, {}, { 'Content-Type': 'text/event-stream' }), {
      url: 'http://api.example/api/sessions/s1/messages',
      httpVersion: () => 'http/1.1',
      // An answer written at once: too quick to judge its arrival (a warn), so only the headers speak.
      minDurationMs: 60_000,
    })
    const result = get(report, 'no-buffering')
    expect(result.status).toBe('warn')
    expect(result.observed).toMatch(/no Cache-Control/)
    expect(result.observed).toMatch(/HTTP\/1\.1: browsers open at most 6 connections per origin/)
    expect(result.advice).toMatch(/HTTP\/2/)
  })

  it('cannot tell a quick answer from a buffered one, and says so', async () => {
    const result = get(await doctor(server(GOOD), { minDurationMs: 60_000 }), 'no-buffering')
    expect(result.status).toBe('warn')
    expect(result.observed).toMatch(/too quick to tell/)
  })
})

describe('auth and errors', () => {
  it('fails an endpoint that takes any token', async () => {
    const open: FetchLike = async () => new Response(body(GOOD), { headers: SSE })
    const report = await doctor(open)
    expect(get(report, 'auth-header')).toMatchObject({ status: 'fail' })
    expect(get(report, 'auth-header').advice).toMatch(/does not check the token/)
  })

  it('waits for a 503 as Retry-After says, once, and counts it as a readable error', async () => {
    let posts = 0
    const base = server(GOOD)
    const overloaded: FetchLike = (input, init) =>
      init?.method === 'POST' && new Headers(init.headers).get('authorization') === 'Bearer secret-token' && posts++ === 0
        ? Promise.resolve(Response.json({ detail: 'busy' }, { status: 503, headers: { 'Retry-After': '0' } }))
        : base(input, init)
    const report = await doctor(overloaded)
    expect(get(report, 'auth-header').status).toBe('pass')
    expect(get(report, 'errors')).toMatchObject({ status: 'pass' })
    expect(get(report, 'errors').observed).toMatch(/refused with 503 and Retry-After: 0/)
  })

  it('redacts the token even where a server echoes it', async () => {
    const echo = server(GOOD, { 'POST /api/sessions/s1/messages?token=secret-token': () => Response.json({ detail: 'bad token secret-token' }, { status: 401 }) })
    const report = await doctor(echo)
    expect(JSON.stringify(report)).not.toContain('secret-token')
    expect(get(report, 'errors').observed).toMatch(/bad token \[redacted\]/)
  })
})
