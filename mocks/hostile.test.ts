// The hostile misbehaviours (what a broken or malicious backend does to a client), asked for per request with the
// X-Mock-Misbehave header, on the wire: MSW (Node) and the loopback server alike. The stream client's reactions
// are tested in src/stream/hostile.test.ts (Node) and src/stream/transports.browser.test.ts (Chromium).
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MISBEHAVE_HEADER, SLOW_HEAD_MS, hostileMisbehaviourNames } from './misbehave.js'
import { createHandlers, DEMO_TOKEN, planStream, planWrites, SCENARIO_HEADER, startMockServer, type MockServer, type Scenario } from './node.js'
import { framesOf } from './test-support.js'

const MSW = 'http://msw-hostile.test'
const TIME_SCALE = 0.05
const msw = setupServer(...createHandlers({ baseUrl: MSW, timeScale: TIME_SCALE }))
let real: MockServer
let origins: [string, string][]

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' })
  real = await startMockServer({ timeScale: TIME_SCALE })
  origins = [
    ['msw', MSW],
    ['loopback', real.url],
  ]
})
afterAll(async () => {
  msw.close()
  await real.close()
})

let session = 0
const requests = new Map<Response, AbortController>()
async function post(origin: string, misbehave: string, scenario: Partial<Scenario> = {}, token = DEMO_TOKEN) {
  const controller = new AbortController()
  const response = await fetch(`${origin}/api/sessions/h${++session}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, [MISBEHAVE_HEADER]: misbehave, [SCENARIO_HEADER]: JSON.stringify({ fixture: 'one-liner', ...scenario }) },
    body: '{"content":"hi"}',
    signal: controller.signal,
  })
  requests.set(response, controller)
  return response
}

/**
 * Reads at most `limit` bytes, then aborts the request: an endless body must not be read to its end. (Aborting,
 * not cancelling the reader: msw/node tees each mocked response, and a tee's source is cancelled only when both
 * branches are; the request's abort reaches the handler.)
 */
async function readUpTo(response: Response, limit: number): Promise<{ text: string; bytes: number; ended: boolean; errored: boolean }> {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read()
      if (done) return { text, bytes, ended: true, errored: false }
      bytes += value.byteLength
      if (text.length < 4096) text += decoder.decode(value, { stream: true })
    }
  } catch {
    return { text, bytes, ended: false, errored: true }
  }
  void reader.cancel().catch(() => {})
  requests.get(response)?.abort()
  return { text, bytes, ended: false, errored: false }
}

describe('hostile misbehaviours on the wire (MSW and loopback alike)', () => {
  it('lists every hostile misbehaviour tested here', () => {
    expect(hostileMisbehaviourNames).toEqual(['endless-line', 'endless-error-body', 'replay-and-drop', 'id-only-blocks', 'echo-token', 'retry-after-date', 'slow-head'])
  })

  it('endless-line: the start frame, then a data: line that never ends', async () => {
    for (const [name, origin] of origins) {
      const response = await post(origin, 'endless-line')
      expect(response.headers.get('content-type'), name).toBe('text/event-stream')
      const read = await readUpTo(response, 1024 * 1024)
      expect(read, name).toMatchObject({ ended: false, errored: false })
      expect(read.bytes).toBeGreaterThanOrEqual(1024 * 1024)
      expect(read.text).toMatch(/^id: 1\nevent: start\nretry: 1000\ndata: \{"messageId":"[^"]+"\}\n\ndata: xxxx/)
      expect(read.text.split('\n')).toHaveLength(6)
    }
  })

  it('endless-error-body: a 500 HTML page that never ends', async () => {
    for (const [name, origin] of origins) {
      const response = await post(origin, 'endless-error-body')
      expect([response.status, response.headers.get('content-type')], name).toEqual([500, 'text/html'])
      const read = await readUpTo(response, 512 * 1024)
      expect(read, name).toMatchObject({ ended: false, errored: false })
      expect(read.text).toMatch(/^<html>\r\n<head><title>500 Internal Server Error<\/title>/)
    }
  })

  it('replay-and-drop: every resume replays from event 1 and breaks where the first response broke', async () => {
    const scenario: Partial<Scenario> = { fixture: 'short-answer', speed: 'instant', interruption: 'drop' }
    for (const [name, origin] of origins) {
      const first = await readUpTo(await post(origin, 'replay-and-drop', scenario), Infinity)
      expect(first.errored, name).toBe(true)
      const frames = framesOf(first.text)
      const { messageId } = JSON.parse(frames[0]!.data!) as { messageId: string }
      const lastId = frames.at(-1)!.id!
      for (let i = 0; i < 2; i++) {
        const resumed = await fetch(`${origin}/api/sessions/h${session}/messages/${messageId}/stream`, {
          headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Last-Event-ID': lastId, [MISBEHAVE_HEADER]: 'replay-and-drop' },
        })
        const again = await readUpTo(resumed, Infinity)
        expect(again.errored, name).toBe(true)
        expect(framesOf(again.text).map((f) => f.id)).toEqual(frames.map((f) => f.id))
      }
    }
  })

  it('id-only-blocks: each id in a block of its own, the frame after it without one', async () => {
    for (const [name, origin] of origins) {
      const read = await readUpTo(await post(origin, 'id-only-blocks', { speed: 'instant' }), Infinity)
      expect(read.ended, name).toBe(true)
      expect(read.text.startsWith('id: 1\n\nevent: start\nretry: 1000\ndata: ')).toBe(true)
      const frames = framesOf(read.text)
      expect(frames.filter((f) => f.data === undefined).map((f) => f.id)).toEqual(frames.filter((f) => f.data !== undefined).map((_, i) => String(i + 1)))
      expect(frames.filter((f) => f.data !== undefined).every((f) => f.id === undefined)).toBe(true)
    }
  })

  it('echo-token: the 401 detail and an error event name the token the request carried', async () => {
    for (const [name, origin] of origins) {
      const refused = await post(origin, 'echo-token', {}, 'opaque-secret-4711')
      expect([refused.status, await refused.json()], name).toEqual([401, { detail: 'Invalid token "opaque-secret-4711"' }])
      const streamed = await readUpTo(await post(origin, 'echo-token', { speed: 'instant', interruption: 'error-event' }), Infinity)
      const error = framesOf(streamed.text).find((f) => f.event === 'error')!
      expect(JSON.parse(error.data!).message).toBe(`The model stopped unexpectedly. Try again. (request token ${DEMO_TOKEN})`)
    }
  })

  it('retry-after-date: the 503 carries an HTTP date, the scenario’s seconds from now', async () => {
    for (const [name, origin] of origins) {
      const response = await post(origin, 'retry-after-date', { interruption: { kind: 'http-503', retryAfter: 3600, times: 1 } })
      expect(response.status, name).toBe(503)
      const at = Date.parse(response.headers.get('retry-after')!)
      expect(Math.abs(at - (Date.now() + 3_600_000))).toBeLessThan(5000)
    }
  })

  it('slow-head: the head comes after SLOW_HEAD_MS × time scale', async () => {
    for (const [name, origin] of origins) {
      const started = performance.now()
      const response = await post(origin, 'slow-head', { speed: 'instant' })
      expect(performance.now() - started, name).toBeGreaterThanOrEqual(SLOW_HEAD_MS * TIME_SCALE - 5)
      expect(response.status).toBe(200)
      await readUpTo(response, Infinity)
    }
  })

  it('refuses unknown names, and socket-only ones in the MSW handlers, with a 400 that says why', async () => {
    const unknown = await post(real.url, 'nope')
    expect([unknown.status, (await unknown.json()).detail]).toEqual([400, expect.stringMatching(/Unknown misbehaviour "nope"/)])
    const socketOnly = await post(MSW, 'gzip')
    expect([socketOnly.status, (await socketOnly.json()).detail]).toEqual([400, 'gzip needs a real socket: use startMockServer.'])
  })
})

describe('a broken MSW stream delivers what was written before the break, however slowly it is read', () => {
  // Before: the break was raised while chunks still waited in the response's queue (msw/node tees every mocked
  // response), and those chunks were discarded — the last frame before a drop went missing for a slow reader.
  it('every byte before the drop arrives, then the error', async () => {
    for (const interruption of ['drop', { kind: 'drop', at: 0.5, midFrame: false }] as const) {
      const scenario: Partial<Scenario> = { fixture: 'kitchen-sink', speed: 'instant', interruption }
      const expected = planWrites(planStream(scenario)).reduce((n, w) => n + w.chunk.byteLength, 0)
      const response = await post(MSW, '', scenario)
      await new Promise((resolve) => setTimeout(resolve, 30))
      const reader = response.body!.getReader()
      let bytes = 0
      let error: unknown
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          bytes += value.byteLength
          await new Promise((resolve) => setTimeout(resolve, 2))
        }
      } catch (e) {
        error = e
      }
      expect(String(error)).toMatch(/network error/)
      expect(bytes, JSON.stringify(interruption)).toBe(expected)
    }
  })
})
