// The store with the real stream client against the mock harness (MSW in Node): the contract end to end.
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createMswServer,
  DEMO_TOKEN,
  fixtures,
  SCENARIO_HEADER,
  startMockServer,
  type MockServer,
  type Scenario,
} from 'vue-chat-stream/mocks/node'
import { onPublish } from '../instrumentation/hooks'
import { useSessionsStore } from './sessions'

const BASE = 'http://harness.test'
const server = createMswServer({ baseUrl: BASE, timeScale: 0.2 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
beforeEach(() => setActivePinia(createPinia()))

function storeFor(scenario: Partial<Scenario>, extra: Parameters<ReturnType<typeof useSessionsStore>['configure']>[0] = {}) {
  const store = useSessionsStore()
  store.configure({
    baseUrl: BASE,
    token: DEMO_TOKEN,
    headers: { [SCENARIO_HEADER]: JSON.stringify(scenario) },
    retry: { maxAttempts: 0 },
    ...extra,
  })
  store.createSession({ id: 'sess' })
  return store
}

const waitFor = async (check: () => boolean, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

// 'instant' also where the stream breaks: the harness's MSW body hands out a break only after every chunk written
// before it was read (it used to error with chunks still queued, and the last text before a drop was lost).
describe('sessions store × real client × harness', () => {
  it('streams a whole answer byte-identical, folding many deltas into few publishes', async () => {
    const store = storeFor({ fixture: 'kitchen-sink', speed: 'instant' })
    let publishes = 0
    let deltas = 0
    const off = onPublish((r) => {
      publishes++
      deltas += r.deltas
    })
    const final = await store.sendMessage('sess', 'Show me everything')
    off()
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['kitchen-sink'].content)
    expect(deltas).toBeGreaterThan(publishes)
  })

  it('stop keeps the partial text with status stopped', async () => {
    const store = storeFor({ fixture: 'short-answer', speed: 'typing' }, { retry: { maxAttempts: 0 } })
    const answer = store.sendMessage('sess', 'q')
    await waitFor(() => (store.getMessages('sess').value[1]?.content.length ?? 0) > 10)
    store.stop('sess')
    const final = await answer
    expect(final.status).toBe('stopped')
    expect(final.content.length).toBeGreaterThan(10)
    expect(fixtures['short-answer'].content.startsWith(final.content)).toBe(true)
    expect(store.activeStream(final.id)).toBeUndefined()
  })

  it('a 401 is fatal: status error with the StreamError data, status and detail', async () => {
    const store = storeFor({ interruption: '401' })
    const final = await store.sendMessage('sess', 'q')
    expect(final.status).toBe('error')
    expect(final.error).toMatchObject({ kind: 'http', status: 401, detail: 'Invalid token', retryable: false })
  })

  it('an error event keeps the text so far', async () => {
    const store = storeFor({ fixture: 'short-answer', speed: 'instant', interruption: 'error-event' })
    const final = await store.sendMessage('sess', 'q')
    expect(final.status).toBe('error')
    expect(final.error?.kind).toBe('protocol')
    expect(final.content.length).toBeGreaterThan(0)
    expect(fixtures['short-answer'].content.startsWith(final.content)).toBe(true)
  })

  it('resume after a drop continues the same message without duplicating text', async () => {
    const store = storeFor({ fixture: 'kitchen-sink', speed: 'instant', interruption: 'drop' })
    const dropped = await store.sendMessage('sess', 'q')
    expect(dropped.status).toBe('error')
    expect(dropped.error?.kind).toBe('network')
    expect(dropped.content.length).toBeGreaterThan(0)
    expect(fixtures['kitchen-sink'].content.startsWith(dropped.content)).toBe(true)

    const final = await store.resume('sess', dropped.id)
    expect(final.id).toBe(dropped.id)
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['kitchen-sink'].content)
    expect(store.getMessages('sess').value).toHaveLength(2)
  })

  it('with reconnects enabled the client resumes a drop on its own through the store’s resume URL', async () => {
    const store = storeFor(
      { fixture: 'kitchen-sink', speed: 'instant', interruption: 'drop' },
      { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    )
    const final = await store.sendMessage('sess', 'q')
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['kitchen-sink'].content)
  })
})

describe('sessions store × real client × real loopback server (node:http)', () => {
  let loopback: MockServer
  beforeAll(async () => {
    server.close()
    loopback = await startMockServer({ timeScale: 0.2 })
  })
  afterAll(async () => {
    await loopback.close()
    server.listen({ onUnhandledRequest: 'error' })
  })

  it('a real dropped socket: resume continues the same message byte-identical', async () => {
    const store = useSessionsStore()
    store.configure({
      baseUrl: loopback.url,
      token: DEMO_TOKEN,
      headers: { [SCENARIO_HEADER]: JSON.stringify({ fixture: 'kitchen-sink', speed: 'instant', interruption: 'drop' }) },
      retry: { maxAttempts: 0 },
    })
    store.createSession({ id: 'real' })
    const dropped = await store.sendMessage('real', 'q')
    expect(dropped.status).toBe('error')
    expect(fixtures['kitchen-sink'].content.startsWith(dropped.content)).toBe(true)
    const final = await store.retry('real')
    expect(final).toMatchObject({ id: dropped.id, status: 'done', content: fixtures['kitchen-sink'].content })
  })
})
