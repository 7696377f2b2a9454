import { describe, expect, it } from 'vitest'
import { h, nextTick, reactive, shallowRef } from 'vue'
import { chatLocales, type ChatStrings } from '../../i18n'
import type { ChatMessage } from '../../types'
import { MessageItem } from '../MessageItem'
import { MessageList } from '../MessageList'
import { mountApp } from '../mount.test-support'
import { ChatConfigProvider, createChatConfigPlugin, useChatConfig } from './index'

const answer: ChatMessage = { id: 'a', role: 'assistant', content: 'Hallo **Welt**', status: 'done', createdAt: 0 }
const question: ChatMessage = { id: 'q', role: 'user', content: 'Hi', status: 'done', createdAt: 0 }

const roleOf = (el: HTMLElement) => [...el.querySelectorAll('.vcs-message__role')].map((n) => n.textContent)
const buttons = (el: HTMLElement) => [...el.querySelectorAll('button')].map((b) => b.textContent)

describe('one configuration for every component', () => {
  it('English without any provider', () => {
    const el = mountApp(() => h(MessageItem, { message: answer }))
    expect(roleOf(el)).toEqual(['Assistant'])
    expect(el.querySelector('article')!.getAttribute('aria-label')).toBe('Assistant message')
    expect(buttons(el)).toEqual(['Copy'])
  })

  it('the app plugin sets the language; a provider overrides it for its subtree, strings over it', () => {
    const el = mountApp(
      () =>
        h('div', [
          h(MessageItem, { message: question }),
          h(ChatConfigProvider, { locale: 'en', strings: { message: { copy: 'Copy answer' } } }, () => h(MessageItem, { message: answer })),
        ]),
      [createChatConfigPlugin({ locale: 'de' })],
    )
    expect(roleOf(el)).toEqual(['Du', 'Assistant'])
    expect(el.querySelectorAll('article')[0]!.getAttribute('aria-label')).toBe('Deine Nachricht')
    expect(buttons(el)).toEqual(['Copy answer'])
  })

  it('switches language at runtime with a reactive plugin option', async () => {
    const options = reactive({ locale: 'en' })
    const el = mountApp(() => h(MessageItem, { message: answer }), [createChatConfigPlugin(options)])
    expect(buttons(el)).toEqual(['Copy'])
    options.locale = 'de-AT'
    await nextTick()
    expect(buttons(el)).toEqual(['Kopieren'])
  })

  it('a language of your own (a complete catalogue), and its region falls back to it', () => {
    const fr: ChatStrings = { ...chatLocales.en, message: { ...chatLocales.en.message, roles: { ...chatLocales.en.message.roles, assistant: 'Assistant·e' }, copy: 'Copier' } }
    const el = mountApp(() => h(ChatConfigProvider, { locale: 'fr-CA', catalogues: { fr } }, () => h(MessageItem, { message: answer })))
    expect(roleOf(el)).toEqual(['Assistant·e'])
    expect(buttons(el)).toEqual(['Copier'])
  })

  it('dir goes on the components’ own elements; message content keeps dir="auto"', () => {
    const el = mountApp(() => h(ChatConfigProvider, { dir: 'rtl' }, () => h(MessageList, { messages: [question, answer] })))
    expect(el.querySelector('.vcs-message-list')!.getAttribute('dir')).toBe('rtl')
    expect(el.querySelector('article')!.getAttribute('dir')).toBe('rtl')
    expect(el.querySelector('.vcs-message__body')!.getAttribute('dir')).toBe('auto')
  })

  it('MessageList’s locale prop overrides the configured language for the list and its messages; strings override the list', async () => {
    const locale = shallowRef<string | undefined>('de')
    const el = mountApp(
      () => h('div', [
        h(MessageList, { messages: [question, answer], locale: locale.value, strings: { empty: 'Noch nichts da.' } }),
        h(MessageList, { messages: [], locale: locale.value, strings: { empty: 'Noch nichts da.' } }),
      ]),
      [createChatConfigPlugin({ locale: 'en' })],
    )
    const [full, empty] = el.querySelectorAll<HTMLElement>('.vcs-message-list')
    expect(full!.querySelector('[role="log"]')!.getAttribute('aria-label')).toBe('Nachrichten')
    expect(roleOf(full!)).toEqual(['Du', 'Assistent'])
    expect(empty!.textContent).toContain('Noch nichts da.')
    locale.value = undefined
    await nextTick()
    expect(full!.querySelector('[role="log"]')!.getAttribute('aria-label')).toBe('Messages')
    expect(roleOf(full!)).toEqual(['You', 'Assistant'])
    expect(empty!.textContent).toContain('Noch nichts da.')
  })

  it('useChatConfig gives a custom component the strings in effect', () => {
    const Custom = { setup: () => { const config = useChatConfig(); return () => h('span', { class: 'custom' }, `${config.value.locale}: ${config.value.strings.message.retry}`) } }
    const el = mountApp(() => h(ChatConfigProvider, { locale: 'de' }, () => h(Custom)))
    expect(el.querySelector('.custom')!.textContent).toBe('de: Erneut versuchen')
  })
})
