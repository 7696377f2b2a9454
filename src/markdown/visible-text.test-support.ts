import { blockToHtml } from './streaming'
import type { MarkdownBlock } from './streaming'

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" }

/** What a reader sees of rendered blocks: tags stripped, entities decoded (test helper, not exported publicly). */
export function visibleText(blocks: readonly MarkdownBlock[]): string {
  return blocks
    .map(blockToHtml)
    .join('')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e] ?? e)
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
