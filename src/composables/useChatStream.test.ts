import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'
import { StreamError } from '../errors'
import { createManualScheduler } from '../chat/frames'
import { createFakeOpener } from '../chat/fake-stream.test-support'
import { useChatStream } from './useChatStream'

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

function setup(generateId = () => 'answer') {
  const scheduler = createManualScheduler()
  const opener = createFakeOpener()
  const scope = effectScope()
  const chat = scope.run(() =>
    useChatStream({ url: '/api/sessions/s/messages', token: 'demo', scheduler, openStream: opener.open, generateId, now: () => 0 }),
  )!
  return { chat, scheduler, opener, scope }
}

describe('useChatStream', () => {
  it('streams one answer into one message, one publish per frame, text complete at done', async () => {
    const { chat, scheduler, opener } = setup()
    expect(chat.status.value).toBe('idle')
    const done = chat.send('hi')
    expect(chat.message.value).toMatchObject({ id: 'answer', status: 'pending', content: '' })
    const stream = opener.last()
    expect(stream.options).toMatchObject({ method: 'POST', token: 'demo', body: '{"content":"hi"}' })
    stream.push('start', { messageId: 'srv' }, '1')
    for (let i = 0; i < 500; i++) stream.push('delta', { delta: `${i},` }, String(i + 2))
    await tick()
    const before = chat.message.value
    expect(scheduler.waiting).toBe(1)
    scheduler.frame()
    expect(chat.message.value).not.toBe(before)
    expect(chat.status.value).toBe('streaming')
    stream.push('done', {}, '600')
    await tick()
    scheduler.frame()
    const final = await done
    expect(final.content).toBe(Array.from({ length: 500 }, (_, i) => `${i},`).join(''))
    expect(final.status).toBe('done')
  })

  it('stop keeps the text; retry resumes from the last event id', async () => {
    const { chat, scheduler, opener } = setup()
    const first = chat.send('hi')
    opener.last().push('start', { messageId: 'srv' }, '1')
    opener.last().push('delta', { delta: 'abc' }, '2')
    await tick()
    chat.stop()
    expect(await first).toMatchObject({ content: 'abc', status: 'stopped' })
    const again = chat.retry()
    expect(opener.last().url).toBe('/api/sessions/s/messages/srv/stream')
    expect(opener.last().options).toMatchObject({ method: 'GET', lastEventId: '2' })
    opener.last().push('delta', { delta: 'def' }, '3')
    opener.last().push('done', {}, '4')
    await tick()
    scheduler.frame()
    expect(await again).toMatchObject({ content: 'abcdef', status: 'done' })
  })

  it('an error keeps the text with the error as data', async () => {
    const { chat, scheduler, opener } = setup()
    const done = chat.send('hi')
    opener.last().push('delta', { delta: 'x' }, '1')
    opener.last().fail(new StreamError({ kind: 'http', status: 422, message: 'Missing Authorization header.', retryable: false }))
    await tick()
    scheduler.frame()
    const final = await done
    expect(final).toMatchObject({ content: 'x', status: 'error', error: { kind: 'http', status: 422 } })
    expect(chat.error.value?.status).toBe(422)
  })

  it('closes the stream when its scope is disposed', async () => {
    const { chat, opener, scope } = setup()
    void chat.send('hi')
    scope.stop()
    expect(opener.last().closed).toBe(true)
  })

  it('a second send replaces the message; the first promise resolves with the first answer, stopped', async () => {
    let n = 0
    const { chat, opener } = setup(() => `answer-${++n}`)
    const first = chat.send('one')
    opener.last().push('delta', { delta: 'half' }, '1')
    await tick()
    const firstStream = opener.last()
    void chat.send('two')
    expect(firstStream.closed).toBe(true)
    expect(await first).toMatchObject({ id: 'answer-1', content: 'half', status: 'stopped' })
    expect(chat.message.value).toMatchObject({ id: 'answer-2', status: 'pending', content: '' })
    expect(chat.stream.value).toBe(opener.last())
    expect(opener.last().options.body).toBe('{"content":"two"}')
  })

  it('retry before any send rejects and says what to do', async () => {
    const { chat } = setup()
    await expect(chat.retry()).rejects.toThrow(/call send\(\) first/)
  })
})
