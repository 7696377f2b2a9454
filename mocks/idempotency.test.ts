// The harness honours Idempotency-Key, MSW (Node) and the real loopback server alike: the first POST with a key
// runs the answer, every repeat continues that same answer (after its Last-Event-ID) and runs nothing again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMswServer, DEMO_TOKEN, fixtures, IDEMPOTENCY_HEADER, SCENARIO_HEADER, startMockServer, type MockServer, type Scenario } from './node.js'
import { collect, deltaText, framesOf, lastId } from './test-support.js'

const MSW_ORIGIN = 'http://idempotency.test'
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

let sessions = 0

function poster(origin: string, session: string, scenario: Partial<Scenario>) {
  return async (key: string | undefined, extra: { lastEventId?: number; content?: string } = {}) => {
    const headers: Record<string, string> = {
      Accept: 'text/event-stream',
      Authorization: `Bearer ${DEMO_TOKEN}`,
      'Content-Type': 'application/json',
      [SCENARIO_HEADER]: JSON.stringify(scenario),
    }
    if (key) headers[IDEMPOTENCY_HEADER] = key
    if (extra.lastEventId !== undefined) headers['Last-Event-ID'] = String(extra.lastEventId)
    try {
      const response = await fetch(`${origin}/api/sessions/${session}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ content: extra.content ?? 'hi' }),
      })
      return collect(response, 400)
    } catch {
      return undefined // the connection broke before any response
    }
  }
}

const startOf = (text: string) => (JSON.parse(framesOf(text)[0]!.data!) as { messageId: string }).messageId

describe.each([
  ['MSW', () => MSW_ORIGIN],
  ['loopback server', () => real.url],
])('Idempotency-Key (%s)', (_, origin) => {
  it('a repeat of a key continues the same answer, never a second one; a new key runs a new one', async () => {
    const post = poster(origin(), `idem-${++sessions}`, { fixture: 'one-liner' })
    const first = (await post('key-a'))!
    expect(first.status).toBe(200)
    const again = (await post('key-a'))!
    expect(startOf(again.text)).toBe(startOf(first.text))
    expect(again.text).toBe(first.text)
    // Continuing after an event id: only what came after it.
    const rest = (await post('key-a', { lastEventId: 3 }))!
    expect(framesOf(rest.text)[0]!.id).toBe('4')
    expect(deltaText([...framesOf(first.text).slice(0, 3), ...framesOf(rest.text)])).toBe(fixtures['one-liner'].content)
    // The session's answers were never counted up by the repeats: the next key's answer is the second one.
    const other = (await post('key-b'))!
    expect(startOf(first.text)).toMatch(/^m1\b|^m1~/)
    expect(startOf(other.text)).toMatch(/^m2\b|^m2~/)
  })

  it('without a key every POST runs a new answer', async () => {
    const post = poster(origin(), `idem-${++sessions}`, { fixture: 'one-liner' })
    const a = (await post(undefined))!
    const b = (await post(undefined))!
    expect(startOf(a.text)).not.toBe(startOf(b.text))
  })

  it('a key used for a different question is refused with 422', async () => {
    const post = poster(origin(), `idem-${++sessions}`, { fixture: 'one-liner' })
    expect((await post('key-c'))!.status).toBe(200)
    const other = (await post('key-c', { content: 'another question' }))!
    expect(other.status).toBe(422)
    expect(other.text).toContain(IDEMPOTENCY_HEADER)
  })

  it('lost-response: the POST is taken (the answer runs) but no response arrives; its key continues that answer', async () => {
    const post = poster(origin(), `idem-${++sessions}`, { fixture: 'one-liner', interruption: 'lost-response' })
    expect(await post('key-d')).toBeUndefined()
    const replay = (await post('key-d'))!
    expect(replay.status).toBe(200)
    expect(startOf(replay.text)).toMatch(/^m1~/)
    expect(deltaText(framesOf(replay.text))).toBe(fixtures['one-liner'].content)
    expect(framesOf(replay.text).at(-1)!.event).toBe('done')
    expect(lastId(framesOf(replay.text))).toBeGreaterThan(2)
  })
})
