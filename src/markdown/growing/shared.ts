// Types and helpers shared by the growing kinds (see ./index.ts).
export { closeOf, parseBlocks } from '../blockParse'
export { lineEnd } from '../lines'
import type MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import { closeOf } from '../blockParse'
import { Lru } from '../lru'

/** A block's HTML as `before + stable.slice(0, count).join('') + live + after`. */
export interface HtmlParts {
  /** Container opening tags, e.g. `<ul>\n`. */
  readonly before: string
  /** Container closing tags, e.g. `</ul>\n`. */
  readonly after: string
  /**
   * Finished parts. Append-only and shared between commits of one growing block: a block uses the first `count`
   * entries, which never change.
   */
  readonly stable: readonly string[]
  readonly count: number
  /** The unfinished rest, re-rendered per commit (`''` once the block is finished). */
  readonly live: string
  /** The live part is plain text: too long without a point where formatting closes to re-parse per frame. */
  readonly plain: boolean
  /** The plain live part's text (so a view can append to a text node instead of replacing it). */
  readonly text?: string
}

export type GrowingKind = 'paragraph' | 'list' | 'table' | 'quote'

export interface GrowthStep {
  readonly parts: HtmlParts
  /** The block's top-level tag. */
  readonly tag: string
  /** Offset in the region where the block ended (the next line after it); null while it grows. */
  readonly end: number | null
}

export interface Growth {
  readonly kind: GrowingKind
  /** Advances over the region (the same text, longer). `final`: the region is complete. null: start over. */
  update(region: string, final: boolean): GrowthStep | null
}

export interface GrowthOptions {
  md: MarkdownIt
  /** For finished parts and containers: what finished blocks go through (DOMPurify in the browser). */
  sanitize: (html: string) => string
  /** For the live part, re-rendered per commit (the renderer allow-list check, DOMPurify on anything else). */
  sanitizeTail: (html: string) => string
  /** A live paragraph part longer than this without a closing point is shown as plain text. */
  plainAfter: number
}

/**
 * Sanitizes `html` parsed inside `open`…`close` (a table row only parses inside a table body), and returns it
 * without them; null if the sanitizer changed the wrapper itself.
 */
export function sanitizeIn(fn: (html: string) => string, html: string, open = '', close = ''): string | null {
  if (!open) return fn(html)
  const out = fn(open + html + close)
  return out.startsWith(open) && out.endsWith(close) ? out.slice(open.length, out.length - close.length) : null
}

const shells = new WeakMap<(html: string) => string, Lru<string, string | null>>()

/**
 * A container's opening tags, sanitized as a whole with its closing tags (`after` must come back unchanged).
 * Memoized: a growing block asks for the same container on every commit.
 */
export function sanitizeShell(fn: (html: string) => string, before: string, after: string): string | null {
  let memo = shells.get(fn)
  if (!memo) shells.set(fn, (memo = new Lru(64)))
  const key = `${before}\u0000${after}`
  let out = memo.get(key)
  if (out === undefined) {
    const html = fn(before + after)
    out = html.endsWith(after) ? html.slice(0, html.length - after.length) : null
    memo.set(key, out)
  }
  return out
}


export function parts(before: string, after: string, stable: string[], live = '', text?: string): HtmlParts {
  return text === undefined ? { before, after, stable, count: stable.length, live, plain: false } : { before, after, stable, count: stable.length, live, plain: true, text }
}

/** Renders `tokens[from..close)` (a list item or table row) as markdown-it renders it inside its container. */
export function renderSlice(md: MarkdownIt, tokens: Token[], from: number, env: object): string {
  return md.renderer.render(tokens.slice(from, closeOf(tokens, from)), md.options, env)
}

/** Offset of line `n` in `text` (0-based); -1 when the text has fewer than `n` line breaks. */
export function lineStartOf(text: string, n: number): number {
  let pos = 0
  for (let k = 0; k < n; k++) {
    const nl = text.indexOf('\n', pos)
    if (nl === -1) return -1
    pos = nl + 1
  }
  return pos
}

/** Index of the line start after `pos`'s line, or -1 when that line is not complete. */
export function nextLineStart(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos)
  return nl === -1 ? -1 : nl + 1
}
