// The answer's connection state: the stream client's reconnect lifecycle, published on the message through the
// same frame batch as its text.
import { beforeEach, describe, expect, it } from 'vitest'
import { StreamError } from '../errors'
import type { ChatMessage } from '../types'
import { createChatEngine, resumeRoute, type ConnectionOptions } from './engine'
import { createFakeOpener } from './fake-stream.test-support'
import { createManualScheduler, type ManualScheduler } from './frames'

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

let scheduler: ManualScheduler
let opener: ReturnType<typeof createFakeOpener>
let clock = 1_000

function asking(connection: Partial<ConnectionOptions> = {}) {
  const chat = createChatEngine({
    connection: () => ({ token: 'demo', openStream: opener.open, ...connection }),
    routes(sessionId) {
      const send = `/api/sessions/${sessionId}/messages`
      return { send, resume: (id) => resumeRoute(send, id) }
    },
    scheduler: () => scheduler,
    source: 'store',
    now: () => clock,
    newId: (kind) => `${kind}-${Math.random().toString(36).slice(2)}`,
  })
  chat.book.addSession('s', 'New chat', [])
  const done = chat.ask('s', 'q')
  const answer = () => chat.book.messagesRef('s').value.at(-1) as ChatMessage
  return { chat, done, stream: opener.last(), answer }
}

async function publish() {
  await tick()
  scheduler.frame()
}

/** Runs frames until the answer's promise settles (it resolves after the publish of its final snapshot). */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let finished = false
  void promise.then(() => (finished = true))
  for (let i = 0; i < 50 && !finished; i++) await publish()
  return promise
}

beforeEach(() => {
  scheduler = createManualScheduler()
  opener = createFakeOpener()
  clock = 1_000
})

describe('connection state on the message', () => {
  it('follows open → reconnecting (attempt, retry time, reason) → connected, and goes when the answer is done', async () => {
    const { stream, answer, done } = asking()
    expect(stream.listeners).toBe(1)
    stream.lifecycle({ type: 'open', status: 200, contentType: 'text/event-stream', transport: 'fetch', tokenTransport: 'header', url: '/x' })
    stream.push('start', { messageId: 'srv' }, '1')
    stream.push('delta', { delta: 'Hel' }, '2')
    await publish()
    expect(answer()).toMatchObject({ status: 'streaming', content: 'Hel', connection: { state: 'connected' } })

    const before = answer()
    stream.lifecycle({ type: 'retry', attempt: 2, delayMs: 3000, reason: 'http 503', error: { kind: 'http', status: 503, message: 'busy', retryable: true } })
    await publish()
    expect(answer()).not.toBe(before)
    expect(answer().connection).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 3000, retryAt: expect.any(Number), reason: 'http', status: 503 })
    const { retryAt } = answer().connection as { retryAt: number }
    expect(retryAt - Date.now()).toBeGreaterThan(2_500)
    expect(retryAt - Date.now()).toBeLessThanOrEqual(3_000)
    expect(Object.isFrozen(answer().connection)).toBe(true)

    stream.lifecycle({ type: 'offline' })
    await publish()
    expect(answer().connection).toEqual({ state: 'offline' })

    stream.lifecycle({ type: 'open', status: 200, contentType: 'text/event-stream', transport: 'fetch', tokenTransport: 'header', url: '/x' })
    stream.push('delta', { delta: 'lo' }, '3')
    await publish()
    expect(answer()).toMatchObject({ content: 'Hello', connection: { state: 'connected' } })

    stream.push('done', { finishReason: 'stop' }, '4')
    const final = await settled(done)
    expect(final.status).toBe('done')
    expect('connection' in final).toBe(false)
    expect(stream.listeners).toBe(0)
  })

  it('a state change and the text of the same frame are one publish; a repeated state publishes nothing', async () => {
    const { stream, answer } = asking()
    await publish()
    const start = answer()
    stream.lifecycle({ type: 'retry', attempt: 1, delayMs: 500, reason: 'network', error: { kind: 'network', message: 'dropped', retryable: true } })
    stream.push('delta', { delta: 'x' }, '2')
    await tick()
    expect(scheduler.frame()).toBe(1)
    expect(answer()).toMatchObject({ content: 'x', connection: { state: 'reconnecting', attempt: 1 } })
    stream.lifecycle({ type: 'open', status: 200, contentType: 'text/event-stream', transport: 'fetch', tokenTransport: 'header', url: '/x' })
    await publish()
    const connected = answer()
    stream.lifecycle({ type: 'open', status: 200, contentType: 'text/event-stream', transport: 'fetch', tokenTransport: 'header', url: '/x' })
    await tick()
    expect(scheduler.waiting).toBe(0)
    expect(answer()).toBe(connected)
    expect(start).not.toBe(connected)
  })

  it('recycle retries (attempt 0) are not trouble', async () => {
    const { stream, answer } = asking()
    await publish()
    const before = answer()
    stream.lifecycle({ type: 'retry', attempt: 0, delayMs: 0, reason: 'recycle' })
    await tick()
    expect(scheduler.waiting).toBe(0)
    expect(answer()).toBe(before)
  })

  it('failing while reconnecting leaves gave-up (with the attempts the client made) next to the error', async () => {
    const { stream, done } = asking()
    stream.lifecycle({ type: 'retry', attempt: 5, delayMs: 100, reason: 'network', error: { kind: 'network', message: 'dropped', retryable: true } })
    stream.fail(new StreamError({ kind: 'network', message: 'Gave up after 6 attempts in a row.', retryable: false }))
    const final = await settled(done)
    expect(final).toMatchObject({ status: 'error', error: { kind: 'network' }, connection: { state: 'gave-up', attempts: 6 } })
  })

  it('a fatal error on a healthy connection, and a stop, leave no connection state', async () => {
    const first = asking()
    first.stream.lifecycle({ type: 'open', status: 200, contentType: 'text/event-stream', transport: 'fetch', tokenTransport: 'header', url: '/x' })
    first.stream.fail(new StreamError({ kind: 'http', status: 401, message: 'no', retryable: false }))
    expect('connection' in (await settled(first.done))).toBe(false)

    const second = asking()
    second.stream.lifecycle({ type: 'offline' })
    await publish()
    expect(second.answer().connection).toEqual({ state: 'offline' })
    second.chat.stop('s')
    const stopped = await settled(second.done)
    expect(stopped.status).toBe('stopped')
    expect('connection' in stopped).toBe(false)
  })

  it('events of a stream that was replaced (retry) change nothing', async () => {
    const { chat, stream, answer } = asking()
    stream.fail(new StreamError({ kind: 'network', message: 'x', retryable: false }))
    await tick()
    void chat.retry('s')
    await publish()
    const current = answer()
    stream.lifecycle({ type: 'offline' })
    await tick()
    expect(scheduler.waiting).toBe(0)
    expect(answer()).toBe(current)
  })
})

describe('Idempotency-Key', () => {
  it('off by default: the POST carries none', () => {
    const { stream } = asking()
    expect(stream.options.idempotencyKey).toBeUndefined()
  })

  it('true: one key per question, kept when the same question is sent again, new for a new question', async () => {
    const { chat, stream, done } = asking({ idempotencyKey: true })
    const key = stream.options.idempotencyKey
    expect(key).toMatch(/^[0-9a-f-]{16,}$/)
    // No start event: the answer cannot be resumed, so retry sends the same question again — with the same key.
    stream.fail(new StreamError({ kind: 'network', message: 'no response', retryable: false }))
    await settled(done)
    void chat.retry('s')
    expect(opener.last()).not.toBe(stream)
    expect(opener.last().options).toMatchObject({ method: 'POST', idempotencyKey: key })
    opener.last().push('done', {}, '1')
    await tick()
    void chat.ask('s', 'another question')
    expect(opener.last().options.idempotencyKey).toMatch(/^[0-9a-f-]{16,}$/)
    expect(opener.last().options.idempotencyKey).not.toBe(key)
  })

  it('a function makes the key; a resume GET carries none', async () => {
    let n = 0
    const { chat, stream, done } = asking({ idempotencyKey: () => `key-${++n}` })
    expect(stream.options.idempotencyKey).toBe('key-1')
    stream.push('start', { messageId: 'srv' }, '1')
    stream.fail(new StreamError({ kind: 'network', message: 'dropped', retryable: false }))
    await settled(done)
    void chat.retry('s')
    expect(opener.last().options).toMatchObject({ method: 'GET' })
    expect(opener.last().options.idempotencyKey).toBeUndefined()
  })
})
