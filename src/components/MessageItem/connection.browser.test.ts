// "Connection lost — reconnecting in 3 s…": the countdown, the one polite announcement per change, and the real
// thing — useChatStream and the stream client against the loopback harness server in Chromium, a drop and an
// offline browser included.
import { afterEach, describe, expect, inject, it } from 'vitest'
import { effectScope, h, nextTick, shallowRef, watch } from 'vue'
import { DEMO_TOKEN, fixtures, SCENARIO_HEADER, type Scenario } from 'vue-chat-stream/mocks'
import { useChatStream } from '../../composables/useChatStream'
import { openEventStream } from '../../stream/open'
import type { OpenEventStreamOptions } from '../../stream/types'
import type { ChatMessage, MessageConnection } from '../../types'
import { ChatConfigProvider } from '../ChatConfig'
import { mountApp, restoreOnline, setOnline, until } from '../mount.test-support'
import { MessageItem } from './index'

afterEach(restoreOnline)

const streaming = (connection?: MessageConnection): ChatMessage => ({
  id: 'm',
  role: 'assistant',
  content: 'The first part',
  status: 'streaming',
  createdAt: 0,
  ...(connection ? { connection } : {}),
})
const line = (el: HTMLElement) => el.querySelector('.vcs-connection')?.textContent ?? null
const announced = (el: HTMLElement) => el.querySelector('.vcs-visually-hidden[aria-live="polite"]')!.textContent

describe('the reconnecting line', () => {
  it('counts down to the next try, says so when it is under way, and announces each change once', async () => {
    let clock = 1_000_000
    const message = shallowRef(streaming({ state: 'connected' }))
    const el = mountApp(() => h(ChatConfigProvider, { now: () => clock }, () => h(MessageItem, { message: message.value })))
    expect(line(el)).toBeNull()
    expect(el.querySelector('article')!.getAttribute('aria-busy')).toBe('true')

    message.value = streaming({ state: 'reconnecting', attempt: 1, retryAt: clock + 3000, delayMs: 3000, reason: 'network' })
    await nextTick()
    expect(line(el)).toBe('Connection lost — reconnecting in 3\u00a0s…')
    expect(el.querySelector('article')!.hasAttribute('aria-busy')).toBe(false)
    await until(() => announced(el) === 'Connection lost — reconnecting…')

    clock += 1_200
    await until(() => line(el) === 'Connection lost — reconnecting in 2\u00a0s…')
    clock += 2_000
    await until(() => line(el) === 'Connection lost — reconnecting…')
    // The countdown never re-announces.
    expect(announced(el)).toBe('Connection lost — reconnecting…')

    message.value = streaming({ state: 'offline' })
    await nextTick()
    expect(line(el)).toBe('You are offline — the answer continues when you are back online.')
    await until(() => announced(el) === 'You are offline — the answer continues when you are back online.')

    message.value = streaming({ state: 'connected' })
    await nextTick()
    expect(line(el)).toBeNull()
    await until(() => announced(el) === 'Connection restored.')
  })

  it('a 503 reads as "busy", a 500 as a server problem, in German too', async () => {
    const clock = 5_000
    const message = shallowRef(streaming({ state: 'reconnecting', attempt: 2, retryAt: clock + 2000, delayMs: 2000, reason: 'http', status: 503 }))
    const el = mountApp(() => h(ChatConfigProvider, { now: () => clock, locale: 'de' }, () => h(MessageItem, { message: message.value })))
    expect(line(el)).toBe('Der Server ist ausgelastet – neuer Versuch in 2\u00a0Sekunden\u00a0…')
    message.value = streaming({ state: 'reconnecting', attempt: 3, retryAt: clock + 1000, delayMs: 1000, reason: 'http', status: 500 })
    await nextTick()
    expect(line(el)).toBe('Beim Server ist ein Fehler aufgetreten – neuer Versuch in 1\u00a0Sekunde\u00a0…')
  })
})

describe('reconnecting for real (loopback harness server, Chromium)', () => {
  const base = inject('mockServerUrl')
  let sessions = 0

  function liveAnswer(scenario: Partial<Scenario>, extra: Partial<OpenEventStreamOptions> = {}) {
    const scope = effectScope()
    const chat = scope.run(() =>
      useChatStream({
        url: `${base}/api/sessions/live-${++sessions}-${Date.now()}/messages`,
        token: DEMO_TOKEN,
        headers: { [SCENARIO_HEADER]: JSON.stringify(scenario) },
        retry: { maxAttempts: 3 },
        openStream: (url, options) => openEventStream(url, { ...options, ...extra }),
      }),
    )!
    const el = mountApp(() => (chat.message.value ? h(MessageItem, { message: chat.message.value }) : h('p', 'idle')))
    /** Every text the reconnecting line showed, in order. */
    const lines: string[] = []
    const observer = new MutationObserver(() => {
      const text = line(el)
      if (text && lines.at(-1) !== text) lines.push(text)
    })
    observer.observe(el, { subtree: true, childList: true, characterData: true })
    return { chat, el, lines, stop: () => (observer.disconnect(), scope.stop()) }
  }

  /** What a one-shot render of the finished answer looks like (the markdown must not differ after a resume). */
  function oneShot(content: string): string {
    const el = mountApp(() => h(MessageItem, { message: { id: 'x', role: 'assistant', content, status: 'done', createdAt: 0 } }))
    return el.querySelector('.vcs-markdown')!.innerHTML
  }

  it('a drop mid-answer shows the countdown, resumes the same message, and ends exactly as a one-shot render', async () => {
    // The server asks for `retry: 1000`; a jitter draw of 0.9 makes the wait 900 ms, long enough to see.
    const live = liveAnswer({ fixture: 'short-answer', speed: 'fast', interruption: 'drop' }, { random: () => 0.9 })
    const final = await live.chat.send('hi')
    await nextTick()
    live.stop()
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['short-answer'].content)
    expect(live.lines[0]).toBe('Connection lost — reconnecting in 1\u00a0s…')
    expect(line(live.el)).toBeNull()
    expect(live.el.querySelector('.vcs-markdown')!.innerHTML).toBe(oneShot(final.content))
  })

  it('offline: the line says so, nothing is retried until the browser is online, then the answer completes', async () => {
    const live = liveAnswer({ fixture: 'short-answer', speed: 'fast', interruption: 'drop' }, { random: () => 0 })
    // The network goes away once the answer is connected; the drop then happens while offline.
    const off = watch(live.chat.connection, (c) => c?.state === 'connected' && !live.lines.length && setOnline(false), { flush: 'sync' })
    const done = live.chat.send('hi')
    await until(() => line(live.el) === 'You are offline — the answer continues when you are back online.')
    const streamed = live.chat.message.value!.content.length
    await new Promise((r) => setTimeout(r, 300))
    expect(live.chat.message.value!.content.length).toBe(streamed)
    expect(live.chat.connection.value).toEqual({ state: 'offline' })
    setOnline(true)
    const final = await done
    off()
    live.stop()
    expect(final.status).toBe('done')
    expect(final.content).toBe(fixtures['short-answer'].content)
    expect(live.lines).toEqual(['You are offline — the answer continues when you are back online.'])
  })
})
