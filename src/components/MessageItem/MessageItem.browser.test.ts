import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, nextTick, shallowRef } from 'vue'
import type { App } from 'vue'
import { fixtureNames, fixtures } from 'vue-chat-stream/mocks'
import { nextFrames } from '../../../test/support/frames'
import { loadGrowing } from '../../markdown/growing/load'
import { ensureLanguage } from '../../markdown/highlight/highlighter'
import { stressCaseNames, stressCases } from '../../markdown/stress.test-support'
import '../../styles/tokens.css'
import type { ChatMessage } from '../../types'
import { MessageItem } from './index'

const mounted: { app: App; el: HTMLElement }[] = []
afterEach(() => {
  for (const { app, el } of mounted.splice(0)) {
    app.unmount()
    el.remove()
  }
})

function msg(content: string, status: ChatMessage['status'] = 'done', extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id: 'm1', role: 'assistant', content, status, createdAt: 0, ...extra }
}

function mount(initial: ChatMessage, listeners: Record<string, (...args: unknown[]) => void> = {}) {
  const message = shallowRef(initial)
  const el = document.createElement('div')
  el.dataset.vcsTheme = 'light'
  document.body.append(el)
  const app = createApp({ render: () => h(MessageItem, { message: message.value, ...listeners }) })
  app.mount(el)
  mounted.push({ app, el })
  return { el, message }
}

async function waitFor(check: () => boolean, ms = 10_000) {
  const until = performance.now() + ms
  while (!check()) {
    if (performance.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function allHighlighted(el: HTMLElement) {
  await waitFor(() => [...el.querySelectorAll('.vcs-code')].every((c) => c.hasAttribute('data-highlighted') || !['ts', 'typescript', 'python', 'bash', 'json', 'js', 'go', 'rust', 'html', 'vue', 'css', 'diff', 'yaml', 'sql', 'tsx', 'javascript'].includes(c.getAttribute('data-lang') ?? '')))
}

describe('MessageItem', () => {
  it('renders every hostile construct inert, streaming and done', async () => {
    const content = fixtures.hostile.content
    const { el, message } = mount(msg('', 'streaming'))
    for (let i = 0; i <= content.length; i += 13) {
      message.value = msg(content.slice(0, i), 'streaming')
      await nextTick()
    }
    message.value = msg(content, 'done')
    await nextTick()
    await nextFrames()
    const w = window as unknown as { __pwned?: boolean }
    expect(w.__pwned).toBeUndefined()
    expect(el.querySelector('script, iframe, style, form, svg, object, embed')).toBeNull()
    for (const node of el.querySelectorAll('*')) {
      for (const attr of node.attributes) {
        expect(attr.name.startsWith('on'), `${node.tagName} ${attr.name}`).toBe(false)
        expect(attr.value.replace(/\s/g, '').toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/)
      }
    }
    for (const a of el.querySelectorAll('a')) expect(a.getAttribute('rel')).toBe('noopener noreferrer')
    expect(el.textContent).toContain('<script>')
  })

  it('never re-renders a finished block while the message keeps streaming', async () => {
    const content = fixtures['kitchen-sink'].content
    const { el, message } = mount(msg('', 'streaming'))
    // Past the lists and the quote: enough finished blocks to watch.
    const half = Math.floor(content.length * 0.6)
    for (let i = 0; i <= half; i += 7) {
      message.value = msg(content.slice(0, i), 'streaming')
      await nextTick()
    }
    const blocks = [...el.querySelectorAll('.vcs-markdown > *')].slice(0, -2) // the tail may still change
    expect(blocks.length).toBeGreaterThan(3)
    await allHighlighted(el)
    const mutations: MutationRecord[] = []
    const observer = new MutationObserver((m) => mutations.push(...m))
    for (const b of blocks) observer.observe(b, { subtree: true, childList: true, characterData: true, attributes: true })
    for (let i = half; i <= content.length; i += 7) {
      message.value = msg(content.slice(0, i), 'streaming')
      await nextTick()
    }
    message.value = msg(content, 'done')
    await nextTick()
    await nextFrames()
    observer.disconnect()
    expect(mutations.filter((m) => !(m.target as Element).closest?.('.vcs-code__copy'))).toEqual([])
    for (const b of blocks) expect(b.isConnected).toBe(true)
  })

  it.each(fixtureNames.filter((n) => n !== 'long-mixed'))('%s: after streaming, the DOM equals a one-shot render', async (name) => {
    const content = fixtures[name].content
    const streamed = mount(msg('', 'streaming'))
    for (let i = 0; i <= content.length; i += 64) {
      streamed.message.value = msg(content.slice(0, i), 'streaming')
      await nextTick()
    }
    streamed.message.value = msg(content, 'done')
    const fresh = mount(msg(content, 'done'))
    await nextTick()
    await allHighlighted(streamed.el)
    await allHighlighted(fresh.el)
    await nextTick()
    expect(streamed.el.innerHTML).toBe(fresh.el.innerHTML)
  })

  it.each(stressCaseNames)('%s (stress answer): streamed in 300 commits, large blocks in parts, the DOM equals a one-shot render', async (name) => {
    const { content } = stressCases[name]
    // The parts code loads when a stream starts; here it is loaded before, so every large block grows in parts.
    await loadGrowing()
    const streamed = mount(msg('', 'streaming'))
    for (let i = 1; i <= 300; i++) {
      streamed.message.value = msg(content.slice(0, Math.round((i * content.length) / 300)), 'streaming')
      await nextTick()
    }
    streamed.message.value = msg(content, 'done')
    const fresh = mount(msg(content, 'done'))
    await nextTick()
    await allHighlighted(streamed.el)
    await allHighlighted(fresh.el)
    await nextTick()
    const a = streamed.el.innerHTML
    const b = fresh.el.innerHTML
    let k = 0
    while (k < a.length && a[k] === b[k]) k++
    expect(a === b, `${name}: streamed DOM differs from the one-shot DOM at ${k}: …${a.slice(k - 60, k + 60)}… vs …${b.slice(k - 60, k + 60)}…`).toBe(true)
  })

  it('puts the caret after the last text, never inside code or a table', async () => {
    const { el, message } = mount(msg('Hello **wor', 'streaming'))
    await nextTick()
    expect(el.querySelector('p > .vcs-caret')).not.toBeNull()
    expect(el.textContent).not.toContain('**')
    message.value = msg('Intro\n\n```ts\nconst a = 1\n', 'streaming')
    await nextTick()
    expect(el.querySelector('pre .vcs-caret, code .vcs-caret')).toBeNull()
    expect(el.querySelector('.vcs-caret--block')).not.toBeNull()
    message.value = msg('| a | b |\n|---|---|\n| 1 | 2', 'streaming')
    await nextTick()
    expect(el.querySelector('table .vcs-caret')).toBeNull()
    expect(el.querySelector('table')).not.toBeNull()
    message.value = msg('| a | b |\n|---|---|\n| 1 | 2 |\n', 'done')
    await nextTick()
    expect(el.querySelector('.vcs-caret')).toBeNull()
  })

  it('highlights a 3,000-line code block over several frames, to the last line, when mounted done', async () => {
    await ensureLanguage('ts')
    const { el } = mount(msg(stressCases['long-code'].content, 'done'))
    await nextTick()
    const code = el.querySelector('.vcs-code')!
    await waitFor(() => code.hasAttribute('data-highlighted'))
    const lines = el.querySelectorAll('.vcs-code__line')
    expect(lines).toHaveLength(3000)
    expect(lines[2999]!.querySelector('span[style*="--shiki-light"]')).not.toBeNull()
  })

  it('keeps the code box metrics when highlighting arrives (no layout shift)', async () => {
    const code = 'fn main() {\n    let x = 42; // answer\n    println!("{}", x);\n}\n'
    const { el } = mount(msg('```rust\n' + code + '```\n', 'done'))
    await nextTick()
    const pre = el.querySelector('pre')!
    expect(el.querySelector('.vcs-code')!.hasAttribute('data-highlighted')).toBe(false)
    const before = pre.getBoundingClientRect()
    const lineBefore = el.querySelector('.vcs-code__line')!.getBoundingClientRect()
    await waitFor(() => el.querySelector('.vcs-code')!.hasAttribute('data-highlighted'))
    await nextTick()
    const after = el.querySelector('pre')!.getBoundingClientRect()
    const lineAfter = el.querySelector('.vcs-code__line')!.getBoundingClientRect()
    expect([after.width, after.height]).toEqual([before.width, before.height])
    // Sub-pixel glyph positioning may differ once a line is split into spans; boxes may not move.
    expect(lineAfter.height).toBe(lineBefore.height)
    expect(Math.abs(lineAfter.width - lineBefore.width)).toBeLessThan(0.5)
    expect(el.querySelector('.vcs-code__line span[style*="--shiki-dark"]')).not.toBeNull()
    expect(el.querySelector('.vcs-code__lang')!.textContent).toBe('rust')
  })

  it('shows the 422 detail readably and emits retry; stop and copy emit too', async () => {
    const events: unknown[][] = []
    const error = {
      kind: 'http' as const,
      status: 422,
      detail: [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }],
      message: 'The server rejected the request: a required field is missing.',
      retryable: false,
    }
    const { el, message } = mount(msg('Partial answer', 'error', { error }), {
      onRetry: (...a) => events.push(['retry', ...a]),
      onStop: (...a) => events.push(['stop', ...a]),
      onCopy: (...a) => events.push(['copy', ...a]),
    })
    await nextTick()
    // The reader gets a plain sentence; the developer text and the server's detail sit behind Details.
    expect(el.querySelector('[role="alert"]')!.textContent).toBe('The request was not accepted. If this keeps happening, contact support.')
    const technical = el.querySelector('details .vcs-error__technical')!
    expect(technical.textContent).toContain('header authorization: Field required')
    expect(technical.textContent).toContain('HTTP 422')
    ;(el.querySelector('.vcs-error__retry') as HTMLButtonElement).click()
    message.value = msg('Still going', 'streaming')
    await nextTick()
    ;[...el.querySelectorAll('button')].find((b) => b.textContent === 'Stop')!.click()
    message.value = msg('```ts\nconst a = 1\n```', 'done')
    await nextTick()
    ;(el.querySelector('.vcs-code__copy') as HTMLButtonElement).click()
    expect(events).toEqual([
      ['retry', 'm1'],
      ['stop', 'm1'],
      ['copy', { messageId: 'm1', kind: 'code', text: 'const a = 1\n' }],
    ])
    expect(el.querySelector('article')!.getAttribute('data-status')).toBe('done')
    expect(el.querySelector('.vcs-message__body')!.getAttribute('dir')).toBe('auto')
  })
})
