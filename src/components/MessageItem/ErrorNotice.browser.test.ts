// Row 6 of issue 15: the error notice renders a server's detail of any shape — a null entry used to make it
// throw, and then no error and no Retry button showed — in Chromium, through MessageItem.
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, nextTick, shallowRef, type App } from 'vue'
import { parseErrorBody } from '../../errors'
import type { ChatMessage, StreamErrorInfo } from '../../types'
import { MessageItem } from './index'

const mounted: { app: App; el: HTMLElement }[] = []
afterEach(() => {
  for (const { app, el } of mounted.splice(0)) {
    app.unmount()
    el.remove()
  }
})

function errorMessage(detail: unknown): ChatMessage {
  const error = { kind: 'http', status: 500, message: 'The server failed (500).', retryable: true, detail } as StreamErrorInfo
  return { id: 'm1', role: 'assistant', content: 'text so far', status: 'error', createdAt: 0, error }
}

function mount(initial: ChatMessage) {
  const message = shallowRef(initial)
  const errors: unknown[] = []
  const el = document.createElement('div')
  document.body.append(el)
  const app = createApp({ render: () => h(MessageItem, { message: message.value }) })
  app.config.errorHandler = (error) => void errors.push(error)
  app.mount(el)
  mounted.push({ app, el })
  return { el, message, errors }
}

function deep(levels: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = { inner: value }
  return value
}

describe('the error notice with a detail of any shape', () => {
  it('shows the error, its detail lines and the Retry button for hostile details', async () => {
    const details: unknown[] = [
      parseErrorBody('{"detail":[null]}', 'application/json'),
      parseErrorBody(JSON.stringify({ detail: deep(50_000) }), 'application/json'),
      Array.from({ length: 200_000 }, (_, i) => ({ loc: ['body', i], msg: 'bad' })),
      [Symbol('s'), Object.create(null), 10n, undefined],
      '<html><head><title>502 Bad Gateway</title></head><body>' + '<p>x</p>'.repeat(500) + '</body></html>',
    ]
    const { el, message, errors } = mount(errorMessage(null))
    for (const detail of details) {
      message.value = errorMessage(detail)
      await nextTick()
      const notice = el.querySelector('.vcs-error')
      expect(notice, String(typeof detail)).not.toBeNull()
      expect(notice!.querySelector('[role="alert"]')!.textContent).not.toBe('')
      expect(notice!.querySelector('.vcs-error__retry')).not.toBeNull()
      expect(notice!.querySelectorAll('.vcs-error__detail li').length).toBeLessThanOrEqual(21)
      expect(el.textContent).toContain('text so far')
    }
    expect(el.querySelector('.vcs-error__detail')!.textContent).toContain('HTML page: 502 Bad Gateway')
    expect(errors).toEqual([])
  })

  it('renders 300 random details without an error', async () => {
    const { el, message, errors } = mount(errorMessage(null))
    const samples = fc.sample(fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withSparseArray: true }), { numRuns: 300, seed: 15 })
    for (const detail of samples) {
      message.value = errorMessage(detail)
      await nextTick()
      expect(el.querySelector('.vcs-error__retry')).not.toBeNull()
    }
    expect(errors).toEqual([])
  })
})
