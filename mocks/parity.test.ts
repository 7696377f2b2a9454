// Every scenario through MSW (Node) and through the real loopback server: same status, same body, same frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chunkingNames,
  createMswServer,
  DEMO_TOKEN,
  encodeMessageId,
  fixtureNames,
  interruptionNames,
  SCENARIO_HEADER,
  speedNames,
  startMockServer,
  type MockServer,
  type Scenario,
} from './node.js'
import { collect, deltaText, framesOf, lastId, planText, type Collected } from './test-support.js'

const MSW_ORIGIN = 'http://msw.test'
const msw = createMswServer({ baseUrl: MSW_ORIGIN, timeScale: 0 })
let real: MockServer

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' })
  real = await startMockServer({ timeScale: 0 })
})
afterAll(async () => {
  msw.close()
  await real.close()
})

interface Call {
  scenario?: Partial<Scenario>
  headers?: Record<string, string>
  body?: string
  path?: string
  method?: string
}

let sessions = 0

async function call(origin: string, c: Call): Promise<Collected> {
  const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${DEMO_TOKEN}`, ...c.headers }
  if (c.scenario) headers[SCENARIO_HEADER] = JSON.stringify(c.scenario)
  let response: Response
  try {
    response = await fetch(origin + (c.path ?? '/api/sessions/s1/messages'), {
      method: c.method ?? 'POST',
      headers,
      body: c.method === 'GET' ? undefined : (c.body ?? JSON.stringify({ content: 'hi' })),
    })
  } catch {
    // `lost-response`: the request was taken and no response came.
    return { status: 0, contentType: null, retryAfter: null, text: '', errored: true, hung: false, chunks: [] }
  }
  // Frozen streams hang by design; everything else finishes at once with timeScale 0.
  let expectChars = 0
  if (c.scenario && response.status === 200 && (c.method ?? 'POST') === 'POST') {
    expectChars = planText(c.scenario, { messageId: encodeMessageId(1, c.scenario) }).text.length
  }
  return collect(response, 400, expectChars)
}

async function both(c: Call): Promise<[Collected, Collected]> {
  // A fresh session per call pair keeps message ids independent of test order.
  if (!c.path) c = { ...c, path: `/api/sessions/p${++sessions}/messages` }
  const viaMsw = await call(MSW_ORIGIN, c)
  const viaServer = await call(real.url, c)
  return [viaMsw, viaServer]
}

function expectSame(a: Collected, b: Collected) {
  expect({ status: a.status, type: a.contentType, retryAfter: a.retryAfter, errored: a.errored, hung: a.hung }).toEqual({
    status: b.status,
    type: b.contentType,
    retryAfter: b.retryAfter,
    errored: b.errored,
    hung: b.hung,
  })
  expect(framesOf(a.text)).toEqual(framesOf(b.text))
  expect(a.text).toBe(b.text)
}

const scenarios: Partial<Scenario>[] = [
  ...fixtureNames.map((fixture) => ({ fixture })),
  ...speedNames.map((speed) => ({ fixture: 'kitchen-sink', speed })),
  ...chunkingNames.map((chunking) => ({ fixture: 'i18n', chunking })),
  ...interruptionNames.map((interruption) => ({ fixture: 'streaming-traps', interruption })),
  { fixture: 'code-heavy', interruption: { kind: 'drop', at: 0.1, midFrame: false } },
  { fixture: 'hostile', speed: 'jittery', chunking: 'split-7-bytes', interruption: 'drop', seed: 42 },
]

describe('parity: MSW (Node) and the real server', () => {
  it.each(scenarios.map((s) => [JSON.stringify(s), s] as const))('%s', async (_, scenario) => {
    const [viaMsw, viaServer] = await both({ scenario })
    expectSame(viaMsw, viaServer)
    if (viaMsw.status !== 200) return
    const expected = planText(scenario, { messageId: framesOf(viaMsw.text)[0]?.data ? JSON.parse(framesOf(viaMsw.text)[0]!.data!).messageId : undefined })
    expect(viaMsw.text).toBe(expected.text)
    expect(viaMsw.hung).toBe(expected.plan.end === 'hang')
    expect(viaMsw.errored).toBe(expected.plan.end === 'drop')
  })

  it('a dropped stream resumes by Last-Event-ID to byte-identical text, on both', async () => {
    for (const interruption of ['drop', '500'] as const) {
      const scenario: Partial<Scenario> = { fixture: 'kitchen-sink', chunking: 'split-7-bytes', interruption }
      const [first] = await both({ scenario })
      const seen = framesOf(first.text)
      expect(first.errored).toBe(true)
      const messageId = (JSON.parse(seen[0]!.data!) as { messageId: string }).messageId
      const resume: Call = { method: 'GET', path: `/api/sessions/s1/messages/${messageId}/stream`, headers: { 'Last-Event-ID': String(lastId(seen)) } }
      if (interruption === '500') {
        const failed = await both(resume)
        expectSame(...failed)
        expect(failed[0]).toMatchObject({ status: 500, text: 'Internal Server Error' })
      }
      const [viaMsw, viaServer] = await both(resume)
      expectSame(viaMsw, viaServer)
      expect(viaMsw.status).toBe(200)
      const rest = framesOf(viaMsw.text)
      expect(rest[0]!.id).toBe(String(lastId(seen) + 1))
      expect(rest.at(-1)!.event).toBe('done')
      expect(deltaText([...seen, ...rest])).toBe((await import('./index.js')).fixtures['kitchen-sink'].content)
    }
  })

  it('auth: 422 without the header (also with ?token=), 401 for a wrong token, exactly as FastAPI says', async () => {
    const fastApi422 = '{"detail":[{"type":"missing","loc":["header","authorization"],"msg":"Field required","input":null}]}'
    const noHeader = async (origin: string, query: string) =>
      collect(await fetch(`${origin}/api/sessions/s1/messages${query}`, { method: 'POST', body: '{"content":"hi"}' }))
    for (const query of ['', `?token=${DEMO_TOKEN}`, `?access_token=${DEMO_TOKEN}`]) {
      const [a, b] = [await noHeader(MSW_ORIGIN, query), await noHeader(real.url, query)]
      expectSame(a, b)
      expect(a).toMatchObject({ status: 422, contentType: 'application/json', text: fastApi422 })
    }

    // The legacy EventSource request: GET with the token in the query string.
    const legacy = [
      await collect(await fetch(`${MSW_ORIGIN}/api/sessions/s1/messages?token=${DEMO_TOKEN}`)),
      await collect(await fetch(`${real.url}/api/sessions/s1/messages?token=${DEMO_TOKEN}`)),
    ] as const
    expectSame(...legacy)
    expect(legacy[0]).toMatchObject({ status: 422, text: fastApi422 })

    const wrong = await both({ headers: { Authorization: 'Bearer nope' } })
    expectSame(...wrong)
    expect(wrong[0]).toMatchObject({ status: 401, text: '{"detail":"Invalid token"}' })
    const forced = await both({ scenario: { interruption: '422' } })
    expectSame(...forced)
    expect(forced[0]).toMatchObject({ status: 422, text: fastApi422 })
  })

  it('503 + Retry-After for the first POST of a session, then the stream', async () => {
    const scenario: Partial<Scenario> = { fixture: 'one-liner', interruption: '503' }
    const path = '/api/sessions/busy/messages'
    const first = await both({ scenario, path })
    expectSame(...first)
    expect(first[0]).toMatchObject({ status: 503, retryAfter: '2' })
    const second = await both({ scenario, path })
    expectSame(...second)
    expect(second[0].status).toBe(200)
  })

  it('bad requests: missing content, bad scenario header, unknown message', async () => {
    const cases: Call[] = [
      { body: '{}' },
      { body: 'not json' },
      { headers: { [SCENARIO_HEADER]: '{"fixture":"nope"}' } },
      { headers: { [SCENARIO_HEADER]: '{oops' } },
      { method: 'GET', path: '/api/sessions/s1/messages/unknown/stream' },
    ]
    const statuses: number[] = []
    for (const c of cases) {
      const [a, b] = await both(c)
      expectSame(a, b)
      statuses.push(a.status)
    }
    expect(statuses).toEqual([422, 422, 400, 400, 404])
  })
})
