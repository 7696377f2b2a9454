// How MessageMarkdown lays out blocks: the caret's place in the tail, and groups of blocks (so a commit
// re-renders one group, not every finished block).
import type { MarkdownBlock } from '../../markdown/streaming'

export const CARET_HTML = '<span class="vcs-caret" aria-hidden="true"></span>'

const TRAILING_CLOSERS = new Set(['ul', 'ol', 'li', 'blockquote', 'label'])
const SLOT_TAGS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * Where the caret goes in a block's HTML: before the `</p>`, `</hN>` or `</li>` that ends the last text, when only
 * closing tags of lists, items, quotes and task labels follow it (never into code or a table). -1 when there is no such place.
 * A backward scan over the trailing closing tags: linear, whatever the HTML.
 */
export function caretSlot(html: string): number {
  // The trailing closing tags, right to left, down to the last `</p>` / `</hN>` (nothing left of it can be the
  // slot: it would be followed by a tag other than a list, item or quote closer).
  let slot = -1
  let i = html.length
  for (;;) {
    while (i > 0 && /\s/.test(html[i - 1]!)) i--
    if (html[i - 1] !== '>') break
    const open = html.lastIndexOf('</', i - 1)
    const name = open === -1 ? '' : html.slice(open + 2, i - 1)
    if (TRAILING_CLOSERS.has(name)) {
      if (name === 'li') slot = open
    } else if (SLOT_TAGS.has(name)) {
      return open
    } else {
      break
    }
    i = open
  }
  return slot
}

/** `html` with the caret at its slot, or null when it has none. */
export function withCaret(html: string): string | null {
  const at = caretSlot(html)
  return at === -1 ? null : html.slice(0, at) + CARET_HTML + html.slice(at)
}

/**
 * The caret in a block of parts: it belongs in the live part (the slot lies in `live + after` no later than the
 * end of `live`). null when it has no place there.
 */
export function liveWithCaret(live: string, after: string): string | null {
  const at = caretSlot(live + after)
  return at === -1 || at > live.length ? null : live.slice(0, at) + CARET_HTML + live.slice(at)
}

export interface BlockGroup {
  readonly key: string
  readonly blocks: readonly MarkdownBlock[]
}

/** Blocks per group: a commit re-renders the last group only; the list of groups is walked, not every block. */
export const GROUP_SIZE = 16

/**
 * Splits blocks into groups of {@link GROUP_SIZE} by position, keeping the previous group objects where their
 * blocks are the same (finished blocks keep their identity, so a full finished group is reused as is).
 */
export function groupBlocks(blocks: readonly MarkdownBlock[], previous: readonly BlockGroup[]): BlockGroup[] {
  const groups: BlockGroup[] = []
  for (let from = 0, g = 0; from < blocks.length; from += GROUP_SIZE, g++) {
    const to = Math.min(blocks.length, from + GROUP_SIZE)
    const old = previous[g]
    const last = blocks[to - 1]!
    if (old && old.blocks.length === to - from && old.blocks[0] === blocks[from] && old.blocks[to - from - 1] === last && last.final) {
      groups.push(old)
    } else {
      groups.push({ key: `g${g}`, blocks: blocks.slice(from, to) })
    }
  }
  return groups
}
