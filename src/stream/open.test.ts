import { afterEach, describe, expect, it, vi } from 'vitest'
import { StreamError, isStreamError } from '../errors'
import { openEventStream, pickTransport } from './open'
import { scriptedFetch, settle } from './stream.test-support'
import type { StreamLifecycleEvent } from './types'

const frames = (...parts: string[]) => parts.map((p) => `${p}\n\n`)
const FASTAPI_422 = JSON.stringify({
  detail: [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }],
})
const quick = { baseDelayMs: 1, maxDelayMs: 5 }

describe('openEventStream: requests', () => {
  it('sends the token as an Authorization header, never in the URL, and asks a token function every time', async () => {
    const server = scriptedFetch([
      { chunks: frames('id: 1\ndata: a'), then: 'error' },
      { chunks: frames('id: 2\ndata: b') },
    ])
    let n = 0
    const stream = openEventStream('/api/s?x=1', {
      fetch: server.fetch,
      transport: 'fetch',
      token: () => `t${++n}`,
      retry: quick,
    })
    const events: string[] = []
    for await (const e of stream) {
      events.push(e.data)
      if (e.data === 'b') break
    }
    expect(events).toEqual(['a', 'b'])
    expect(server.requests[0]!.headers.authorization).toBe('Bearer t1')
    expect(server.requests[1]!.headers.authorization).toBe('Bearer t2')
    expect(server.requests[1]!.url).toBe('/api/s?x=1')
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream')
    expect(server.requests[0]!.url).toBe('/api/s?x=1')
    expect(stream.metrics().tokenTransport).toBe('header')
  })

  it('resumes a POST stream with GET on resumeUrl, with Last-Event-ID, and never re-POSTs the prompt', async () => {
    const server = scriptedFetch([
      { chunks: frames('id: 1\nevent: start\ndata: {"messageId":"m1"}', 'id: 2\nevent: delta\ndata: x'), then: 'error' },
      { chunks: frames('id: 3\nevent: delta\ndata: y', 'id: 4\nevent: done\ndata: {}') },
    ])
    const stream = openEventStream('/api/sessions/s1/messages', {
      fetch: server.fetch,
      transport: 'fetch',
      body: { content: 'hi' },
      token: 'demo',
      retry: quick,
      endOn: ['done'],
      resumeUrl: ({ firstEvent }) =>
        firstEvent && `/api/sessions/s1/messages/${(JSON.parse(firstEvent.data) as { messageId: string }).messageId}/stream`,
    })
    const { events, error } = await settle(stream)
    expect(error).toBeUndefined()
    expect(events.map((e) => `${e.id}:${e.event}`)).toEqual(['1:start', '2:delta', '3:delta', '4:done'])
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/sessions/s1/messages',
      'GET /api/sessions/s1/messages/m1/stream',
    ])
    expect(server.requests[0]!.body).toBe('{"content":"hi"}')
    expect(server.requests[0]!.headers['content-type']).toBe('application/json')
    expect(server.requests[1]!.body).toBeNull()
    expect(server.requests[1]!.headers['last-event-id']).toBe('2')
    expect(server.requests[1]!.headers.authorization).toBe('Bearer demo')
  })

  it('a POST stream without a resume URL fails instead of sending the prompt again', async () => {
    const server = scriptedFetch([{ chunks: frames('id: 1\ndata: a'), then: 'error' }])
    const { events, error } = await settle(
      openEventStream('/p', { fetch: server.fetch, transport: 'fetch', body: { content: 'hi' }, retry: quick }),
    )
    expect(events).toHaveLength(1)
    expect(server.requests).toHaveLength(1)
    // retryable: the store's retry can still ask again (it re-sends the question when it has no server id).
    expect(isStreamError(error) && error.retryable).toBe(true)
    expect((error as StreamError).message).toMatch(/cannot be resumed.*never sent twice/)
  })

  it('sends the POST again only when the server refused it (503 + Retry-After), before any stream', async () => {
    const server = scriptedFetch([
      { status: 503, headers: { 'retry-after': '0', 'content-type': 'application/json' }, chunks: ['{"detail":"busy"}'] },
      { chunks: frames('data: ok') },
    ])
    const retries: StreamLifecycleEvent[] = []
    const stream = openEventStream('/p', { fetch: server.fetch, transport: 'fetch', body: { content: 'hi' }, retry: quick, endOn: ['message'] })
    stream.subscribe((e) => e.type === 'retry' && retries.push(e))
    const { events } = await settle(stream)
    expect(events.map((e) => e.data)).toEqual(['ok'])
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST'])
    expect(retries).toMatchObject([{ type: 'retry', attempt: 1, delayMs: 0, reason: 'http 503' }])
  })
})

describe('openEventStream: fatal answers make exactly one request', () => {
  const fatal: [string, number, string, string, RegExp][] = [
    ['401', 401, 'application/json', '{"detail":"Invalid token"}', /rejected the token \(401\) \(Invalid token\)/],
    ['403', 403, 'application/json', '{"detail":"Forbidden"}', /not allowed/],
    ['404', 404, 'application/json', '{"detail":"Not Found"}', /Nothing streams at GET \/s \(404\)/],
    ['422', 422, 'application/json', FASTAPI_422, /Authorization header did not reach it \(header\.authorization — Field required\)/],
    ['200 text/html', 200, 'text/html', '<!doctype html>', /Expected text\/event-stream .* but got 'text\/html'/],
  ]
  for (const [name, status, contentType, body, message] of fatal) {
    it(name, async () => {
      const server = scriptedFetch([{ status, headers: { 'content-type': contentType }, chunks: [body] }])
      const { events, error } = await settle(openEventStream('/s', { fetch: server.fetch, transport: 'fetch', token: 't', retry: quick }))
      expect(events).toEqual([])
      expect(server.requests).toHaveLength(1)
      expect(error).toBeInstanceOf(StreamError)
      const e = error as StreamError
      expect(e.status).toBe(status)
      expect(e.kind).toBe(status === 200 ? 'protocol' : 'http')
      expect(e.retryable).toBe(false)
      expect(e.message).toMatch(message)
    })
  }

  it('keeps FastAPI’s 422 detail as sent and explains the missing header', async () => {
    const server = scriptedFetch([{ status: 422, headers: { 'content-type': 'application/json' }, chunks: [FASTAPI_422] }])
    const { error } = await settle(openEventStream('/s', { fetch: server.fetch, transport: 'fetch' }))
    const info = (error as StreamError).toJSON()
    expect(info).toMatchObject({ kind: 'http', status: 422, retryable: false })
    expect(info.detail).toEqual(JSON.parse(FASTAPI_422).detail)
    expect(info.message).toMatch(/No token was given/)
    expect(info.message).toMatch(/EventSource cannot send headers/)
  })
})

describe('openEventStream: reconnection', () => {
  it('5xx retries are bounded by maxAttempts, then it gives up with the last error', async () => {
    const server = scriptedFetch([{ status: 500, headers: { 'content-type': 'text/plain' }, chunks: ['boom'] }])
    const { error } = await settle(openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: { ...quick, maxAttempts: 3 } }))
    expect(server.requests).toHaveLength(4)
    expect(error).toMatchObject({ kind: 'http', status: 500, detail: 'boom', retryable: true })
    expect((error as StreamError).message).toMatch(/The server failed \(500\) \(boom\)\. Gave up after 4 attempts/)
  })

  it('with maxAttempts 0 the iteration ends when the server closes', async () => {
    const server = scriptedFetch([{ chunks: frames('data: a', 'data: b') }])
    const { events, error } = await settle(openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: { maxAttempts: 0 } }))
    expect(events.map((e) => e.data)).toEqual(['a', 'b'])
    expect(error).toBeUndefined()
    expect(server.requests).toHaveLength(1)
  })

  it('a clean close without the end event reconnects from the last id; 204 ends it', async () => {
    const server = scriptedFetch([{ chunks: frames('id: 1\ndata: a') }, { status: 204 }])
    const { events, error } = await settle(openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: quick }))
    expect(events.map((e) => e.data)).toEqual(['a'])
    expect(error).toBeUndefined()
    expect(server.requests[1]!.headers['last-event-id']).toBe('1')
  })

  it('a stall (no bytes for stallTimeoutMs) reconnects', async () => {
    const server = scriptedFetch([{ chunks: frames('id: 1\ndata: a'), then: 'hang' }, { chunks: frames('id: 2\ndata: b') }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: quick, stallTimeoutMs: 60 })
    const seen: string[] = []
    stream.subscribe((e) => seen.push(e.type))
    const events = []
    for await (const e of stream) {
      events.push(e.data)
      if (e.data === 'b') break
    }
    expect(events).toEqual(['a', 'b'])
    expect(seen).toEqual(expect.arrayContaining(['stall', 'retry']))
    expect(seen.indexOf('stall')).toBeLessThan(seen.indexOf('retry'))
  })

  it('backs off with full jitter, doubling the ceiling, and a retry: field replaces the base', async () => {
    const server = scriptedFetch([
      { chunks: ['retry: 40\n\n'], then: 'error' },
      { then: 'error' },
      { then: 'error' },
      { status: 204 },
    ])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', random: () => 0.5, retry: { baseDelayMs: 1000, maxDelayMs: 100 } })
    const delays: number[] = []
    stream.subscribe((e) => e.type === 'retry' && delays.push(e.delayMs))
    await settle(stream)
    // ceilings: 40, 80, min(100, 160)
    expect(delays).toEqual([20, 40, 50])
  })
})

describe('openEventStream: ending', () => {
  it('close() ends a pending iteration cleanly and aborts the connection', async () => {
    const server = scriptedFetch([{ chunks: frames('data: a'), then: 'hang' }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', stallTimeoutMs: 0 })
    const iterator = stream[Symbol.asyncIterator]()
    expect((await iterator.next()).value).toMatchObject({ data: 'a' })
    const pending = iterator.next()
    stream.close()
    expect(await pending).toEqual({ value: undefined, done: true })
    expect(stream.metrics().state).toBe('closed')
  })

  it('an aborted signal ends the iteration cleanly', async () => {
    const server = scriptedFetch([{ chunks: frames('data: a'), then: 'hang' }])
    const controller = new AbortController()
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', signal: controller.signal, stallTimeoutMs: 0 })
    const events: string[] = []
    const done = (async () => {
      for await (const e of stream) {
        events.push(e.data)
        controller.abort()
      }
    })()
    await expect(done).resolves.toBeUndefined()
    expect(events).toEqual(['a'])
  })

  it('breaking out of for-await closes the stream', async () => {
    const server = scriptedFetch([{ chunks: frames('data: a', 'data: b'), then: 'hang' }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', stallTimeoutMs: 0 })
    for await (const _ of stream) break
    expect(stream.metrics().state).toBe('closed')
  })
})

describe('openEventStream: lifecycle and metrics', () => {
  it('reports connecting → open → chunk → message → close, and counts', async () => {
    const server = scriptedFetch([{ chunks: ['id: 7\ndata: a\n\n', ': ping\n\n', 'data: b\n\n'] }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', token: 't', retry: { maxAttempts: 0 } })
    const types: string[] = []
    stream.subscribe((e) => types.push(e.type))
    await settle(stream)
    expect(types).toEqual(['connecting', 'open', 'chunk', 'message', 'chunk', 'chunk', 'message', 'close'])
    const m = stream.metrics()
    expect(m).toMatchObject({ state: 'closed', transport: 'fetch', tokenTransport: 'header', status: 200, events: 2, chunks: 3, retries: 0, lastEventId: '7' })
    expect(m.bytes).toBe('id: 7\ndata: a\n\n: ping\n\ndata: b\n\n'.length)
  })

  it('times the first response head and the first event from the moment the stream was opened', async () => {
    // A clock moved by hand: the server answers 40 ms after the request, the first event arrives 25 ms later.
    let clock = 1000
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => clock)
    try {
      const server = scriptedFetch([
        () => {
          clock += 40
          return { chunks: ['id: 7\ndata: a\n\n'] }
        },
      ])
      const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: { maxAttempts: 0 }, stallTimeoutMs: 0 })
      stream.subscribe((e) => {
        if (e.type === 'open') clock += 25
      })
      await settle(stream)
      expect(stream.metrics()).toMatchObject({ startedAt: 1000, ttfbMs: 40, timeToFirstEventMs: 65 })
    } finally {
      spy.mockRestore()
    }
  })

  it('a throwing listener does not break the stream', async () => {
    const server = scriptedFetch([{ chunks: frames('data: a') }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: { maxAttempts: 0 } })
    const errors: unknown[] = []
    const onError = (e: unknown) => errors.push(e)
    process.on('uncaughtException', onError)
    stream.subscribe(() => {
      throw new Error('listener bug')
    })
    const { events } = await settle(stream)
    await new Promise((r) => setTimeout(r, 0))
    process.off('uncaughtException', onError)
    expect(events.map((e) => e.data)).toEqual(['a'])
  })
})

describe('pickTransport', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('auto: fetch where response bodies stream, xhr where they do not, never eventsource', () => {
    expect(pickTransport('auto')).toBe('fetch')
    vi.stubGlobal('ReadableStream', undefined)
    vi.stubGlobal('XMLHttpRequest', function XMLHttpRequest() {})
    expect(pickTransport('auto')).toBe('xhr')
    expect(pickTransport('eventsource')).toBe('eventsource')
    expect(pickTransport('fetch')).toBe('fetch')
  })
})

describe('openEventStream: progress means progress (the replay guard)', () => {
  const resumeOpts = { transport: 'fetch' as const, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, random: () => 0 }

  it('skips events whose own numeric id is not above the highest seen, and the id-less events after them', async () => {
    const server = scriptedFetch([
      { chunks: frames('id: 1\ndata: a', 'id: 2\ndata: b'), then: 'error' },
      // replays 1 and 2 (and an id-less frame inside the replay), then continues
      { chunks: frames('id: 1\ndata: a', 'data: a2', 'id: 2\ndata: b', 'id: 3\ndata: c', 'data: c2') },
      { status: 204 },
    ])
    const { events, error } = await settle(openEventStream('/s', { ...resumeOpts, fetch: server.fetch, retry: { maxAttempts: 1, baseDelayMs: 1 } }))
    expect(error).toBeUndefined()
    expect(events.map((e) => `${e.id}:${e.data}`)).toEqual(['1:a', '2:b', '3:c', '3:c2'])
    expect(server.requests[1]!.headers['last-event-id']).toBe('2')
  })

  it('starts from the lastEventId option: a resume that repeats that event yields it not again', async () => {
    const server = scriptedFetch([{ chunks: frames('id: 7\ndata: old', 'id: 8\ndata: new') }])
    const { events } = await settle(openEventStream('/s', { fetch: server.fetch, transport: 'fetch', lastEventId: '7', retry: { maxAttempts: 0 } }))
    expect(events.map((e) => e.data)).toEqual(['new'])
  })

  it('a replaying resume endpoint is not progress: it gives up after maxAttempts and says why', async () => {
    const server = scriptedFetch([
      { chunks: frames('id: 1\ndata: a', 'id: 2\ndata: b'), then: 'error' },
      { chunks: frames('id: 1\ndata: a'), then: 'error' },
    ])
    const stream = openEventStream('/s', { ...resumeOpts, fetch: server.fetch })
    const reasons: string[] = []
    stream.subscribe((e) => e.type === 'retry' && reasons.push(e.reason))
    const { events, error } = await settle(stream)
    expect(events.map((e) => e.data)).toEqual(['a', 'b'])
    expect(server.requests).toHaveLength(3)
    expect(reasons).toEqual(['network', 'replay'])
    expect(error).toMatchObject({ kind: 'protocol', retryable: false })
    expect((error as StreamError).message).toMatch(/^The server replays instead of resuming: asked to continue after event id 2 \(Last-Event-ID\), it sent events the client already had and nothing new, 2 times in a row\./)
    expect(stream.metrics().lastEventId).toBe('2')
  })

  it('a connection that moves the id forward resets the count, even when it also replays', async () => {
    const server = scriptedFetch([
      { chunks: frames('id: 1\ndata: a'), then: 'error' },
      { chunks: frames('id: 1\ndata: a', 'id: 2\ndata: b'), then: 'error' },
      { chunks: frames('id: 2\ndata: b', 'id: 3\ndata: c'), then: 'error' },
      { chunks: frames('id: 4\ndata: d') },
      { status: 204 },
    ])
    // maxAttempts 1: any second failure in a row would end it; each of these connections brought a new id.
    const { events, error } = await settle(openEventStream('/s', { ...resumeOpts, fetch: server.fetch, retry: { maxAttempts: 1, baseDelayMs: 1 } }))
    expect(events.map((e) => e.data)).toEqual(['a', 'b', 'c', 'd'])
    expect(error).toBeUndefined()
    expect(server.requests).toHaveLength(5)
  })

  it('opaque ids cannot be ordered: delivered as sent, progress when the id changed; a stuck server still gives up', async () => {
    const server = scriptedFetch([
      { chunks: frames('id: x\ndata: a', 'id: y\ndata: b'), then: 'error' },
      { chunks: frames('id: y\ndata: b'), then: 'error' },
    ])
    const { events, error } = await settle(openEventStream('/s', { ...resumeOpts, fetch: server.fetch }))
    expect(events.map((e) => `${e.id}:${e.data}`)).toEqual(['x:a', 'y:b', 'y:b', 'y:b'])
    expect(server.requests).toHaveLength(3)
    expect(error).toMatchObject({ kind: 'network', retryable: true })
  })

  it('skipReplays: false delivers every event (a server whose numeric ids start over)', async () => {
    const server = scriptedFetch([{ chunks: frames('id: 5\ndata: a', 'id: 1\ndata: b', 'id: 1\ndata: c') }])
    const { events } = await settle(openEventStream('/s', { fetch: server.fetch, transport: 'fetch', skipReplays: false, retry: { maxAttempts: 0 } }))
    expect(events.map((e) => e.data)).toEqual(['a', 'b', 'c'])
  })

  it('a stream without ids cannot tell a replay: any event is progress there', async () => {
    const server = scriptedFetch([{ chunks: frames('data: a'), then: 'error' }])
    const stream = openEventStream('/s', { ...resumeOpts, fetch: server.fetch, retry: { maxAttempts: 1, baseDelayMs: 1 } })
    let n = 0
    for await (const _ of stream) if (++n === 5) break
    expect(server.requests).toHaveLength(5)
  })
})

describe('openEventStream: limits', () => {
  it('an event past maxEventChars fails with a protocol error; the events before it are yielded', async () => {
    const server = scriptedFetch([{ chunks: ['id: 1\ndata: ok\n\n', `data: ${'x'.repeat(600)}`, 'x'.repeat(600), '\n\n'] }])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', maxEventChars: 1000, retry: { maxAttempts: 3 } })
    const { events, error } = await settle(stream)
    expect(events.map((e) => e.data)).toEqual(['ok'])
    expect(server.requests).toHaveLength(1)
    expect((error as StreamError).toJSON()).toEqual({
      kind: 'protocol',
      retryable: false,
      message:
        'An event larger than 1,000 characters arrived from GET /s: a line or an event without an end. The client stopped reading there; the text before it is kept. Check what the server sends (or raise `maxEventChars` if events this large are expected).',
    })
  })

  it('the stall timer starts at the response head; before it, the connect timeout applies', async () => {
    let release!: () => void
    const headLater = new Promise<void>((resolve) => (release = resolve))
    const server = scriptedFetch([{ chunks: frames('data: a') }])
    const slowFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await headLater
      return server.fetch(input, init)
    }) as typeof fetch
    const stream = openEventStream('/s', { fetch: slowFetch, transport: 'fetch', stallTimeoutMs: 20, connectTimeoutMs: 5000, retry: { maxAttempts: 0 } })
    const seen: string[] = []
    stream.subscribe((e) => seen.push(e.type))
    setTimeout(release, 80)
    const { events, error } = await settle(stream)
    expect(error).toBeUndefined()
    expect(events.map((e) => e.data)).toEqual(['a'])
    expect(seen).not.toContain('stall')
  })

  it('connectTimeoutMs 0 turns the connect timeout off', async () => {
    const server = scriptedFetch([{ chunks: frames('data: a') }])
    const slowFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await new Promise((resolve) => setTimeout(resolve, 40))
      return server.fetch(input, init)
    }) as typeof fetch
    const { events, error } = await settle(openEventStream('/s', { fetch: slowFetch, transport: 'fetch', connectTimeoutMs: 0, stallTimeoutMs: 10, retry: { maxAttempts: 0 } }))
    expect([events.length, error]).toEqual([1, undefined])
  })
})

describe('openEventStream: the tokens it sent never leave it', () => {
  it('every token from a token function is redacted from errors, lifecycle events and redact()', async () => {
    const tokens = ['first-token-a1b2c3', 'second-token-d4e5f6']
    const server = scriptedFetch([
      { chunks: frames('id: 1\nevent: start\ndata: {"messageId":"m","echo":"first-token-a1b2c3"}'), then: 'error' },
      (req) => ({ status: 401, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify({ detail: [{ msg: `bad ${req.headers.authorization}`, loc: ['header'] }] })] }),
    ])
    let n = 0
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', token: () => tokens[n++]!, retry: { maxAttempts: 2, baseDelayMs: 1 } })
    const lifecycle: StreamLifecycleEvent[] = []
    stream.subscribe((e) => lifecycle.push(e))
    const { events, error } = await settle(stream)
    // The consumer gets the server's data as sent; everything the stream reports about it is redacted.
    expect(events[0]!.data).toContain('first-token-a1b2c3')
    expect((error as StreamError).detail).toEqual([{ msg: 'bad Bearer [redacted]', loc: ['header'] }])
    const reported = JSON.stringify([lifecycle, (error as StreamError).message, (error as StreamError).toJSON(), stream.metrics()])
    for (const token of tokens) expect(reported).not.toContain(token)
    expect(reported).toContain('"echo\\":\\"[redacted]\\"')
    expect(stream.redact({ text: `x ${tokens[1]} y` })).toEqual({ text: 'x [redacted] y' })
    const same = { untouched: true }
    expect(stream.redact(same)).toBe(same)
  })
})
