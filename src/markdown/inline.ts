import type MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'

/** markdown-it's core chain, with names: `Ruler` keeps them on a private field (stable in markdown-it 14). */
interface NamedRule {
  name: string
  enabled: boolean
  fn: (state: unknown) => void
}

interface InlineState {
  tokens: Token[]
  delimiters: { marker: number; open: boolean; end: number }[]
}

interface InlineParser {
  State: new (src: string, md: MarkdownIt, env: object, tokens: Token[]) => InlineState
  tokenize(state: InlineState): void
  ruler2: { getRules(chain: string): ((state: InlineState) => void)[] }
}

export interface InlinePiece {
  /** The piece's HTML, exactly what markdown-it emits for this text inside a paragraph. */
  readonly html: string
  /**
   * Nothing the piece opened is still waiting for a closer: no unmatched emphasis / strikethrough opener, no
   * unmatched backtick run, no `[` that a later `]` could turn into a link. Text after it then renders the same
   * whether it is parsed together with this piece or on its own.
   */
  readonly closed: boolean
  /** What is still open when not closed: the marker characters of unmatched openers, and literal `[` / backticks. */
  readonly open: { readonly markers: ReadonlySet<string>; readonly bracket: boolean; readonly backtick: boolean }
}

const EMPHASIS_MARKERS = new Set([0x2a /* * */, 0x5f /* _ */, 0x7e /* ~ */])

function coreRules(md: MarkdownIt): NamedRule[] {
  return (md.core.ruler as unknown as { __rules__: NamedRule[] }).__rules__.filter((r) => r.enabled)
}

/**
 * Renders `src` as inline content (what a paragraph holds), running markdown-it's own core chain in inline mode,
 * and reports whether the piece is closed (see {@link InlinePiece.closed}). Used to render a long paragraph in
 * pieces: consecutive closed pieces, split before a line start or a word, concatenate to the HTML of the whole.
 */
export function renderInlinePiece(md: MarkdownIt, src: string, env: object = {}): InlinePiece {
  const core = new md.core.State(src, md, env)
  core.inlineMode = true
  const open = { markers: new Set<string>(), bracket: false, backtick: false }
  for (const rule of coreRules(md)) {
    if (rule.name !== 'inline') {
      rule.fn(core)
      continue
    }
    // markdown-it's `inline` core rule is `md.inline.parse` per inline token; done here by hand to keep the state.
    const parser = md.inline as unknown as InlineParser
    for (const token of core.tokens) {
      if (token.type !== 'inline') continue
      const state = new parser.State(token.content, md, env, token.children!)
      parser.tokenize(state)
      for (const post of parser.ruler2.getRules('')) post(state)
      collectOpen(state, open)
    }
  }
  const inline = core.tokens.find((t) => t.type === 'inline')
  const html = inline ? md.renderer.renderInline(inline.children ?? [], md.options, env) : ''
  return { html, closed: open.markers.size === 0 && !open.bracket && !open.backtick, open }
}

function collectOpen(state: InlineState, open: { markers: Set<string>; bracket: boolean; backtick: boolean }): void {
  for (const d of state.delimiters) if (d.open && d.end < 0 && EMPHASIS_MARKERS.has(d.marker)) open.markers.add(String.fromCharCode(d.marker))
  // Literal `[` (a link that may still close) or backticks (a code span that may still close) in plain text;
  // escaped ones are `text_special` tokens at this point and do not count.
  for (const t of state.tokens) {
    if (t.type !== 'text') continue
    open.bracket ||= t.content.includes('[')
    open.backtick ||= t.content.includes('`')
  }
}

/**
 * For each thing a piece can leave open, the offset of the last character in `text` that could close it, or -1:
 * emphasis runs after a non-blank character (only those can close; NBSP and other spaces count as non-blank here,
 * which only adds candidates), `]`, backticks. A piece ending before all of these leaves nothing a later closer
 * could reach, even though it is not closed.
 */
export function lastClosers(text: string): Record<'*' | '_' | '~' | ']' | '`', number> {
  const last = { '*': -1, _: -1, '~': -1, ']': text.lastIndexOf(']'), '`': text.lastIndexOf('`') }
  for (let i = text.length - 1; i > 0; i--) {
    const c = text[i]!
    if (c !== '*' && c !== '_' && c !== '~') continue
    const before = text.charCodeAt(i - 1)
    if (last[c] === -1 && text[i - 1] !== c && before !== 0x20 && before !== 0x09 && before !== 0x0a && before !== 0x0d) last[c] = i
    if (last['*'] !== -1 && last._ !== -1 && last['~'] !== -1) break
  }
  return last
}
