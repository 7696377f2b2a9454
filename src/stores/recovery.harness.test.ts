// Recovery end to end, the real stream client against the mock harness — MSW in Node and the real loopback server:
// the answer's connection state while the client reconnects or waits for the network, and a question whose POST got
// no response, sent again only under its Idempotency-Key.
import { createPinia, setActivePinia } from 'pinia'
import { effectScope, watch } from 'vue'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMswServer, DEMO_TOKEN, fixtures, SCENARIO_HEADER, startMockServer, type MockServer, type Scenario } from 'vue-chat-stream/mocks/node'
import { useChatStream } from '../composables/useChatStream'
import type { NetworkStatus } from '../stream/network'
import { openEventStream } from '../stream/open'
import type { OpenEventStreamOptions } from '../stream/types'
import type { MessageConnection } from '../types'
import { useSessionsStore } from './sessions'

const MSW_ORIGIN = 'http://recovery.test'
const msw = createMswServer({ baseUrl: MSW_ORIGIN, timeScale: 0.2 })
let real: MockServer

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' })
  real = await startMockServer({ timeScale: 0.2 })
})
afterAll(async () => {
  msw.close()
  await real.close()
})
beforeEach(() => setActivePinia(createPinia()))

const servers = [
  ['MSW', () => MSW_ORIGIN],
  ['loopback server', () => real.url],
] as const

let sessions = 0

/** What the client sent and what the server started, per connection. */
function recorder(extra: Partial<OpenEventStreamOptions> = {}) {
  const posts: { method: string; key: string | null }[] = []
  const starts: string[] = []
  const recordingFetch: typeof fetch = (input, init) => {
    posts.push({ method: init?.method ?? 'GET', key: new Headers(init?.headers).get('idempotency-key') })
    return fetch(input, init)
  }
  const openStream = (url: string, options: OpenEventStreamOptions) => {
    const stream = openEventStream(url, { ...options, fetch: recordingFetch, transport: 'fetch', ...extra })
    stream.subscribe((e) => {
      if (e.type === 'message' && e.event.event === 'start') starts.push((JSON.parse(e.event.data) as { messageId: string }).messageId)
    }, ['message'])
    return stream
  }
  return { posts, starts, openStream }
}

/** The answer's connection states as published, consecutive repeats folded. */
function connectionStates(chat: ReturnType<typeof useChatStream>) {
  const seen: (MessageConnection | undefined)[] = []
  watch(chat.connection, (c) => {
    if (seen.at(-1)?.state !== c?.state || seen.length === 0) seen.push(c)
  }, { flush: 'sync' })
  return seen
}

function chatFor(origin: string, scenario: Partial<Scenario>, openStream: ReturnType<typeof recorder>['openStream']) {
  return effectScope().run(() =>
    useChatStream({
      url: `${origin}/api/sessions/recovery-${++sessions}/messages`,
      token: DEMO_TOKEN,
      headers: { [SCENARIO_HEADER]: JSON.stringify(scenario) },
      retry: { maxAttempts: 3 },
      openStream,
    }),
  )!
}

describe.each(servers)('connection state (%s)', (_, origin) => {
  it('a drop: connected → reconnecting (attempt, wait, reason) → connected, then done without a connection state', async () => {
    // A fixed jitter draw: the server's `retry: 1000` makes the wait exactly 500 ms.
    const rec = recorder({ random: () => 0.5 })
    const chat = chatFor(origin(), { fixture: 'short-answer', speed: 'fast', interruption: 'drop' }, rec.openStream)
    const states = connectionStates(chat)
    const sent = Date.now()
    const final = await chat.send('hi')
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['short-answer'].content)
    expect('connection' in final).toBe(false)
    expect(states.map((s) => s?.state)).toEqual(['connected', 'reconnecting', 'connected', undefined])
    const reconnecting = states[1] as Extract<MessageConnection, { state: 'reconnecting' }>
    expect(reconnecting).toMatchObject({ attempt: 1, delayMs: 500, reason: 'network' })
    expect(reconnecting.retryAt).toBeGreaterThan(sent + 500)
    expect(rec.posts.map((p) => p.method)).toEqual(['POST', 'GET'])
  })

  it('503 with Retry-After: reconnecting says busy (http 503) and waits the server’s 2 s; the refused POST is sent again', async () => {
    const rec = recorder()
    const chat = chatFor(origin(), { fixture: 'one-liner', speed: 'instant', interruption: '503' }, rec.openStream)
    const states = connectionStates(chat)
    const final = await chat.send('hi')
    expect(final.status).toBe('done')
    expect(states[0]).toMatchObject({ state: 'reconnecting', attempt: 1, delayMs: 2000, reason: 'http', status: 503 })
    expect(rec.posts.map((p) => p.method)).toEqual(['POST', 'POST'])
  })

  it('offline: the answer waits for the network (offline state), then continues from where it dropped', async () => {
    let online = true
    let wake: (() => void) | undefined
    const network: NetworkStatus = {
      online: () => online,
      whenOnline: (signal) => new Promise((resolve) => {
        wake = resolve
        signal.addEventListener('abort', () => resolve())
      }),
    }
    // The network goes away as the first response starts; its body then breaks (the `drop`).
    const rec = recorder({ network, random: () => 0 })
    const chat = chatFor(origin(), { fixture: 'short-answer', speed: 'fast', interruption: 'drop' }, rec.openStream)
    const states = connectionStates(chat)
    const stopWatching = watch(chat.connection, (c) => {
      if (c?.state === 'connected' && rec.posts.length === 1) online = false
      if (c?.state === 'offline') setTimeout(() => ((online = true), wake?.()), 50)
    }, { flush: 'sync' })
    const final = await chat.send('hi')
    stopWatching()
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['short-answer'].content)
    expect(states.map((s) => s?.state)).toEqual(['connected', 'offline', 'connected', undefined])
    expect(rec.posts.map((p) => p.method)).toEqual(['POST', 'GET'])
  })
})

describe.each(servers)('a question whose POST got no response (%s)', (_, origin) => {
  function storeFor(idempotencyKey: boolean) {
    const rec = recorder()
    const store = useSessionsStore()
    store.configure({
      baseUrl: origin(),
      token: DEMO_TOKEN,
      headers: { [SCENARIO_HEADER]: JSON.stringify({ fixture: 'one-liner', speed: 'instant', interruption: 'lost-response' }) },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      idempotencyKey,
      openStream: rec.openStream,
    })
    const { id } = store.createSession({ id: `lost-${++sessions}` })
    return { store, id, rec }
  }

  it('with an Idempotency-Key: sent again with the same key, and the server continues the one answer it ran', async () => {
    const { store, id, rec } = storeFor(true)
    const final = await store.sendMessage(id, 'hi')
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['one-liner'].content)
    expect(rec.posts).toHaveLength(2)
    expect(rec.posts[0]!.key).toMatch(/^[0-9a-f-]{16,}$/)
    expect(rec.posts[1]!.key).toBe(rec.posts[0]!.key)
    // The answer the server ran for the lost POST is the one that arrived: the session's first (m1), run once.
    expect(rec.starts).toHaveLength(1)
    expect(rec.starts[0]).toMatch(/^m1~/)
    // A new question gets a new key and the session's second answer.
    await store.sendMessage(id, 'and now?')
    expect(rec.posts[2]!.key).not.toBe(rec.posts[0]!.key)
    expect(rec.starts[1]).toMatch(/^m2~/)
  })

  it('without one: the question is not sent again on its own; the person sees "could not be reached" and Retry asks again', async () => {
    const { store, id, rec } = storeFor(false)
    const failed = await store.sendMessage(id, 'hi')
    expect(failed.status).toBe('error')
    expect(failed.error).toMatchObject({ kind: 'network', retryable: true })
    expect(rec.posts).toEqual([{ method: 'POST', key: null }])
    const retried = await store.retry(id)
    expect(retried.status).toBe('done')
    // The server ran the lost question too: Retry without a key makes a second answer (m2). That is the cost the key avoids.
    expect(rec.starts).toEqual([expect.stringMatching(/^m2~/)])
  })
})
