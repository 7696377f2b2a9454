import { createPinia, setActivePinia } from 'pinia'
import { createApp } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { onPublish, type PublishRecord } from '../instrumentation/hooks'
import { createManualScheduler, type ManualScheduler } from '../chat/frames'
import { createSessionsPlugin, useSessionsStore } from './sessions'
import { createFakeOpener } from '../chat/fake-stream.test-support'
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
    store.createSession({ id: 's', messages: makeHistory(100, { prefix: 'h', lastStatus: 'streaming' }) })
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

  it('throws a TypeError at the call for a delta that is not a string, and queues nothing', () => {
    const store = setup()
    store.createSession({ id: 's', messages: [{ id: 'a', role: 'assistant', content: 'kept', status: 'streaming', createdAt: 0 }] })
    store.createSession({ id: 't', messages: [{ id: 'b', role: 'assistant', content: '', status: 'streaming', createdAt: 0 }] })
    const poison: unknown[] = [Symbol('x'), Object.create(null), null, undefined, 42, { toString: () => 'x' }, ['a'], 10n]
    for (const value of poison) {
      expect(() => store.updateMessageContent('s', 'a', value as string)).toThrow(TypeError)
    }
    expect(() => store.updateMessageContent('s', 'a', Symbol('y') as unknown as string)).toThrow(
      'updateMessageContent: the delta must be a string, got a symbol; nothing was appended.',
    )
    expect(scheduler.waiting).toBe(0)
    // Every session keeps publishing: nothing poisoned the next frame.
    expect(store.updateMessageContent('s', 'a', ' more')).toBe(true)
    expect(store.updateMessageContent('t', 'b', 'fine')).toBe(true)
    scheduler.frame()
    expect(store.getMessages('s').value[0]!.content).toBe('kept more')
    expect(store.getMessages('t').value[0]!.content).toBe('fine')
  })

  it('refuses appends to a finished message: false, the text and status unchanged, a warning in development builds', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const store = setup()
      store.createSession({
        id: 's',
        messages: (['done', 'stopped', 'error'] as const).map((status) => ({ id: status, role: 'assistant' as const, content: 'final', status, createdAt: 0 })),
      })
      const before = store.getMessages('s').value
      for (const id of ['done', 'stopped', 'error']) expect(store.updateMessageContent('s', id, ' late')).toBe(false)
      expect(scheduler.waiting).toBe(0)
      expect(store.getMessages('s').value).toBe(before)
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        '[vue-chat-stream] updateMessageContent: message "done" is done, so its text no longer changes; the delta was refused.',
        '[vue-chat-stream] updateMessageContent: message "stopped" is stopped, so its text no longer changes; the delta was refused.',
        '[vue-chat-stream] updateMessageContent: message "error" is error, so its text no longer changes; the delta was refused.',
      ])
    } finally {
      warn.mockRestore()
    }
  })

  it('a status change not yet published counts: after stop, appends are refused in the same frame', async () => {
    const store = setup()
    store.createSession({ id: 's' })
    const answer = store.sendMessage('s', 'q')
    const id = store.getMessages('s').value[1]!.id
    expect(store.updateMessageContent('s', id, 'partial')).toBe(true)
    store.stop('s')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(store.updateMessageContent('s', id, ' late')).toBe(false)
    warn.mockRestore()
    expect(await answer).toMatchObject({ content: 'partial', status: 'stopped' })
  })

  it('warns nothing in a production build (the library keeps the console quiet there)', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const store = setup()
      store.createSession({ id: 's', messages: [{ id: 'd', role: 'assistant', content: 'x', status: 'done', createdAt: 0 }] })
      expect(store.updateMessageContent('s', 'd', 'y')).toBe(false)
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
      vi.unstubAllEnvs()
    }
  })

  it('getMessages before the session exists is empty and becomes the session once created', () => {
    const store = setup()
    expect(store.getMessages('later').value).toEqual([])
    store.createSession({ id: 'later', messages: history(2) })
    expect(store.getMessages('later').value).toHaveLength(2)
  })
})

describe('the store over the engine', () => {
  it('sendMessage adds the question, titles the session, posts to {baseUrl}/api/sessions/:id/messages and resumes there', async () => {
    const store = setup()
    store.createSession({ id: 's 1' })
    const done = store.sendMessage('s 1', 'Hello?')
    const [user, answer] = store.getMessages('s 1').value
    expect(user).toMatchObject({ id: 'message-1', role: 'user', content: 'Hello?', status: 'done', createdAt: 1 })
    expect(answer).toMatchObject({ id: 'message-2', role: 'assistant', status: 'pending' })
    expect(store.sessions[0]!.title).toBe('Hello?')
    const stream = opener.last()
    expect(stream.url).toBe('http://api.test/api/sessions/s%201/messages')
    expect(stream.options).toMatchObject({ method: 'POST', token: 'demo', body: '{"content":"Hello?"}' })
    expect(store.activeStream(answer!.id)).toBe(stream)
    stream.push('start', { messageId: 'srv' }, '1')
    stream.push('delta', { delta: 'Hi' }, '2')
    stream.push('done', {}, '3')
    await tick()
    scheduler.frame()
    expect(await done).toMatchObject({ content: 'Hi', status: 'done' })
    const resumeUrl = stream.options.resumeUrl as (ctx: unknown) => string
    expect(resumeUrl({})).toBe('http://api.test/api/sessions/s%201/messages/srv/stream')
  })

  it('stop, retry, resume and regenerate reach the engine; an unknown session rejects with what to do', async () => {
    const store = setup()
    await expect(store.sendMessage('missing', 'q')).rejects.toThrow(/createSession/)
    store.createSession({ id: 's' })
    const first = store.sendMessage('s', 'q')
    opener.last().push('start', { messageId: 'srv' }, '1')
    opener.last().push('delta', { delta: 'a' }, '2')
    await tick()
    store.stop('s')
    expect(await first).toMatchObject({ content: 'a', status: 'stopped' })
    const resumed = store.retry('s')
    expect(opener.last().options).toMatchObject({ method: 'GET', lastEventId: '2' })
    opener.last().push('done', {}, '3')
    await tick()
    scheduler.frame()
    expect(await resumed).toMatchObject({ content: 'a', status: 'done' })
    await expect(store.resume('s', 'nope')).rejects.toThrow(/No answer "nope"/)
    const again = store.regenerate('s')
    expect(opener.last().options.body).toBe('{"content":"q"}')
    store.removeSession('s')
    expect(await again).toMatchObject({ status: 'stopped' })
  })

  it('createSessionsPlugin gives every store of that app its defaults; configure() overrides them; other apps are not touched', async () => {
    const appOpener = createFakeOpener()
    const Root = { render: () => null }
    const app = createApp(Root)
    const pinia = createPinia()
    app.use(pinia).use(createSessionsPlugin({ baseUrl: 'https://one.example', token: 'app-token', openStream: appOpener.open, scheduler }))
    const store = app.runWithContext(() => useSessionsStore(pinia))
    store.createSession({ id: 's' })
    void store.sendMessage('s', 'q')
    expect(appOpener.last().url).toBe('https://one.example/api/sessions/s/messages')
    expect(appOpener.last().options.token).toBe('app-token')
    store.configure({ token: 'override' })
    void store.sendMessage('s', 'again')
    expect(appOpener.last().options.token).toBe('override')

    // A second app (another SSR request) without the plugin: no defaults leak over.
    const other = createApp(Root)
    const otherPinia = createPinia()
    other.use(otherPinia)
    const otherStore = other.runWithContext(() => useSessionsStore(otherPinia))
    otherStore.configure({ openStream: opener.open, scheduler })
    otherStore.createSession({ id: 's' })
    void otherStore.sendMessage('s', 'q')
    expect(opener.last().url).toBe('/api/sessions/s/messages')
    expect(opener.last().options.token).toBeUndefined()
    store.stop('s')
    otherStore.stop('s')
  })
})
