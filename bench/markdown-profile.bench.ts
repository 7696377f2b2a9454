// Where a reader's frame goes while MessageItem streams the 111 KB `long-mixed` answer (issue 14): the same
// frame-paced stream as bench/markdown.bench.ts, with a Chrome trace of commits 200–300 (early) and 2,200–2,300
// (late), reduced to self time per frame by kind of work, and the layout object count.
import MarkstreamRender from 'markstream-vue'
import 'markstream-vue/index.css'
import { describe, it } from 'vitest'
import type { Component } from 'vue'
import { fixtures } from '../mocks'
import { MessageItem } from '../src/components/MessageItem'
import { ensureLanguage } from '../src/markdown/highlight/highlighter'
import { clearCodeCache } from '../src/markdown/highlight/tokenizer'
import { clearMarkdownCache } from '../src/markdown/streaming'
import '../src/styles/tokens.css'
import type { ChatMessage } from '../src/types'
import { evenCuts, loadAverage, round, streamRun } from './reader'
import type { Subject } from './reader'
import { startProfile, startTrace } from './trace'
import type { TraceSummary } from './trace'

const COMMITS = 2500
const WINDOWS = [
  [200, 300],
  [2200, 2300],
] as const
/** Profile the peers too (slower run). */
const PEERS = false
const text = fixtures['long-mixed'].content

const subjects: Subject[] = [
  {
    name: 'MessageItem',
    component: MessageItem,
    props: (t, final): { message: ChatMessage } => ({ message: { id: 'p', role: 'assistant', content: t, status: final ? 'done' : 'streaming', createdAt: 0 } }),
    reset: () => {
      clearMarkdownCache()
      clearCodeCache()
    },
  },
  {
    name: 'markstream-vue',
    component: MarkstreamRender as Component,
    props: (t, final) => ({ content: t, final, mode: 'chat', fade: false, typewriter: false, smoothStreaming: false, viewportPriority: false, deferNodesUntilVisible: false, batchRendering: false, renderCodeBlocksAsPre: false }),
  },
]

function perFrame(s: TraceSummary, frames: number) {
  const k = Object.fromEntries(Object.entries(s.byKind).map(([name, ms]) => [name, round(ms / frames, 2)]))
  return {
    perFrameMs: k,
    taskPerFrameMs: round(s.taskMs / frames, 2),
    layoutObjects: s.layouts.maxTotalObjects,
    dirtyAtLastLayout: s.layouts.lastDirtyObjects,
    top: s.byName.slice(0, 10).map(([n, ms]) => `${n} ${round(ms / frames, 2)}`),
  }
}

describe('where the frame goes (trace of commits 200–300 and 2,200–2,300)', () => {
  for (const subject of subjects.slice(0, PEERS ? subjects.length : 1)) {
    it(subject.name, async () => {
      for (const lang of ['ts', 'python', 'bash', 'json', 'go', 'rust']) await ensureLanguage(lang)
      await streamRun(subject, text, evenCuts(text.length, 100))
      const windows: Record<string, unknown> = {}
      let trace: Awaited<ReturnType<typeof startTrace>> | null = null
      await streamRun(subject, text, evenCuts(text.length, COMMITS), async (i) => {
        for (const [from, to] of WINDOWS) {
          if (i === from) trace = await startTrace()
          if (i === to && trace) {
            windows[`${from}-${to}`] = perFrame(await trace.stop(), to - from)
            trace = null
          }
        }
      })
      // JS self time by function over the late window (a separate run: the profiler slows script down).
      let profile: Awaited<ReturnType<typeof startProfile>> | null = null
      let functions: [string, number][] = []
      await streamRun(subject, text, evenCuts(text.length, COMMITS), async (i) => {
        if (i === 2200) profile = await startProfile()
        if (i === 2300 && profile) functions = (await profile.stop()).map(([n, ms]) => [n, round(ms / 100, 3)])
      })
      windows.lateFunctionsPerFrameMs = functions
      console.log(`[bench:profile] ${subject.name}`, JSON.stringify({ load: await loadAverage(), windows }, null, 1))
    })
  }
})
