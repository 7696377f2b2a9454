// MessageList benchmarks (Chromium): a 10,000-message history — time to first paint, and frame times while a fast
// stream writes into a new last message — with the default (history virtualized, the streaming message outside
// the window), the default with plain-text items (the list's own cost), and `virtualize: 'never'` (everything
// rendered, what the seed did while streaming) as the baseline measured in the same run. Three whole runs, each
// starting from a fresh mount; medians are reported, ratios are taken within one run.
import { describe, expect, it } from 'vitest'
import { cdp } from 'vitest/browser'
import { createApp, h, shallowRef } from 'vue'
import { fixtures } from 'vue-chat-stream/mocks'
import { MessageList } from '../src/components/MessageList'
import type { MessageListProps } from '../src/components/MessageList'
import '../src/styles/tokens.css'
import type { ChatMessage } from '../src/types'
import { nextFrames } from '../test/support/frames'
import { makeHistory } from '../test/support/history'

const COUNT = 10_000
const STEPS = 180
const RUNS = 3
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!
const median = (xs: number[]) => quantile(xs, 0.5)

/** Mixed history: questions, one-liners, multi-paragraph answers, tables (no code: highlighting is not measured here). */
function history(): ChatMessage[] {
  const answers = [fixtures['one-liner'].content, fixtures['short-answer'].content, fixtures['table-heavy'].content.slice(0, 1200)]
  return makeHistory(COUNT, { text: (n, role) => (role === 'user' ? `Question ${n}: how does **this** part work?` : answers[(n >> 1) % answers.length]!) })
}

const answer = fixtures['kitchen-sink'].content

/** Main-thread time (ms) the renderer spent in tasks so far: deferred work (observers, layout, paint) counts. */
async function taskMs(): Promise<number> {
  const { metrics } = (await cdp().send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000
}

/** Resolves after the frame that is being produced has been painted (a task queued in rAF runs after it). */
function afterPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(performance.now())
      channel.port2.postMessage(null)
    }),
  )
}

interface Run {
  /** `mount()` until the first frame that shows the newest message at the bottom has been painted. */
  firstPaintMs: number
  /** Main-thread task time over the same interval. */
  firstPaintTaskMs: number
  rows: number
  /** rAF intervals while streaming, one snapshot per frame. */
  frames: number[]
  /** Main-thread task time per streamed frame. */
  taskPerFrameMs: number
}

/** `plain` replaces MessageItem with a paragraph (the list's own cost, without markdown rendering). */
async function run(virtualize: MessageListProps['virtualize'], steps = STEPS, plain = false): Promise<Run> {
  const host = document.createElement('div')
  host.dataset.vcsTheme = 'light'
  host.style.cssText = 'height:720px;width:900px'
  document.body.append(host)
  const base = history()
  const messages = shallowRef<readonly ChatMessage[]>(base)
  await afterPaint()
  const task0 = await taskMs()
  const t0 = performance.now()
  const slots = plain ? { default: ({ message }: { message: ChatMessage }) => h('p', message.content) } : undefined
  const app = createApp({ render: () => h(MessageList, { messages: messages.value, virtualize }, slots) })
  app.mount(host)
  let firstPaintMs = 0
  for (let frame = 0; frame < 600 && !firstPaintMs; frame++) {
    const painted = await afterPaint()
    const scroller = host.querySelector<HTMLElement>('.vcs-message-list__scroller')!
    const last = host.querySelector(`[data-message-key="m${COUNT - 1}"]`)
    const atBottom = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop <= 1
    if (last && atBottom && last.getBoundingClientRect().bottom <= scroller.getBoundingClientRect().bottom + 1) firstPaintMs = painted - t0
  }
  if (!firstPaintMs) throw new Error(`virtualize: ${virtualize}: the newest message never reached the bottom edge`)
  const firstPaintTaskMs = (await taskMs()) - task0
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
  const task1 = await taskMs()
  // A fast model (~25 characters per frame, ~375 tokens/s), published once per frame as the store does.
  for (let i = 1; i <= steps; i++) {
    const text = answer.slice(0, Math.round((i / steps) * answer.length))
    messages.value = [...base, question, { id: 'live', role: 'assistant', content: text, status: 'streaming', createdAt: 0 }]
    await nextFrames()
  }
  running = false
  const taskPerFrameMs = ((await taskMs()) - task1) / steps
  await nextFrames()
  app.unmount()
  host.remove()
  return { firstPaintMs, firstPaintTaskMs, rows, frames: frames.slice(1), taskPerFrameMs }
}

describe('MessageList: 10,000 messages', () => {
  it('first paint and frame times while streaming, virtualized vs everything rendered (median of 3 runs)', async () => {
    await cdp().send('Performance.enable', { timeDomain: 'timeTicks' })
    // Warm-up (module init, markdown-it, first style recalc) so no side pays it.
    await run('always', 20)
    const runs: { virtual: Run; plainItems: Run; never: Run }[] = []
    for (let i = 0; i < RUNS; i++) {
      const virtual = await run('auto')
      const plainItems = await run('auto', STEPS, true)
      // Rendering everything is slow enough that fewer writes give as many frames.
      const never = await run('never', 40)
      runs.push({ virtual, plainItems, never })
    }
    const summary = (pick: (r: (typeof runs)[number]) => Run) => ({
      firstPaintMs: round(median(runs.map((r) => pick(r).firstPaintMs))),
      firstPaintTaskMs: round(median(runs.map((r) => pick(r).firstPaintTaskMs))),
      rows: median(runs.map((r) => pick(r).rows)),
      p50FrameMs: round(median(runs.map((r) => quantile(pick(r).frames, 0.5)))),
      p95FrameMs: round(median(runs.map((r) => quantile(pick(r).frames, 0.95)))),
      taskPerFrameMs: round(median(runs.map((r) => pick(r).taskPerFrameMs))),
    })
    const mountRatios = runs.map((r) => r.never.firstPaintMs / r.virtual.firstPaintMs)
    const frameRatios = runs.map((r) => quantile(r.never.frames, 0.95) / quantile(r.virtual.frames, 0.95))
    const table = {
      virtual: summary((r) => r.virtual),
      virtualPlainItems: summary((r) => r.plainItems),
      never: summary((r) => r.never),
      perRun: runs.map((r) => ({
        firstPaintMs: [round(r.virtual.firstPaintMs), round(r.plainItems.firstPaintMs), round(r.never.firstPaintMs)],
        p95FrameMs: [round(quantile(r.virtual.frames, 0.95)), round(quantile(r.plainItems.frames, 0.95)), round(quantile(r.never.frames, 0.95))],
      })),
    }
    console.log(JSON.stringify(table, null, 2))
    console.log(
      `first paint: never/virtual = ${round(median(mountRatios))}x; p95 frame: never/virtual = ${round(median(frameRatios))}x (medians of ${RUNS} runs; ` +
        'record the load average (uptime) next to these numbers: frame times on a shared machine follow its load)',
    )
    // What virtualization buys, measured within each run: a faster first paint and shorter frames.
    expect(table.virtual.rows).toBeLessThan(60)
    expect(median(mountRatios)).toBeGreaterThan(2)
    expect(median(frameRatios)).toBeGreaterThan(1)
  })
})
