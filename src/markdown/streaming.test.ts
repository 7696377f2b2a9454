import { describe, expect, it } from 'vitest'
import { fixtureNames, fixtures } from 'vue-chat-stream/mocks'
import { renderMarkdown } from './md'
import { blockToHtml, createStreamingMarkdown, renderMarkdownBlocks } from './streaming'
import type { MarkdownBlock } from './streaming'
import { markerFlashes, visibleText } from './visible-text.test-support'

const html = (blocks: readonly MarkdownBlock[]) => blocks.map(blockToHtml).join('')

/** Small hand-written traps: each line of the test streams char by char. */
const TRAPS = [
  'Some **bold** and *italic* and ***both*** and ~~struck~~ and `code` and __under__.',
  'A [link](https://example.com/a_b?c=1) and ![img](https://example.com/i.png) and <https://example.com>.',
  '- one\n- two **bold**\n  - nested `code`\n\n1. **Bold list item** first\n2. second\n',
  '> quote with *emphasis*\n> > nested\n\n---\n\nSetext\n===\n\nSub\n---\n',
  '| a | b |\n|---|:-:|\n| **1** | `2` |\n| [x](https://x.y) | ~~y~~ |\n\nafter',
  '```ts\nconst a = `tpl` ** 2\n```\n\n~~~\nplain ~~~ inside\n~~~\n',
  '- [ ] todo\n- [x] done\n\n#hashtag and # heading?\n\n# Real heading\n',
  'snake_case_name and 2 * 3 = 6 and a_b_c and **unclosed at the end',
  'Entities &amp; &copy; and escapes \\* \\_ \\` and trailing backslash\\\nnext line',
]

function streamFinal(content: string, size: number) {
  const s = createStreamingMarkdown()
  for (let i = size; i < content.length; i += size) s.update(content.slice(0, i), true)
  s.update(content, true)
  return s.update(content, false)
}

describe('createStreamingMarkdown', () => {
  it('one-shot blocks equal a plain markdown-it render of every fixture', () => {
    for (const name of fixtureNames) {
      const { content } = fixtures[name]
      expect(html(renderMarkdownBlocks(content)), name).toBe(renderMarkdown(content))
    }
  })

  for (const size of [1, 7, 64]) {
    it(`after streaming in chunks of ${size}, the final render equals a one-shot render (every fixture + traps)`, () => {
      const docs = [...fixtureNames.map((n) => [n, fixtures[n].content] as const), ...TRAPS.map((t, i) => [`trap ${i}`, t] as const)]
      for (const [name, content] of docs) {
        expect(html(streamFinal(content, size)), `${name} @${size}`).toBe(renderMarkdown(content))
      }
    })
  }

  it('never flashes raw markers at any prefix of the trap fixtures, the kitchen sink and the hand-written traps', () => {
    const docs = [
      ...(['streaming-traps', 'kitchen-sink', 'table-heavy', 'nesting', 'code-heavy', 'math-escapes', 'i18n', 'one-liner', 'short-answer', 'hostile'] as const).map(
        (n) => [n, fixtures[n].content] as const,
      ),
      ...TRAPS.map((t, i) => [`trap ${i}`, t] as const),
    ]
    const failures: string[] = []
    for (const [name, content] of docs) {
      const finalText = visibleText(renderMarkdownBlocks(content))
      const s = createStreamingMarkdown()
      for (let i = 1; i <= content.length; i++) {
        const text = visibleText(s.update(content.slice(0, i), true))
        const flashes = markerFlashes(text, finalText)
        if (flashes.length > 0 && failures.length < 10) failures.push(`${name} @${i} ${JSON.stringify(content.slice(Math.max(0, i - 30), i))}: ${flashes.join(' ')}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('samples the long fixture for flashes too', () => {
    const { content } = fixtures['long-mixed']
    const finalText = visibleText(renderMarkdownBlocks(content))
    const s = createStreamingMarkdown()
    for (let i = 1; i <= content.length; i += 151) {
      expect(markerFlashes(visibleText(s.update(content.slice(0, i), true)), finalText), `@${i}`).toEqual([])
    }
  })

  it('reuses finished blocks (same objects) and re-parses only the tail', () => {
    const s = createStreamingMarkdown()
    const a = s.update('# Title\n\nFirst paragraph.\n\nSecond', true)
    expect(a.map((b) => b.final)).toEqual([true, true, false])
    const b = s.update('# Title\n\nFirst paragraph.\n\nSecond paragraph grows', true)
    expect(b[0]).toBe(a[0])
    expect(b[1]).toBe(a[1])
    expect(b[2]).not.toBe(a[2])
    expect(b.map((x) => x.key)).toEqual(['b0', 'b1', 'b2'])
  })

  it('streams a growing fence as a code block that never shows its fence lines', () => {
    const s = createStreamingMarkdown()
    expect(s.update('Intro\n\n```pyth', true).map((b) => b.kind)).toEqual(['html'])
    const grow = s.update('Intro\n\n```python\nprint(1)\nprint(2', true)
    expect(grow[1]).toMatchObject({ kind: 'code', lang: 'python', code: 'print(1)\nprint(2', final: false })
    expect(s.update('Intro\n\n```python\nprint(1)\n``', true)[1]).toMatchObject({ code: 'print(1)\n' })
    const closed = s.update('Intro\n\n```python\nprint(1)\n```\n\nAfter', true)
    expect(closed[1]).toMatchObject({ kind: 'code', code: 'print(1)\n', final: true })
  })

  it('continues correctly when text goes on after a final render (an answer resumed after a drop ended it)', () => {
    const s = createStreamingMarkdown()
    const cut = 'Intro.\n\n1. **Batching** — apply many deltas instead of one'
    const whole = `${cut} re-render per token.\n2. **Stable** blocks.\n\nEnd.`
    s.update(cut.slice(0, 20), true)
    s.update(cut, true)
    // The drop ends the answer: its text so far is rendered final (status error), then the resume streams on.
    expect(html(s.update(cut, false))).toBe(renderMarkdown(cut))
    expect(html(s.update(whole.slice(0, cut.length + 10), true))).toContain('<li><strong>Batching</strong> — apply many deltas instead of one re-render')
    expect(html(s.update(whole, false))).toBe(renderMarkdown(whole))
  })

  it('starts over when the content is replaced (regenerate)', () => {
    const s = createStreamingMarkdown()
    s.update('Alpha paragraph.\n\nBeta', true)
    expect(html(s.update('Gamma', false))).toBe(renderMarkdown('Gamma'))
  })

  it('resolves reference links defined later in the final render', () => {
    const doc = 'See [the docs][d].\n\nMore text.\n\n[d]: https://example.com/docs\n'
    expect(html(streamFinal(doc, 3))).toBe(renderMarkdown(doc))
  })

  it('writes column alignment as classes, which the sanitizer keeps (no style attribute)', () => {
    const out = renderMarkdown('| a | b | c | d |\n| :- | :-: | -: | - |\n| 1 | 2 | 3 | 4 |\n')
    expect(out).toContain('<th class="vcs-align-left">a</th>')
    expect(out).toContain('<th class="vcs-align-center">b</th>')
    expect(out).toContain('<td class="vcs-align-right">3</td>')
    expect(out).toContain('<td>4</td>')
    expect(out).not.toContain('style=')
  })

  it('names a task checkbox by its item text, in no language of its own', () => {
    const out = renderMarkdown('- [x] Angebot **senden**\n- [ ] Rechnung prüfen\n')
    expect(out).toContain('<li class="vcs-task-item"><label class="vcs-task-label"><input class="vcs-task" type="checkbox" disabled checked> Angebot <strong>senden</strong></label></li>')
    expect(out).toContain('<label class="vcs-task-label"><input class="vcs-task" type="checkbox" disabled> Rechnung prüfen</label>')
    expect(out).not.toContain('aria-label')
  })

  it('keeps links to http(s), mailto and relative paths only; images http(s) only', () => {
    const out = renderMarkdown('[a](javascript:alert(1)) [b](mailto:x@y.z) [c](/rel) [d](data:text/html,x) ![e](data:image/png;base64,xx) ![f](https://x.y/f.png) <b onclick="x">raw</b>')
    expect(out).not.toMatch(/href="javascript|href="data|src="data|<b /)
    expect(out).toContain('href="mailto:x@y.z" rel="noopener noreferrer"')
    expect(out).toContain('href="/rel"')
    expect(out).toContain('src="https://x.y/f.png"')
    expect(out).toContain('&lt;b onclick')
  })
})
