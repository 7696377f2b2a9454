// Pathological answers (issue 14), streamed into MessageItem one commit per animation frame: the longest
// main-thread task of each run (Chrome trace, every task counted, mount → last commit → settled), the budget being
// 50 ms, beside the one-shot render of the same answer. The streamed end state is checked against the one-shot DOM.
import { describe, expect, it } from 'vitest'
import { createApp, h, nextTick } from 'vue'
import { MessageItem } from '../src/components/MessageItem'
import { ensureLanguage } from '../src/markdown/highlight/highlighter'
import { clearCodeCache } from '../src/markdown/highlight/tokenizer'
import { clearMarkdownCache } from '../src/markdown/streaming'
import { stressCaseNames, stressCases } from '../src/markdown/stress.test-support'
import '../src/styles/tokens.css'
import type { ChatMessage } from '../src/types'
import { createHost, evenCuts, frame, loadAverage, p95, round, settle, streamRun } from './reader'
import type { Subject } from './reader'
import { startTaskTrace } from './trace'

/** Commits per case: a fast model's pace (100–500 characters a frame for these sizes). */
const COMMITS = 600
const BUDGET_MS = 50

const ours: Subject = {
  name: 'MessageItem',
  component: MessageItem,
  props: (text, final): { message: ChatMessage } => ({ message: { id: 'stress', role: 'assistant', content: text, status: final ? 'done' : 'streaming', createdAt: 0 } }),
  reset: () => {
    clearMarkdownCache()
    clearCodeCache()
  },
}

async function oneShotHtml(text: string): Promise<{ html: string; longestMs: number }> {
  ours.reset!()
  const host = createHost()
  await frame()
  const trace = await startTaskTrace()
  const el = document.createElement('div')
  host.append(el)
  const app = createApp({ render: () => h(ours.component, ours.props(text, true)) })
  app.mount(el)
  await nextTick()
  void el.offsetHeight
  await settle(el, performance.now())
  const { longestMs } = await trace.stop()
  const html = el.innerHTML
  app.unmount()
  host.remove()
  return { html, longestMs }
}

const results: Record<string, unknown> = {}

describe(`pathological answers, ${COMMITS} frame-paced commits each: longest main-thread task ≤ ${BUDGET_MS} ms`, () => {
  for (const name of stressCaseNames) {
    it(name, async () => {
      await ensureLanguage('ts')
      const { content } = stressCases[name]
      const load = await loadAverage()
      const oneShot = await oneShotHtml(content)
      let finalHtml = ''
      const trace = await startTaskTrace()
      // Started after the trace: starting a trace can itself hold up the renderer for a moment.
      await frame()
      const longTasks: number[] = []
      const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)))
      observer.observe({ type: 'longtask' })
      const run = await streamRun(ours, content, evenCuts(content.length, COMMITS), undefined, (el) => (finalHtml = el.innerHTML))
      observer.disconnect()
      const tasks = await trace.stop()
      const result = {
        chars: content.length,
        longestTaskMs: round(tasks.longestMs, 1),
        longestTaskCpuMs: round(tasks.longestCpuMs, 1),
        longTasks: tasks.longTasks,
        /** The same from the page's own PerformanceObserver('longtask') (tasks ≥ 50 ms only). */
        observedLongestMs: round(Math.max(0, ...longTasks), 1),
        p95CommitMs: round(p95(run.commits), 2),
        maxCommitMs: round(Math.max(...run.commits), 1),
        /** The three slowest commits: [index, ms]. */
        slowest: run.commits.map((ms, i) => [i, round(ms, 1)]).sort((a, b) => b[1]! - a[1]!).slice(0, 3),
        streamTaskMs: round(run.taskMs, 0),
        oneShotLongestTaskMs: round(oneShot.longestMs, 1),
        endsEqualToOneShot: finalHtml === oneShot.html,
        load,
      }
      if (!result.endsEqualToOneShot) {
        let k = 0
        while (k < finalHtml.length && finalHtml[k] === oneShot.html[k]) k++
        console.log(`[bench:stress] ${name} differs at ${k}: ${JSON.stringify(finalHtml.slice(k - 80, k + 80))} vs ${JSON.stringify(oneShot.html.slice(k - 80, k + 80))}`)
      }
      results[name] = result
      console.log(`[bench:stress] ${name}`, JSON.stringify(result))
      expect.soft(result.endsEqualToOneShot, `${name}: streamed end state differs from the one-shot DOM`).toBe(true)
      expect.soft(result.longestTaskMs, `${name}: longest task`).toBeLessThanOrEqual(BUDGET_MS)
    })
  }
  it('prints the table', () => {
    console.log('[bench:stress] table\n' + Object.entries(results).map(([n, r]) => `${n} ${JSON.stringify(r)}`).join('\n'))
  })
})
