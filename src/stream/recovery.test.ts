// The client's recovery rules that concern the person waiting: offline means waiting for the network (no attempts
// spent, nothing sent into the void), and a POST that got no response is sent again only under an Idempotency-Key.
import { describe, expect, it } from 'vitest'
import { isStreamError } from '../errors'
import type { NetworkStatus } from './network'
import { openEventStream } from './open'
import { scriptedFetch, settle } from './stream.test-support'
import type { StreamLifecycleEvent } from './types'

const frames = (...parts: string[]) => parts.map((p) => `${p}\n\n`)
const quick = { baseDelayMs: 1, maxDelayMs: 5 }

/** A network switched by hand: `goOffline()`, `goOnline()` (which wakes every waiter). */
function manualNetwork(online = true) {
  let state = online
  let waiters: (() => void)[] = []
  const network: NetworkStatus = {
    online: () => state,
    whenOnline: (signal) =>
      new Promise((resolve) => {
        if (signal.aborted) return resolve()
        waiters.push(resolve)
        signal.addEventListener('abort', () => resolve())
      }),
  }
  return {
    network,
    goOffline: () => (state = false),
    goOnline: () => {
      state = true
      const woken = waiters
      waiters = []
      for (const wake of woken) wake()
    },
    get waiting() {
      return waiters.length
    },
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(check()).toBe(true)
}

describe('offline: wait for the network', () => {
  it('sends nothing while the browser is offline and connects once it is back', async () => {
    const net = manualNetwork(false)
    const server = scriptedFetch([{ chunks: frames('id: 1\ndata: a') }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', network: net.network, retry: { ...quick, maxAttempts: 0 } })
    const types: string[] = []
    stream.subscribe((e) => types.push(e.type), ['offline', 'connecting', 'open'])
    const done = settle(stream)
    await until(() => net.waiting === 1)
    expect(server.requests).toHaveLength(0)
    expect(types).toEqual(['offline'])
    net.goOnline()
    const { events, error } = await done
    expect(error).toBeUndefined()
    expect(events.map((e) => e.data)).toEqual(['a'])
    expect(types).toEqual(['offline', 'connecting', 'open'])
  })

  it('a drop while offline spends no attempt: it waits, then resumes from the last id', async () => {
    const net = manualNetwork()
    const server = scriptedFetch([
      // The network goes away while the first response is read; its body then breaks.
      () => (net.goOffline(), { chunks: frames('id: 1\ndata: a'), then: 'error' }),
      { chunks: frames('id: 2\ndata: b', 'id: 3\nevent: done\ndata: {}') },
    ])
    // maxAttempts 1: had the offline wait counted as an attempt, a second failure would end the stream.
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', network: net.network, retry: { ...quick, maxAttempts: 1 }, endOn: ['done'] })
    const log: StreamLifecycleEvent['type'][] = []
    stream.subscribe((e) => log.push(e.type), ['offline', 'retry', 'error', 'open'])
    const iterator = stream[Symbol.asyncIterator]()
    expect((await iterator.next()).value?.data).toBe('a')
    await until(() => net.waiting === 1)
    expect(server.requests).toHaveLength(1)
    net.goOnline()
    const rest: string[] = []
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value.data)
    expect(rest).toEqual(['b', '{}'])
    expect(server.requests[1]!.headers['last-event-id']).toBe('1')
    expect(log).toEqual(['open', 'error', 'offline', 'open'])
  })

  it('close() while waiting for the network ends the stream cleanly', async () => {
    const net = manualNetwork(false)
    const server = scriptedFetch([{ chunks: frames('id: 1\ndata: a') }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', network: net.network })
    const done = settle(stream)
    await until(() => net.waiting === 1)
    stream.close()
    expect(await done).toEqual({ events: [], error: undefined })
    expect(server.requests).toHaveLength(0)
  })
})

describe('a POST that got no response', () => {
  const answer = frames('id: 1\nevent: start\ndata: {"messageId":"m1"}', 'id: 2\nevent: delta\ndata: x', 'id: 3\nevent: done\ndata: {}')

  it('is not sent again without an Idempotency-Key', async () => {
    const server = scriptedFetch([{ noResponse: true }, { chunks: answer }])
    const { events, error } = await settle(
      openEventStream('/p', { fetch: server.fetch, transport: 'fetch', body: { content: 'hi' }, retry: quick, endOn: ['done'] }),
    )
    expect(events).toEqual([])
    expect(server.requests).toHaveLength(1)
    expect(isStreamError(error) && error.kind).toBe('network')
  })

  it('is sent again with the same Idempotency-Key (the option), which a resume GET does not carry', async () => {
    const server = scriptedFetch([
      { noResponse: true },
      { chunks: [answer[0]!, answer[1]!], then: 'error' },
      { chunks: [answer[2]!] },
    ])
    const { events, error } = await settle(
      openEventStream('/p', {
        fetch: server.fetch,
        transport: 'fetch',
        body: { content: 'hi' },
        idempotencyKey: 'k-1',
        retry: quick,
        endOn: ['done'],
        resumeUrl: ({ firstEvent }) => (firstEvent ? '/p/m1/stream' : undefined),
      }),
    )
    expect(error).toBeUndefined()
    expect(events.map((e) => e.event)).toEqual(['start', 'delta', 'done'])
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.headers['idempotency-key'] ?? '-'}`)).toEqual([
      'POST /p k-1',
      'POST /p k-1',
      'GET /p/m1/stream -',
    ])
    expect(server.requests[1]!.body).toBe('{"content":"hi"}')
  })

  it('an Idempotency-Key header counts too, and a drop before any resume URL re-POSTs with Last-Event-ID', async () => {
    // The server continues after event 7 (ids 1–3 again would be replays, which the client skips).
    const continued = frames('id: 8\nevent: start\ndata: {"messageId":"m1"}', 'id: 9\nevent: delta\ndata: x', 'id: 10\nevent: done\ndata: {}')
    const server = scriptedFetch([{ chunks: frames('id: 7\nevent: ping\ndata: {}'), then: 'error' }, { chunks: continued }])
    const { error } = await settle(
      openEventStream('/p', {
        fetch: server.fetch,
        transport: 'fetch',
        body: { content: 'hi' },
        headers: { 'Idempotency-Key': 'k-2' },
        retry: quick,
        endOn: ['done'],
        resumeUrl: () => undefined,
      }),
    )
    expect(error).toBeUndefined()
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
    expect(server.requests[1]!.headers['idempotency-key']).toBe('k-2')
    expect(server.requests[1]!.headers['last-event-id']).toBe('7')
  })
})

describe('subscribe(listener, types)', () => {
  it('delivers only the named types', async () => {
    const server = scriptedFetch([{ chunks: frames('id: 1\ndata: a', 'id: 2\ndata: b') }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: { maxAttempts: 0 } })
    const some: string[] = []
    const all: string[] = []
    stream.subscribe((e) => some.push(e.type), ['open', 'close'])
    const stop = stream.subscribe((e) => all.push(e.type))
    await settle(stream)
    stop()
    expect(some).toEqual(['open', 'close'])
    expect(all).toEqual(expect.arrayContaining(['connecting', 'open', 'chunk', 'message', 'close']))
  })
})
