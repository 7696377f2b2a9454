/**
 * Tail healing: make the unfinished end of a streaming markdown document render as the reader will finally see
 * it, never as raw syntax. Applied only to the last (active) block while streaming; finished blocks and the
 * final render never go through it.
 *
 * Model output is untrusted input: every scan here is linear in the text it is given (hand-written scanners
 * where a regular expression would need nested or adjacent quantifiers over the same characters; the
 * `regexp/no-super-linear-*` lint rules keep it that way).
 */

import { lineOffsets } from '../lines'
import { findOpenFence, isPartialOpener, scanFenceOnlyLine } from './fence'
import { healInline } from './inline'
import { blockPrefixLength, isMarkersOnly } from './markers'
import { DELIMITER_PARTIAL, isDelimiterRow, isTableLine, lastUnescapedPipe } from './table'

export { findOpenFence } from './fence'
export type { OpenFence } from './fence'
export { MAX_HEALED_OPENERS } from './inline'

/**
 * Heals the unfinished end of `text` (the active block(s) of a streaming message). Pure; returns `text` unchanged
 * when there is nothing to heal. Linear in the length of `text`.
 */
export function healTail(text: string): string {
  if (text === '') return text
  const fence = findOpenFence(text)
  if (fence) {
    if (fence.bodyStart === -1) return text.slice(0, fence.start)
    const lastNl = text.lastIndexOf('\n')
    const last = text.slice(lastNl + 1)
    if (lastNl + 1 >= fence.bodyStart && last !== '' && scanFenceOnlyLine(last, 1) !== null && last.trim()[0] === fence.marker[0]) {
      return text.slice(0, lastNl + 1)
    }
    return text
  }

  // 1. An incomplete last line that is only block markers (or a fence opener) is held back until it resolves.
  const lastNl = text.lastIndexOf('\n')
  const last = text.slice(lastNl + 1)
  if (last !== '' && (isMarkersOnly(last) || isPartialOpener(last))) {
    text = text.slice(0, lastNl + 1)
  }
  if (text.trim() === '') return ''

  // 2. Lines of the last paragraph (after the last blank line).
  const starts = lineOffsets(text)
  const lines = starts.map((s, k) => text.slice(s, k + 1 < starts.length ? starts[k + 1]! - 1 : text.length))
  let n = lines.length
  if (lines[n - 1] === '') n-- // text ends with a newline
  let p = n - 1
  while (p > 0 && lines[p - 1]!.trim() !== '') p--

  // 3. A table appears once its delimiter row exists: hold back a pipe header (and a half-typed delimiter row).
  const isPipe = (k: number) => k >= p && k < n && isTableLine(lines[k]!)
  const lastComplete = text.endsWith('\n')
  if (n - 1 >= p && isPipe(n - 1) && !isPipe(n - 2)) {
    return cut(text, starts[n - 1]!)
  }
  if (n - 2 >= p && isPipe(n - 2) && !isPipe(n - 3) && !isPipe(n - 1) && DELIMITER_PARTIAL.test(lines[n - 1]!)) {
    if (!lastComplete || !isDelimiterRow(lines[n - 1]!)) return cut(text, starts[n - 2]!)
  }

  // 4. Inline healing on the last inline segment: from the last line that starts a block construct.
  let s = n - 1
  while (s > p && blockPrefixLength(lines[s]!) === 0 && !isTableLine(lines[s]!)) s--
  let segStart = starts[s]! + blockPrefixLength(lines[s]!)
  if (s === n - 1 && isTableLine(lines[s]!)) {
    const lastPipe = lastUnescapedPipe(lines[s]!)
    segStart = Math.max(segStart, starts[s]! + lastPipe + 1)
    if (lastPipe === lines[s]!.length - 1 || lines[s]!.slice(lastPipe + 1).trim() === '') return text
  }
  const head = text.slice(0, segStart)
  const seg = text.slice(segStart)
  const healed = healInline(seg)
  if (healed === seg || healed === seg.trimEnd()) return text
  const out = head + healed
  return out.trim() === '' ? '' : out
}

function cut(text: string, at: number): string {
  const out = text.slice(0, at)
  return out.trim() === '' ? '' : healTail(out)
}
