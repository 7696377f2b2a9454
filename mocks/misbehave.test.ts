// The misbehaviours: what each does to the wire, the same through MSW (Node) and the loopback server where both
// serve it (the Storybook endpoint-check stories rely on the MSW side). The doctor's own tests are in src/doctor/.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NO_HEARTBEAT_SILENCE_MS, doctorMisbehaviourNames, misbehaviourSet, misbehaviours, withoutHeartbeats, type Misbehaviour } from './misbehave.js'
import { createHandlers, DEMO_TOKEN, planStream, startMockServer, type MockServer } from './node.js'
import { collect, framesOf } from './test-support.js'

const MSW_ORIGIN = 'http://msw-misbehave.test'
const SCENARIO = { fixture: 'one-liner' }
const ANY = doctorMisbehaviourNames.filter((name) => misbehaviours[name].where === 'any')
const servers: MockServer[] = []

async function serve(misbehave: Misbehaviour): Promise<{ msw: string; real: string }> {
  const real = await startMockServer({ timeScale: 0, scenario: SCENARIO, misbehave })
  servers.push(real)
  return { msw: `${MSW_ORIGIN}/${misbehave}`, real: real.url }
}

// One MSW origin prefix per misbehaviour.
const msw = setupServer(...ANY.flatMap((name) => createHandlers({ baseUrl: `${MSW_ORIGIN}/${name}`, timeScale: 0, scenario: SCENARIO, misbehave: name })))
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }))
afterAll(async () => {
  msw.close()
  await Promise.all(servers.map((s) => s.close()))
})

/** The doctor's requests, as text: status, content type and body of each. */
async function wire(origin: string) {
  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${origin}${path}`, { method: 'POST', headers: { Accept: 'text/event-stream', ...headers }, body: '{"content":"hi"}' })
  const answers = [
    await post('/api/sessions/a/messages', { Authorization: `Bearer ${DEMO_TOKEN}` }),
    await post('/api/sessions/a/messages', { Authorization: `Bearer ${DEMO_TOKEN}` }),
    await post(`/api/sessions/b/messages?token=${DEMO_TOKEN}`, {}),
    await post('/api/sessions/c/messages', { Authorization: 'Bearer wrong' }),
  ]
  const out = []
  for (const response of answers) {
    const body = await collect(response, 400)
    out.push({ status: body.status, type: body.contentType, retryAfter: body.retryAfter, text: body.text })
  }
  const messageId = out[1]!.type === 'text/event-stream' ? JSON.parse(framesOf(out[1]!.text)[0]!.data!).messageId : undefined
  if (messageId) {
    const resumed = await fetch(`${origin}/api/sessions/a/messages/${messageId}/stream`, {
      headers: { Authorization: `Bearer ${DEMO_TOKEN}`, 'Last-Event-ID': '3' },
    })
    const body = await collect(resumed, 400)
    out.push({ status: body.status, type: body.contentType, retryAfter: body.retryAfter, text: body.text })
  }
  return out
}

describe('doctor misbehaviours', () => {
  it.each(ANY)('%s: MSW and the loopback server answer the same', async (name) => {
    const { msw: viaMsw, real } = await serve(name)
    expect(await wire(viaMsw)).toEqual(await wire(real))
  })

  it('does what each says, on the wire', async () => {
    const runs = Object.fromEntries(await Promise.all(ANY.map(async (name) => [name, await wire((await serve(name)).real)] as const)))
    expect(runs['not-event-stream']![0]).toMatchObject({ status: 200, type: 'application/json' })
    expect(runs['token-in-url']![2]).toMatchObject({ status: 200, type: 'text/event-stream' })
    expect(runs['html-errors']![3]).toMatchObject({ status: 401, type: 'text/html' })
    expect(runs['html-errors']![3]!.text).toContain('<h1>401 Unauthorized</h1>')
    expect(runs['no-retry-after']![0]).toMatchObject({ status: 503, retryAfter: null })
    expect(runs['no-retry-after']![1]).toMatchObject({ status: 200 })
    expect(framesOf(runs['no-done']![1]!.text).map((f) => f.event)).not.toContain('done')
    expect(framesOf(runs['replay-on-resume']![4]!.text)[0]).toMatchObject({ id: '1', event: 'start' })
    expect(framesOf(runs['no-heartbeats']![1]!.text).some((f) => f.comment !== undefined)).toBe(false)
  })

  it('no-heartbeats: comments gone, their waits kept, and a silence before the first delta', () => {
    const plan = planStream({ fixture: 'one-liner', speed: 'slow-first-token' })
    expect(plan.steps.some((s) => s.kind === 'comment')).toBe(true)
    const quiet = withoutHeartbeats(plan)
    expect(quiet.steps.some((s) => s.kind === 'comment')).toBe(false)
    const firstDelta = quiet.steps.find((s) => s.frame?.event === 'delta')!
    expect(firstDelta.delay).toBe(NO_HEARTBEAT_SILENCE_MS)
    expect(quiet.steps.filter((s) => s.kind === 'frame')).toHaveLength(plan.steps.filter((s) => s.kind === 'frame').length)
  })

  it('refuses unknown names, and server-only misbehaviours in the MSW handlers', () => {
    expect(() => misbehaviourSet(['nope' as Misbehaviour])).toThrow(/Unknown misbehaviour "nope". Known: not-event-stream/)
    expect(() => createHandlers({ misbehave: 'gzip' })).toThrow(/needs a real socket: use startMockServer/)
  })

  it('gzip and buffering-proxy shape the socket: compressed, or everything at once', async () => {
    const gzip = await startMockServer({ timeScale: 0.2, scenario: SCENARIO, misbehave: 'gzip' })
    const held = await startMockServer({ timeScale: 0.2, scenario: SCENARIO, misbehave: 'buffering-proxy' })
    servers.push(gzip, held)
    const post = (url: string) =>
      fetch(`${url}/api/sessions/s/messages`, { method: 'POST', headers: { Authorization: `Bearer ${DEMO_TOKEN}` }, body: '{"content":"hi"}' })
    const zipped = await post(gzip.url)
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    const zippedBody = await collect(zipped, 2000)
    expect(framesOf(zippedBody.text).at(-1)?.event).toBe('done')
    expect(zippedBody.chunks.length).toBeGreaterThan(3)
    const buffered = await collect(await post(held.url), 2000)
    expect(buffered.chunks).toHaveLength(1)
    expect(framesOf(buffered.text).at(-1)?.event).toBe('done')
  })
})
