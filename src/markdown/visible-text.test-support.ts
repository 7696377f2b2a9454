import { blockToHtml } from './streaming'
import type { MarkdownBlock } from './streaming'

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" }

/** Removes `<…>` runs (what `/<[^>]*>/g` does, without its quadratic scan of a `<` that never closes). */
function stripTags(html: string): string {
  let out = ''
  let i = 0
  for (;;) {
    const lt = html.indexOf('<', i)
    const gt = lt === -1 ? -1 : html.indexOf('>', lt)
    if (gt === -1) return out + html.slice(i)
    out += html.slice(i, lt)
    i = gt + 1
  }
}

/** What a reader sees of rendered blocks: tags stripped, entities decoded (test helper, not exported publicly). */
export function visibleText(blocks: readonly MarkdownBlock[]): string {
  return stripTags(blocks.map(blockToHtml).join('')).replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e)
}

/** Markdown syntax a reader must never see flash while a message streams. */
export const MARKERS = ['**', '__', '~~', '`', '[', ']', '](', '|', '#', '>', '*', '_', '~', '\\', '<', '&', '!['] as const

export function countOf(haystack: string, needle: string): number {
  let n = 0
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++
  return n
}

/** Markers visible in `prefixText` beyond what the final render shows: a flash. Empty when none. */
export function markerFlashes(prefixText: string, finalText: string): string[] {
  return MARKERS.filter((m) => countOf(prefixText, m) > countOf(finalText, m))
}
