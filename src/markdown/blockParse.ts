// Block structure: a structure-only parse (what the streaming renderer needs to decide where blocks start, without
// inline parsing), and a full parse's top-level blocks as token groups with the source lines they came from.
import type MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'

interface NamedRule {
  name: string
  enabled: boolean
  fn: (state: unknown) => void
}

/** Block structure only (no inline parsing): markdown-it's `normalize` and `block` core rules. */
export function parseBlocks(md: MarkdownIt, src: string): Token[] {
  const core = new md.core.State(src, md, {})
  for (const rule of (md.core.ruler as unknown as { __rules__: NamedRule[] }).__rules__) {
    if (rule.enabled && (rule.name === 'normalize' || rule.name === 'block')) rule.fn(core)
  }
  return core.tokens
}

/** Index after the token that closes `tokens[from]` (or `from + 1` for a non-container token). */
export function closeOf(tokens: readonly Token[], from: number): number {
  if (tokens[from]!.nesting !== 1) return from + 1
  let depth = 0
  for (let j = from; j < tokens.length; j++) {
    depth += tokens[j]!.nesting
    if (depth === 0) return j + 1
  }
  return tokens.length
}

/** Blocks a blank line ends for good (lists and indented code can continue after one). */
export const CLOSED_BY_BLANK = /^(?:paragraph_open|heading_open|table_open|blockquote_open|hr|fence)$/

export interface Group {
  from: number
  to: number
  lineStart: number
  lineEnd: number
}

/** The top-level blocks of a parse: each opening token with everything up to its close (a leaf token alone). */
export function topLevelGroups(tokens: Token[]): Group[] {
  const groups: Group[] = []
  let i = 0
  while (i < tokens.length) {
    const t = tokens[i]!
    let j = i + 1
    if (t.nesting === 1) {
      let depth = 1
      while (j < tokens.length && depth > 0) {
        depth += tokens[j]!.nesting
        j++
      }
    }
    const map = t.map ?? [0, 0]
    groups.push({ from: i, to: j, lineStart: map[0], lineEnd: map[1] })
    i = j
  }
  return groups
}

/** A group's source text (`offsets`: the line starts of `text`). */
export function sliceLines(text: string, offsets: number[], g: Group): string {
  const at = (line: number) => (line < offsets.length ? offsets[line]! : text.length)
  return text.slice(at(g.lineStart), at(g.lineEnd))
}
