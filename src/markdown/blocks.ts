// The blocks a streaming render returns: HTML blocks (maybe grown in parts) and fenced code blocks.
import type { HtmlParts } from './growing/shared'
import { getMarkdownIt } from './md'

interface BlockBase {
  /** Stable per position: `b0`, `b1`, … A block keeps its key from its first character to the end. */
  readonly key: string
  readonly index: number
  /** Finished: will not change again for this message (memoized, never re-rendered). */
  readonly final: boolean
}

/** A block rendered to (sanitized) HTML: paragraph, heading, list, table, blockquote, rule … */
export interface MarkdownHtmlBlock extends BlockBase {
  readonly kind: 'html'
  /** The block's top-level tag, e.g. `p`, `ul`, `table`, `h2`. */
  readonly tag: string
  readonly html: string
  /**
   * Set when a large block grew in parts (a long paragraph, list, table or quoted paragraph): `html` is
   * `before + stable[0..count) + live + after`, and a view can append the new stable parts and replace only the
   * live one instead of re-rendering the block. Stays on the block once it is finished.
   */
  readonly parts?: HtmlParts
}

/** A top-level fenced code block; highlighted by the component, not by the markdown renderer. */
export interface MarkdownCodeBlock extends BlockBase {
  readonly kind: 'code'
  /** The fence's language (first word of the info string), `''` when none. */
  readonly lang: string
  readonly code: string
}

export type MarkdownBlock = MarkdownHtmlBlock | MarkdownCodeBlock

/** Plain HTML of a block: code blocks as markdown-it renders a fence (`<pre><code class="language-x">`). */
export function blockToHtml(block: MarkdownBlock): string {
  if (block.kind === 'html') return block.html
  const md = getMarkdownIt()
  const cls = block.lang ? ` class="${md.options.langPrefix}${md.utils.escapeHtml(block.lang)}"` : ''
  return `<pre><code${cls}>${md.utils.escapeHtml(block.code)}</code></pre>\n`
}
