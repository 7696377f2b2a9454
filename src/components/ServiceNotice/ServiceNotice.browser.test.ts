import { afterEach, describe, expect, it } from 'vitest'
import { h, nextTick, shallowRef } from 'vue'
import { ChatConfigProvider, createChatConfigPlugin } from '../ChatConfig'
import { mountApp, until } from '../mount.test-support'
import { ServiceNotice } from './index'
import type { ServiceNoticeConfig } from './notice'

const KEY = 'vue-chat-stream:notice-dismissed:'
afterEach(() => {
  for (const key of Object.keys(localStorage)) if (key.startsWith(KEY)) localStorage.removeItem(key)
})

const texts = (el: HTMLElement) => [...el.querySelectorAll('.vcs-notice__text')].map((n) => n.textContent)
const live = (el: HTMLElement) => el.querySelector('[role="status"]')!.textContent

describe('ServiceNotice', () => {
  it('shows the configured notices translated, announces them once, politely', async () => {
    const notices: ServiceNoticeConfig[] = [{ id: 'a', message: 'degraded' }, { id: 'b', severity: 'error', message: { en: 'Down.', de: 'Ausgefallen.' } }]
    const el = mountApp(() => h(ServiceNotice), [createChatConfigPlugin({ locale: 'de', notices })])
    await nextTick()
    expect(texts(el)).toEqual(['Warnung: Antworten kommen gerade eventuell langsam oder brechen ab. Wir arbeiten daran.', 'Störung: Ausgefallen.'])
    expect(el.querySelector('[role="status"]')!.getAttribute('aria-live')).toBe('polite')
    await until(() => live(el) === 'Warnung: Antworten kommen gerade eventuell langsam oder brechen ab. Wir arbeiten daran. Störung: Ausgefallen.')
  })

  it('a dismissal is remembered per id in localStorage: a new mount keeps it away, a new id shows', async () => {
    const notices = shallowRef<ServiceNoticeConfig[]>([{ id: 'incident-1', message: 'outage' }])
    const first = mountApp(() => h(ServiceNotice, { notices: notices.value }))
    await nextTick()
    ;(first.querySelector('.vcs-notice__dismiss') as HTMLButtonElement).click()
    await nextTick()
    expect(first.querySelector('.vcs-notice')).toBeNull()
    expect(localStorage.getItem(`${KEY}incident-1`)).toBe('1')
    const second = mountApp(() => h(ServiceNotice, { notices: notices.value }))
    await nextTick()
    expect(second.querySelector('.vcs-notice')).toBeNull()
    notices.value = [{ id: 'incident-2', message: 'outage' }]
    await nextTick()
    expect(texts(second)).toEqual(['Warning: The assistant is unavailable right now. We are working on it.'])
  })

  it('hides itself at its until', async () => {
    let clock = Date.now()
    const el = mountApp(() => h(ChatConfigProvider, { now: () => clock }, () => h(ServiceNotice, { notices: [{ id: 'short', message: 'maintenance', until: clock + 150 }] })))
    await nextTick()
    expect(el.querySelectorAll('.vcs-notice')).toHaveLength(1)
    clock += 200
    await until(() => el.querySelector('.vcs-notice') === null, 2_000)
  })

  it('not dismissible when asked; a blocked storage still dismisses for the page’s life', async () => {
    const blocked = { getItem: () => { throw new Error('blocked') }, setItem: () => { throw new Error('blocked') } }
    const el = mountApp(() => h(ServiceNotice, { storage: blocked, notices: [{ id: 'x', message: 'degraded' }, { id: 'y', message: 'outage', dismissible: false }] }))
    await nextTick()
    expect(el.querySelectorAll('.vcs-notice__dismiss')).toHaveLength(1)
    ;(el.querySelector('.vcs-notice__dismiss') as HTMLButtonElement).click()
    await nextTick()
    expect(el.querySelectorAll('.vcs-notice')).toHaveLength(1)
  })
})
