import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { StreamError } from '../stream/errors'
import type { ChatMessage } from '../types'
import { onPublish, type PublishRecord } from './instrumentation'
import { createManualScheduler, type ManualScheduler } from './publisher'
import { useSessionsStore } from './sessions'
import { createFakeOpener } from './testing/fake-stream'
import { makeHistory } from '../../test/support/history'

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

const history = (count: number) => makeHistory(count, { prefix: 'h' })

let scheduler: ManualScheduler
let opener: ReturnType<typeof createFakeOpener>
let ids = 0

function setup() {
  const store = useSessionsStore()
  store.configure({
    scheduler,
    openStream: opener.open,
    token: 'demo',
    baseUrl: 'http://api.test',
    now: () => 1,
    generateId: (kind) => `${kind}-${++ids}`,
  })
  return store
}

function recordPublishes() {
  const records: PublishRecord[] = []
  const off = onPublish((r) => records.push(r))
  return { records, off }
}

beforeEach(() => {
  setActivePinia(createPinia())
  scheduler = createManualScheduler()
  opener = createFakeOpener()
  ids = 0
})

describe('updateMessageContent', () => {
  it('folds 1,000 deltas within one frame into one publish with the exact content', () => {
    const store = setup()
    store.createSession({ id: 's', messages: [...history(3), { id: 'a', role: 'assistant', content: '', status: 'pending', createdAt: 0 }] })
    const { records, off } = recordPublishes()
    const deltas = Array.from({ length: 1000 }, (_, i) => `t${i} `)
    for (const delta of deltas) expect(store.updateMessageContent('s', 'a', delta)).toBe(true)
    expect(records).toHaveLength(0)
    expect(scheduler.waiting).toBe(1)
    scheduler.frame()
    off()
    expect(records).toHaveLength(1)
    expect(records[0]!.deltas).toBe(1000)
    expect(records[0]!.messageIds).toEqual(['a'])
    const last = store.getMessages('s').value.at(-1)!
    expect(last.content).toBe(deltas.join(''))
    expect(last.status).toBe('streaming')
  })

  it('gives only the changed message a new identity, and the arrays new identities', () => {
    const store = setup()
    store.createSession({ id: 's', messages: history(100) })
    const before = store.getMessages('s').value
    const sessionsBefore = store.sessions
    store.updateMessageContent('s', 'h99', ' more')
    scheduler.frame()
    const after = store.getMessages('s').value
    expect(after).not.toBe(before)
    expect(store.sessions).not.toBe(sessionsBefore)
    expect(store.sessions[0]!.messages).toBe(after)
    for (let i = 0; i < 99; i++) expect(after[i]).toBe(before[i])
    expect(after[99]).not.toBe(before[99])
    expect(after[99]!.content).toBe('message 99 more')
    expect(Object.isFrozen(after[99])).toBe(true)
    expect(before[99]!.content).toBe('message 99')
  })

  it('returns false for unknown sessions or messages and schedules nothing', () => {
    const store = setup()
    store.createSession({ id: 's' })
    expect(store.updateMessageContent('nope', 'a', 'x')).toBe(false)
    expect(store.updateMessageContent('s', 'nope', 'x')).toBe(false)
    expect(scheduler.waiting).toBe(0)
  })

  it('getMessages before the session exists is empty and becomes the session once created', () => {
    const store = setup()
    expect(store.getMessages('later').value).toEqual([])
    store.createSession({ id: 'later', messages: history(2) })
    expect(store.getMessages('later').value).toHaveLength(2)
  })
})

describe('streaming through sendMessage', () => {
  it('posts the question with the token and streams the answer; text is complete when status flips to done', async () => {
    const store = setup()
    store.createSession({ id: 's1' })
    const { records, off } = recordPublishes()
    const seen: ChatMessage[] = []
    const offSeen = onPublish(() => {
      const answer = store.getMessages('s1').value.find((m) => m.role === 'assistant')
      if (answer) seen.push(answer)
    })
    const done = store.sendMessage('s1', 'Hello?')
    const [user, answer] = store.getMessages('s1').value
    expect(user).toMatchObject({ role: 'user', content: 'Hello?', status: 'done' })
    expect(answer).toMatchObject({ role: 'assistant', content: '', status: 'pending' })
    expect(store.sessions[0]!.title).toBe('Hello?')

    const stream = opener.last()
    expect(stream.url).toBe('http://api.test/api/sessions/s1/messages')
    expect(stream.options).toMatchObject({ method: 'POST', token: 'demo', body: JSON.stringify({ content: 'Hello?' }) })
    expect(store.activeStream(answer!.id)).toBe(stream)

    stream.push('start', { messageId: 'srv-1' }, '1')
    stream.push('delta', { messageId: 'srv-1', delta: 'Hi ' }, '2')
    await tick()
    scheduler.frame()
    expect(store.getMessages('s1').value[1]).toMatchObject({ content: 'Hi ', status: 'streaming' })
    const resumeUrl = stream.options.resumeUrl as (ctx: unknown) => string
    expect(resumeUrl({})).toBe('http://api.test/api/sessions/s1/messages/srv-1/stream')

    stream.push('delta', { messageId: 'srv-1', delta: 'there' }, '3')
    stream.push('done', { messageId: 'srv-1', finishReason: 'stop' }, '4')
    await tick()
    scheduler.frame()
    const final = await done
    off()
    offSeen()
    expect(final).toMatchObject({ id: answer!.id, content: 'Hi there', status: 'done' })
    expect(seen.filter((m) => m.status === 'done').map((m) => m.content)).toEqual(['Hi there'])
    expect(records.length).toBeGreaterThan(0)
    expect(store.activeStream(answer!.id)).toBeUndefined()
    expect(stream.closed).toBe(true)
  })

  it('stop keeps the partial text with status stopped', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const done = store.sendMessage('s', 'q')
    const stream = opener.last()
    stream.push('start', { messageId: 'm' }, '1')
    stream.push('delta', { delta: 'partial ' }, '2')
    await tick()
    stream.push('delta', { delta: 'answer' }, '3')
    await tick()
    store.stop('s')
    expect(stream.closed).toBe(true)
    const final = await done
    expect(final).toMatchObject({ content: 'partial answer', status: 'stopped' })
    expect(store.getMessages('s').value[1]).toBe(final)
  })

  it('a fatal error keeps the text and stores the StreamError as plain data', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const done = store.sendMessage('s', 'q')
    const stream = opener.last()
    stream.push('delta', { delta: 'kept' }, '1')
    const error = new StreamError({ kind: 'http', status: 401, detail: 'Invalid token', message: 'The token was refused.', retryable: false })
    stream.fail(error)
    await tick()
    scheduler.frame()
    const final = await done
    expect(final.status).toBe('error')
    expect(final.content).toBe('kept')
    expect(final.error).toEqual(error.toJSON())
    expect(final.error).not.toBeInstanceOf(Error)
  })

  it('an `event: error` from the server ends the answer with a protocol error', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const done = store.sendMessage('s', 'q')
    opener.last().push('error', { message: 'model overloaded' }, '1')
    await tick()
    scheduler.frame()
    const final = await done
    expect(final.status).toBe('error')
    expect(final.error).toMatchObject({ kind: 'protocol', retryable: false })
    expect(final.error!.message).toContain('model overloaded')
  })

  it('resume after a drop continues the same message with Last-Event-ID and never duplicates text', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const first = store.sendMessage('s', 'q')
    const stream = opener.last()
    stream.push('start', { messageId: 'srv' }, '1')
    stream.push('delta', { delta: 'one ' }, '2')
    stream.push('delta', { delta: 'two ' }, '3')
    stream.end()
    await tick()
    scheduler.frame()
    const dropped = await first
    expect(dropped).toMatchObject({ content: 'one two ', status: 'error' })
    expect(dropped.error).toMatchObject({ kind: 'network', retryable: true })

    const resumed = store.resume('s', dropped.id)
    const again = opener.last()
    expect(again).not.toBe(stream)
    expect(again.url).toBe('http://api.test/api/sessions/s/messages/srv/stream')
    expect(again.options).toMatchObject({ method: 'GET', lastEventId: '3' })
    expect(again.options.body).toBeUndefined()
    again.push('delta', { delta: 'two ' }, '3') // a server that replays the last event
    again.push('delta', { delta: 'three' }, '4')
    again.push('done', { finishReason: 'stop' }, '5')
    await tick()
    scheduler.frame()
    const final = await resumed
    expect(final.id).toBe(dropped.id)
    expect(final).toMatchObject({ content: 'one two three', status: 'done' })
    expect(final.error).toBeUndefined()
    expect(store.getMessages('s').value).toHaveLength(2)
  })

  it('retry without a server message id sends the question again into the same message', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const first = store.sendMessage('s', 'q')
    opener.last().fail(new StreamError({ kind: 'network', message: 'offline', retryable: true }))
    await tick()
    scheduler.frame()
    const failed = await first
    expect(failed.status).toBe('error')
    const again = store.retry('s')
    scheduler.frame()
    expect(store.getMessages('s').value[1]).toMatchObject({ id: failed.id, status: 'pending', content: '' })
    expect(opener.streams).toHaveLength(2)
    expect(opener.last().options.method).toBe('POST')
    opener.last().push('delta', { delta: 'fine' }, '1')
    opener.last().push('done', {}, '2')
    await tick()
    scheduler.frame()
    expect(await again).toMatchObject({ id: failed.id, content: 'fine', status: 'done' })
  })

  it('regenerate replaces the answer to the last question with a new one', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const first = store.sendMessage('s', 'q')
    opener.last().push('delta', { delta: 'old' }, '1')
    opener.last().push('done', {}, '2')
    await tick()
    scheduler.frame()
    const old = await first
    const next = store.regenerate('s')
    const messages = store.getMessages('s').value
    expect(messages).toHaveLength(2)
    expect(messages[1]!.id).not.toBe(old.id)
    expect(messages[1]!.status).toBe('pending')
    expect(opener.last().options.body).toBe(JSON.stringify({ content: 'q' }))
    opener.last().push('delta', { delta: 'new' }, '1')
    opener.last().push('done', {}, '2')
    await tick()
    scheduler.frame()
    expect(await next).toMatchObject({ content: 'new', status: 'done' })
  })

  it('regenerate while streaming stops the old answer and resolves its promise with the stopped snapshot', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const first = store.sendMessage('s', 'q')
    opener.last().push('delta', { delta: 'half' }, '1')
    await tick()
    void store.regenerate('s')
    expect(await first).toMatchObject({ content: 'half', status: 'stopped' })
    expect(opener.streams[0]!.closed).toBe(true)
  })

  it('rejects with an actionable error for an unknown session or an answer that cannot be resumed', async () => {
    const store = setup()
    await expect(store.sendMessage('missing', 'q')).rejects.toThrow(/createSession/)
    store.createSession({ id: 's' })
    const first = store.sendMessage('s', 'q')
    opener.last().fail(new StreamError({ kind: 'network', message: 'offline', retryable: true }))
    await tick()
    scheduler.frame()
    const failed = await first
    await expect(store.resume('s', failed.id)).rejects.toThrow(/retry\(\)/)
    await expect(store.regenerate('missing')).rejects.toThrow()
  })
})
