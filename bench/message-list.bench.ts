// MessageList benchmarks (Chromium, one run): 10,000 mixed messages — mount time, and p95 frame time while a fast
// stream writes into the last message — with virtualization (the default: history virtualized, the streaming
// message outside the window) against `virtualize: 'never'` measured in the same run.
import { describe, expect, it } from 'vitest'
import { createApp, h, nextTick, shallowRef } from 'vue'
import { fixtures } from 'vue-chat-stream/mocks'
import { MessageList } from '../src/components/MessageList'
import type { MessageListProps } from '../src/components/MessageList'
import '../src/styles/tokens.css'
import type { ChatMessage } from '../src/types'
import { nextFrames } from '../test/support/frames'
import { makeHistory } from '../test/support/history'

const COUNT = 10_000
const STEPS = 180
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!

/** Mixed history: questions, one-liners, multi-paragraph answers, tables (no code: highlighting is not measured here). */
function history(): ChatMessage[] {
  const answers = [fixtures['one-liner'].content, fixtures['short-answer'].content, fixtures['table-heavy'].content.slice(0, 1200)]
  return makeHistory(COUNT, { text: (n, role) => (role === 'user' ? `Question ${n}: how does **this** part work?` : answers[(n >> 1) % answers.length]!) })
}

const answer = fixtures['kitchen-sink'].content

interface Run {
  mountMs: number
  rows: number
  frames: number[]
}

/** `plain` replaces MessageItem with a paragraph (the list's own cost, without markdown rendering). */
async function run(virtualize: MessageListProps['virtualize'], steps = STEPS, plain = false): Promise<Run> {
  const host = document.createElement('div')
  host.dataset.vcsTheme = 'light'
  host.style.cssText = 'height:720px;width:900px'
  document.body.append(host)
  const base = history()
  const messages = shallowRef<readonly ChatMessage[]>(base)
  const t0 = performance.now()
  const slots = plain ? { default: ({ message }: { message: ChatMessage }) => h('p', message.content) } : undefined
  const app = createApp({ render: () => h(MessageList, { messages: messages.value, virtualize }, slots) })
  app.mount(host)
  await nextTick()
  await nextFrames()
  await nextFrames()
  const mountMs = performance.now() - t0
  const rows = host.querySelectorAll('.vcs-message-list__row').length

  const question: ChatMessage = { id: 'q', role: 'user', content: 'Show me everything.', status: 'done', createdAt: 0 }
  const frames: number[] = []
  let running = true
  let last = await nextFrames()
  const loop = (t: number) => {
    frames.push(t - last)
    last = t
    if (running) requestAnimationFrame(loop)
  }
  requestAnimationFrame(loop)
  // A fast model (~25 characters per frame, ~375 tokens/s), published once per frame as the store does.
  for (let i = 1; i <= steps; i++) {
    const text = answer.slice(0, Math.round((i / steps) * answer.length))
    messages.value = [...base, question, { id: 'live', role: 'assistant', content: text, status: 'streaming', createdAt: 0 }]
    await nextFrames()
  }
  running = false
  await nextFrames()
  app.unmount()
  host.remove()
  return { mountMs, rows, frames: frames.slice(1) }
}

describe('MessageList: 10,000 messages', () => {
  it('mount time and p95 frame time while streaming, virtualized vs not', async () => {
    // Warm-up (module init, markdown-it, first style recalc) so neither side pays it.
    await run('always', 20)
    const virtual = await run('auto')
    const listOnly = await run('auto', STEPS, true)
    // Rendering everything is slow enough that fewer writes give as many frames.
    const never = await run('never', 40)
    const summary = (r: Run) => ({ mountMs: round(r.mountMs), rows: r.rows, p95FrameMs: round(p95(r.frames)), frames: r.frames.length })
    const table = { virtual: summary(virtual), virtualPlainItems: summary(listOnly), never: summary(never) }
    console.log(JSON.stringify(table, null, 2))
    console.log(
      `mount: never/virtual = ${round(never.mountMs / virtual.mountMs)}x; p95 frame: never/virtual = ${round(p95(never.frames) / p95(virtual.frames))}x`,
    )
    // What virtualization buys, measured in this run: faster mount and shorter frames than rendering everything.
    expect(virtual.rows).toBeLessThan(60)
    expect(never.mountMs / virtual.mountMs).toBeGreaterThan(2)
    expect(p95(never.frames) / p95(virtual.frames)).toBeGreaterThan(1)
  })
})
