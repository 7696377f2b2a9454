// Block structure only: what the streaming renderer needs to decide where blocks start, without inline parsing.
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
