// Errors for people: every kind of failure (made by the library's own error constructors) gets one plain sentence
// in the configured language — no API names, no backticks, no status codes — with the developer text behind Details.
import { afterEach, describe, expect, it } from 'vitest'
import { h, nextTick } from 'vue'
import { errorExamples, JARGON } from '../../../test/support/errors'
import { chatLocales } from '../../i18n'
import type { ChatMessage } from '../../types'
import { createChatConfigPlugin } from '../ChatConfig'
import { mountApp, restoreOnline, setOnline } from '../mount.test-support'
import { MessageItem } from './index'

afterEach(restoreOnline)

/** What a reader sees without opening Details. */
function shown(el: HTMLElement): string {
  const clone = el.querySelector('.vcs-error')!.cloneNode(true) as HTMLElement
  clone.querySelector('.vcs-error__technical')!.remove()
  return clone.textContent ?? ''
}

describe.each(['en', 'de'] as const)('error notice (%s)', (locale) => {
  const strings = chatLocales[locale]
  it.each(errorExamples().map((e) => [e.name, e] as const))('%s', async (_, example) => {
    setOnline(example.online ?? true)
    const message: ChatMessage = {
      id: 'm',
      role: 'assistant',
      content: example.hasContent ? 'Part of the answer' : '',
      status: 'error',
      error: example.error,
      createdAt: 0,
    }
    const el = mountApp(() => h(MessageItem, { message }), [createChatConfigPlugin({ locale })])
    await nextTick()
    expect(el.querySelector('[role="alert"]')!.textContent).toBe(strings.errors[example.key])
    expect(shown(el)).not.toMatch(JARGON)
    expect(shown(el)).toBe(`${strings.errors[example.key]}${strings.errors.details}${strings.message.retry}`)
    const details = el.querySelector('details')!
    expect(details.open).toBe(false)
    expect(details.querySelector('.vcs-error__technical')!.getAttribute('lang')).toBe('en')
    expect(details.textContent).toContain(example.error.message)
  })
})

describe('error notice', () => {
  it('follows the network: "offline" while the browser is, the usual sentence once it is back', async () => {
    const example = errorExamples().find((e) => e.key === 'offline')!
    setOnline(false)
    const el = mountApp(() => h(MessageItem, { message: { id: 'm', role: 'assistant', content: '', status: 'error', error: example.error, createdAt: 0 } }))
    expect(el.querySelector('[role="alert"]')!.textContent).toBe(chatLocales.en.errors.offline)
    setOnline(true)
    await nextTick()
    expect(el.querySelector('[role="alert"]')!.textContent).toBe(chatLocales.en.errors.unreachable)
  })

  it('the error slot replaces the notice and gets the sentence, its key, the technical text and retry', async () => {
    const example = errorExamples().find((e) => e.key === 'busy')!
    const got: Record<string, unknown>[] = []
    const retried: string[] = []
    const el = mountApp(
      () =>
        h(
          MessageItem,
          { message: { id: 'm', role: 'assistant', content: '', status: 'error', error: example.error, createdAt: 0 }, onRetry: (id: string) => retried.push(id) },
          {
            error: (props: Record<string, unknown> & { retry: () => void; text: string }) => {
              got.push(props)
              return h('button', { class: 'mine', onClick: props.retry }, props.text)
            },
          },
        ),
      [createChatConfigPlugin({ locale: 'de' })],
    )
    expect(el.querySelector('.vcs-error')).toBeNull()
    expect(got.at(-1)).toMatchObject({ errorKey: 'busy', text: chatLocales.de.errors.busy, technical: { title: 'HTTP 503', message: example.error.message } })
    ;(el.querySelector('.mine') as HTMLButtonElement).click()
    expect(retried).toEqual(['m'])
  })
})
