// A long paragraph's inline content in pieces: closed pieces rendered once, the live rest per commit.
import { healTail } from '../heal'
import { lastClosers, renderInlinePiece } from '../inline'
import type { InlinePiece } from '../inline'
import type { GrowthOptions } from './shared'

/** Don't try to close a paragraph piece before the live part is this long (re-tries back off by half again). */
const MIN_PIECE = 512

const isBlank = (c: string | undefined) => c === ' ' || c === '\t'
const isAsciiTrimmable = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r'

/** markdown-it trims paragraph content of ASCII whitespace only (`asciiTrim`): Unicode spaces stay. */
function trimEnd(text: string): string {
  let end = text.length
  while (end > 0 && isAsciiTrimmable(text[end - 1])) end--
  return text.slice(0, end)
}

/**
 * Paragraph content of a piece: the paragraph's first piece is trimmed at the start like markdown-it trims the
 * paragraph; later pieces start after a line break, whose following blanks markdown-it skips.
 */
function pieceText(text: string, first: boolean): string {
  let i = 0
  while (first ? isAsciiTrimmable(text[i]) : isBlank(text[i])) i++
  return text.slice(i)
}


/** A piece rendered ahead while the live part is plain text, valid if nothing after it closes what it left open. */
interface Speculative {
  end: number
  html: string
  open: InlinePiece['open']
}

/** At most this much speculative rendering per commit. */
const SPECULATE_PER_COMMIT = 4096
/** Characters that may not start a piece cut inside a line (block syntax at a piece start, links, code, …). */
const NO_CUT_BEFORE = /[\s\-+>#|`~=:[\]\\!<&0-9]/

/**
 * Inline content of one paragraph, in pieces. `text` is the paragraph's content as markdown-it sees it (for a
 * quote: with the `>` markers removed). Lines are checked by the owner; this only renders.
 */
export class Pieces {
  readonly stable: string[] = []
  /** Offset in the content where the live part starts. */
  start = 0
  private attemptAt = MIN_PIECE
  plain = false
  /** While plain: pieces rendered ahead from `start`, consecutive. */
  private speculative: Speculative[] = []

  constructor(private readonly o: GrowthOptions) {}

  /** A piece's HTML through the finished-block sanitizer (`final`) or the live one. */
  private render(text: string, final: boolean): InlinePiece {
    const piece = renderInlinePiece(this.o.md, text)
    return { ...piece, html: (final ? this.o.sanitize : this.o.sanitizeTail)(piece.html) }
  }

  /** Where the next piece may end: the start of the last complete line, or a word start in one long line. */
  private cutBefore(text: string, completeEnd: number, from: number): number {
    const cut = completeEnd > from ? text.lastIndexOf('\n', completeEnd - 2) + 1 : 0
    return cut > from ? cut : this.wordCut(text, from)
  }

  /**
   * Closes a piece where possible: up to the start of the last complete line (never the paragraph's end, which
   * markdown-it trims), or inside one long line before a word.
   */
  stabilize(text: string, completeEnd: number): void {
    if (this.plain) return this.speculate(text, completeEnd)
    const cut = this.cutBefore(text, completeEnd, this.start)
    const size = (cut > this.start ? cut : text.length) - this.start
    // Never parse more than `plainAfter` characters per commit: past it, the live part stays plain text.
    if (size > this.o.plainAfter) {
      this.plain = true
      return this.speculate(text, completeEnd)
    }
    if (cut <= this.start || size < this.attemptAt) return
    const piece = this.render(pieceText(text.slice(this.start, cut), this.start === 0), true)
    if (piece.closed) {
      this.stable.push(piece.html)
      this.start = cut
      this.attemptAt = MIN_PIECE
    } else {
      this.attemptAt = Math.ceil(size * 1.5)
    }
  }

  /** Renders a little more of the plain live part ahead, so that its final formatting is ready when it ends. */
  private speculate(text: string, completeEnd: number): void {
    let from = this.speculative.at(-1)?.end ?? this.start
    let budget = SPECULATE_PER_COMMIT
    while (budget > 0) {
      const limit = Math.min(text.length, from + MIN_PIECE * 4)
      let cut = this.cutBefore(text.slice(0, limit), Math.min(completeEnd, limit), from)
      if (cut <= from) return
      if (cut - from < MIN_PIECE && limit === text.length) return
      cut = Math.max(cut, from + 1)
      const piece = this.render(pieceText(text.slice(from, cut), from === 0), true)
      this.speculative.push({ end: cut, html: piece.html, open: piece.open })
      budget -= cut - from
      from = cut
    }
  }

  /** For a long single line: a word start after a space, well before the end (the end still changes). */
  private wordCut(text: string, from: number): number {
    const limit = text.length - 256
    for (let i = limit; i > Math.max(from, limit - 4096); i--) {
      if (text[i - 1] === ' ' && !NO_CUT_BEFORE.test(text[i]!)) return i
    }
    return -1
  }

  /** The plain live part's text (once plain), else undefined. */
  plainText(text: string): string | undefined {
    return this.plain ? trimEnd(pieceText(text.slice(this.start), this.start === 0)) : undefined
  }

  /** The live part: healed and rendered, or escaped text once plain. */
  live(text: string): string {
    const rest = pieceText(text.slice(this.start), this.start === 0)
    if (this.plain) return this.o.md.utils.escapeHtml(trimEnd(rest))
    const healed = healTail(rest)
    if (healed.trim() === '') return ''
    return this.render(healed, false).html
  }

  /**
   * The rest of a finished paragraph (raw, trimmed as markdown-it trims paragraph content) as parts: pieces
   * rendered ahead are kept while nothing after them could close what they left open.
   */
  finish(text: string): string[] {
    const out: string[] = []
    let from = this.start
    if (this.speculative.length > 0) {
      const closers = lastClosers(text)
      for (const s of this.speculative) {
        const reachable = [...s.open.markers].some((m) => closers[m as '*' | '_' | '~'] >= s.end) || (s.open.bracket && closers[']'] >= s.end) || (s.open.backtick && closers['`'] >= s.end)
        if (reachable || s.end > trimEnd(text).length) break
        out.push(s.html)
        from = s.end
      }
    }
    const rest = trimEnd(pieceText(text.slice(from), from === 0))
    if (rest !== '') out.push(this.render(rest, true).html)
    return out
  }
}
