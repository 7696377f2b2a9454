// A few real-time checks on short scenarios (timeScale 1). Assertions use generous margins: order, counts and
// "clearly spread out", never exact times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMswServer, DEMO_TOKEN, SCENARIO_HEADER, startMockServer, type MockServer, type Scenario } from './node.js'
import { collect, framesOf, planText } from './test-support.js'

const MSW_ORIGIN = 'http://msw-realtime.test'
const msw = createMswServer({ baseUrl: MSW_ORIGIN })
let real: MockServer
let session = 0

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' })
  real = await startMockServer()
})
afterAll(async () => {
  msw.close()
  await real.close()
})

function post(origin: string, scenario: Partial<Scenario>, signal?: AbortSignal): Promise<Response> {
  return fetch(`${origin}/api/sessions/rt${++session}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_TOKEN}`, Accept: 'text/event-stream', [SCENARIO_HEADER]: JSON.stringify(scenario) },
    body: JSON.stringify({ content: 'hi' }),
    signal,
  })
}

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('real time', () => {
  it.each([
    ['the real server', () => real.url],
    ['MSW (Node)', () => MSW_ORIGIN],
  ])('frames arrive over time through %s', async (_, origin) => {
    const scenario: Partial<Scenario> = { fixture: 'one-liner', speed: 'typing' } // ~11 deltas, ~370 ms planned
    const got = await collect(await post(origin(), scenario), 5000)
    expect(got.chunks.length).toBeGreaterThan(5)
    expect(got.chunks.at(-1)!.at - got.chunks[0]!.at).toBeGreaterThan(150)
    expect(framesOf(got.text).map((f) => f.event)).toEqual(framesOf(planText(scenario).text).map((f) => f.event))
  })

  it('a stall is silence for its duration, then the stream goes on', async () => {
    const scenario: Partial<Scenario> = { fixture: 'one-liner', speed: 'fast', interruption: { kind: 'stall', seconds: 0.6 } }
    const got = await collect(await post(real.url, scenario), 5000)
    const gaps = got.chunks.slice(1).map((c, i) => c.at - got.chunks[i]!.at)
    expect(Math.max(...gaps)).toBeGreaterThan(400)
    expect(framesOf(got.text).at(-1)!.event).toBe('done')
  })

  it.each([
    ['the real server', () => real.url],
    ['MSW (Node)', () => MSW_ORIGIN],
  ])('a frozen stream stays frozen through %s', async (_, origin) => {
    const scenario: Partial<Scenario> = { fixture: 'short-answer', speed: 'fast', interruption: { kind: 'frozen', at: 0.3 } }
    const got = await collect(await post(origin(), scenario), 800)
    expect(got.hung).toBe(true)
    expect(got.text).toBe(planText(scenario).text)
    expect(framesOf(got.text).at(-1)!.event).toBe('delta')
  })

  it.each([
    ['the real server', () => real.url],
    ['MSW (Node)', () => MSW_ORIGIN],
  ])('aborting a stream stops its timers through %s (no leaks)', async (_, origin) => {
    const before = timeouts()
    const controller = new AbortController()
    const response = await post(origin(), { fixture: 'kitchen-sink', speed: 'slow' }, controller.signal)
    const reader = response.body!.getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toThrow()
    await sleep(300)
    expect(timeouts()).toBeLessThanOrEqual(before)
  })

  it('close() ends hanging streams at once', async () => {
    const server = await startMockServer()
    const response = await post(server.url, { fixture: 'one-liner', speed: 'instant', interruption: { kind: 'frozen', at: 0.5 } })
    const reading = collect(response, 10_000)
    await sleep(100)
    const started = performance.now()
    await server.close()
    const got = await reading
    expect(performance.now() - started).toBeLessThan(2000)
    expect(got.hung).toBe(false)
  })
})
