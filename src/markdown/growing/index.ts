/**
 * Growing blocks: a large unfinished paragraph, list, table or quoted paragraph is rendered in parts, so that a
 * commit costs what it adds, not what the block already holds. Finished parts (paragraph pieces that close
 * everything they open, list items followed by another item, complete table rows) are rendered once and never
 * again; only the live part after the last of them is healed and rendered per commit. Whether a new line still
 * belongs to the block is decided by markdown-it itself on a two-line window.
 *
 * When a block ends, its HTML is its parts joined: the same HTML markdown-it gives the whole block (every part
 * is rendered by markdown-it with the context that can affect it; property tests check the equality).
 * Anything this cannot follow (a setext underline, a list turning loose, a table interrupting a paragraph, nested
 * blocks in a quote) gives up (`null`) and the caller renders the block whole again.
 */
import type { Token } from 'markdown-it'
import { ListGrowth } from './list'
import { ParagraphGrowth, QuoteGrowth } from './paragraph'
import { closeOf } from './shared'
import type { Growth, GrowthOptions, GrowthStep } from './shared'
import type { MarkdownHtmlBlock } from '../blocks'
import { TableGrowth } from './table'

export { parseBlocks } from './shared'
export type { GrowingKind, Growth, GrowthOptions, GrowthStep, HtmlParts } from './shared'

/**
 * A growth for the block that starts `region`, if it is one of the kinds that can grow in parts (`first` is the
 * block's opening token from a parse of the region).
 */
export function startGrowth(o: GrowthOptions, region: string, first: Token, tokens: readonly Token[]): Growth | null {
  switch (first.type) {
    case 'paragraph_open':
      return new ParagraphGrowth(o)
    case 'bullet_list_open':
    case 'ordered_list_open':
      return ListGrowth.create(o, region)
    case 'table_open':
      return TableGrowth.create(o, region)
    case 'blockquote_open': {
      // Only a quote that holds one paragraph (the common long quote).
      const close = closeOf(tokens, 0)
      return tokens[1]?.type === 'paragraph_open' && closeOf(tokens, 1) === close - 1 ? new QuoteGrowth(o) : null
    }
    default:
      return null
  }
}

/** A block of parts: every finished part went through `sanitize` already; its HTML is joined lazily, when read. */
export function partsBlock(index: number, step: GrowthStep, final: boolean): MarkdownHtmlBlock {
  const { before, after, stable, count, live } = step.parts
  let html: string | null = null
  return {
    kind: 'html',
    key: `b${index}`,
    index,
    final,
    tag: step.tag,
    parts: step.parts,
    get html() {
      // A copy that does not keep the whole message's text alive (detach); joined once, when read.
      html ??= (' ' + before + stable.slice(0, count).join('') + live + after).slice(1)
      return html
    },
  }
}
