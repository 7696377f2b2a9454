// A long paragraph, and a blockquote holding one long paragraph.
import type MarkdownIt from 'markdown-it'
import { Pieces } from './pieces'
import { closeOf, lineEnd, nextLineStart, parseBlocks, parts, sanitizeShell } from './shared'
import type { Growth, GrowthOptions, GrowthStep } from './shared'

/** One paragraph: lines are checked on a window of the previous line and the new one. */
export class ParagraphGrowth implements Growth {
  readonly kind = 'paragraph'
  private readonly pieces: Pieces
  /** Offset of the first line not yet checked; -1 until the first line (which needs no check) is complete. */
  private checked = -1
  private prevStart = 0

  constructor(private readonly o: GrowthOptions) {
    this.pieces = new Pieces(o)
  }

  update(region: string, final: boolean): GrowthStep | null {
    if (this.checked === -1) {
      const first = nextLineStart(region, 0)
      this.checked = first === -1 ? (final ? region.length + 1 : -1) : first
    }
    // 1. Newly completed lines: still this paragraph?
    let end: number | null = null
    while (this.checked !== -1 && this.checked <= region.length) {
      const nl = region.indexOf('\n', this.checked)
      if (nl === -1 && !final) break
      const lineStop = nl === -1 ? region.length : nl
      const line = region.slice(this.checked, lineStop)
      if (!/[^ \t]/.test(line)) {
        end = this.checked
        break
      }
      const verdict = continues(this.o.md, region.slice(this.prevStart, lineEnd(region, this.prevStart)), line, 'paragraph_open')
      if (verdict === 'bail') return null
      if (verdict === 'ends') {
        end = this.checked
        break
      }
      this.prevStart = this.checked
      this.checked = nl === -1 ? region.length + 1 : nl + 1
    }
    if (end !== null || final) {
      const stop = end ?? region.length
      this.pieces.stable.push(...this.pieces.finish(region.slice(0, stop)))
      return this.step(end ?? region.length, '')
    }
    // 2. Close a piece where everything is closed; 3. render the live rest.
    this.pieces.stabilize(region, this.checked === -1 ? 0 : Math.min(this.checked, region.length))
    return this.step(null, this.pieces.live(region), this.pieces.plainText(region))
  }

  private step(end: number | null, live: string, text?: string): GrowthStep | null {
    const before = sanitizeShell(this.o.sanitize, '<p>', '</p>\n')
    return before === null ? null : { tag: 'p', end, parts: parts(before, '</p>\n', this.pieces.stable, live, text) }
  }
}

/**
 * Does `line` continue the block that `prev` (its previous line) is in? Decided by markdown-it on a window that
 * starts with a dummy line of the same block (so `prev` is parsed as a continuation, as it is in the text), then
 * `prev` and `line`: the first top-level block must be `open` and span all three lines (for a quote, with one
 * paragraph inside spanning them too); spanning only the first two means the block ended before `line`. Anything
 * else (a setext underline turning the paragraph into a heading, a table taking `prev` as its header, a quote
 * growing a second block) is beyond what parts can follow.
 */
function continues(md: MarkdownIt, prev: string, line: string, open: 'paragraph_open' | 'blockquote_open'): 'continues' | 'ends' | 'bail' {
  const dummy = open === 'blockquote_open' ? '> x' : 'x'
  const tokens = parseBlocks(md, `${dummy}\n${prev}\n${line}\n`)
  const first = tokens[0]
  if (!first || first.type !== open) return 'bail'
  const close = closeOf(tokens, 0)
  if (open === 'blockquote_open' && !(tokens[1]?.type === 'paragraph_open' && closeOf(tokens, 1) === close - 1 && tokens[1].map![1] === first.map![1])) return 'bail'
  const span = first.map![1] - first.map![0]
  if (span === 3) return 'continues'
  if (span === 2 && (tokens[close]?.map?.[0] ?? 2) === 2) return 'ends'
  return 'bail'
}

/** A blockquote holding one paragraph: the paragraph's lines without their `>` markers. */
export class QuoteGrowth implements Growth {
  readonly kind = 'quote'
  private readonly pieces: Pieces
  /** The quote's paragraph content so far (complete lines, markers removed). */
  private inner = ''
  private checked = 0
  private prevStart = 0

  constructor(private readonly o: GrowthOptions) {
    this.pieces = new Pieces(o)
  }

  update(region: string, final: boolean): GrowthStep | null {
    let end: number | null = null
    while (this.checked <= region.length) {
      const nl = region.indexOf('\n', this.checked)
      if (nl === -1 && !final) break
      const lineStop = nl === -1 ? region.length : nl
      if (lineStop === this.checked && nl === -1) break
      const line = region.slice(this.checked, lineStop)
      if (!/[^ \t]/.test(line)) {
        end = this.checked
        break
      }
      if (this.checked > 0) {
        const verdict = continues(this.o.md, region.slice(this.prevStart, lineEnd(region, this.prevStart)), line, 'blockquote_open')
        if (verdict === 'bail') return null
        if (verdict === 'ends') {
          end = this.checked
          break
        }
      }
      const stripped = stripQuoteMarker(line)
      // A `>` line with nothing after it starts a second block inside the quote: rendered whole instead.
      if (stripped === null || !/[^ \t]/.test(stripped)) return null
      this.inner += `${stripped}\n`
      this.prevStart = this.checked
      this.checked = nl === -1 ? region.length + 1 : nl + 1
    }
    if (end !== null || final) {
      this.pieces.stable.push(...this.pieces.finish(this.inner))
      return this.step(end ?? region.length, '')
    }
    const partial = region.slice(Math.min(this.checked, region.length))
    const partialInner = partial === '' ? '' : stripQuoteMarker(partial)
    if (partialInner === null) return null
    this.pieces.stabilize(this.inner, this.inner.length)
    const text = this.inner + partialInner
    return this.step(null, this.pieces.live(text), this.pieces.plainText(text))
  }

  private step(end: number | null, live: string, text?: string): GrowthStep | null {
    const after = '</p>\n</blockquote>\n'
    const before = sanitizeShell(this.o.sanitize, '<blockquote>\n<p>', after)
    return before === null ? null : { tag: 'blockquote', end, parts: parts(before, after, this.pieces.stable, live, text) }
  }
}

/** A quote line without its marker (` {0,3}>` and one optional space); lazy lines as they are; null: a tab. */
function stripQuoteMarker(line: string): string | null {
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  if (line[i] !== '>') return line.includes('\t') ? null : line
  i++
  if (line[i] === '\t') return null
  if (line[i] === ' ') i++
  return line.includes('\t', i) ? null : line.slice(i)
}
