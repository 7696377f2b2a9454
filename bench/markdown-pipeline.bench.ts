// Markdown pipeline micro-benchmarks (Chromium): incremental highlighting of a growing 2,000-line code block vs
// one one-shot highlight, and retained heap after 20 streamed ~112 KB messages. These time the pipeline back to
// back, without frames; what a reader feels is measured by bench/markdown.bench.ts (frame-paced, layout forced).
import { describe, expect, it } from 'vitest'
import { cdp } from 'vitest/browser'
import { fixtures } from '../mocks'
import { ensureLanguage, getHighlighter } from '../src/markdown/highlight/highlighter'
import { CodeTokenizer } from '../src/markdown/highlight/tokenizer'
import { sanitizeHtml, sanitizeTailHtml } from '../src/markdown/sanitize'
import { clearMarkdownCache, createStreamingMarkdown } from '../src/markdown/streaming'
import type { MarkdownBlock } from '../src/markdown/streaming'

const COMMITS = 2500
const content = fixtures['long-mixed'].content
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d

describe('code highlighting (2,000 lines, one line per commit)', () => {
  it('incremental highlight total ≤ 3× one one-shot highlight', async () => {
    await ensureLanguage('ts')
    const lines = Array.from({ length: 2000 }, (_, i) =>
      i % 10 === 0 ? `/** block ${i}: a comment that spans` : i % 10 === 1 ? '   two lines */' : `export const value${i}: number = compute(${i}, "s${i}") // step ${i}`,
    )
    const code = lines.join('\n') + '\n'
    const ends: number[] = []
    for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) ends.push(i + 1)
    const h = getHighlighter()
    // A tokenizer works within a time budget per update (CodeTokenizer.pending): run each to completion.
    const complete = (tok: CodeTokenizer, text: string) => {
      do tok.update(text)
      while (tok.pending)
    }
    complete(new CodeTokenizer('ts', h), code) // warm-up
    const t0 = performance.now()
    complete(new CodeTokenizer('ts', h), code)
    const one = performance.now() - t0
    const tok = new CodeTokenizer('ts', h)
    const t1 = performance.now()
    for (const end of ends) complete(tok, code.slice(0, end))
    const total = performance.now() - t1
    const result = { lines: 2000, oneShotMs: round(one), incrementalTotalMs: round(total), ratio: round(total / one) }
    console.log('[bench:highlight]', JSON.stringify(result))
    expect(result.ratio).toBeLessThanOrEqual(3)
  })
})

describe('memory (20 × ≥ 100 KB streamed messages)', () => {
  it('retained heap growth ≤ 2× the text size', async () => {
    const session = cdp()
    const heap = async () => {
      await session.send('HeapProfiler.collectGarbage')
      await session.send('HeapProfiler.collectGarbage')
      return ((await session.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize
    }
    // The texts exist before we start (the store holds them); flatten them so they are plain strings.
    const texts = Array.from({ length: 20 }, (_, i) => {
      // Distinct in every block, so the shared block memo cannot deduplicate the messages.
      const t = `Message ${i}\n\n${content.replace(/The /g, `The${i} `)}`
      t.charCodeAt(t.length - 1)
      return t
    })
    const twoByte = [...content].some((ch) => ch.charCodeAt(0) > 0xff)
    const textBytes = sum(texts.map((t) => t.length)) * (twoByte ? 2 : 1)
    const stream = (text: string) => {
      const s = createStreamingMarkdown({ sanitize: sanitizeHtml, sanitizeTail: sanitizeTailHtml })
      for (let i = 0; i < COMMITS; i++) s.update(text.slice(0, Math.round(((i + 1) * text.length) / COMMITS)), true)
      return s.update(text, false)
    }
    // Warm-up with the same workload and drop it, so code compiled/flushed by V8 does not count either way.
    stream(`warm-up\n\n${content}`)
    clearMarkdownCache()
    const before = await heap()
    const kept: (readonly MarkdownBlock[])[] = texts.map(stream)
    const after = await heap()
    const heldBlocks = sum(kept.map((k) => k.length))
    kept.length = 0
    clearMarkdownCache()
    const released = await heap()
    const result = {
      messages: 20,
      textBytes,
      heapGrowthBytes: after - before,
      ratio: round((after - before) / textBytes),
      blocks: heldBlocks,
      afterReleaseBytes: released - before,
    }
    console.log('[bench:memory]', JSON.stringify(result))
    expect(result.ratio).toBeLessThanOrEqual(2)
  })
})
