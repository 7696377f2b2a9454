// The renderer's fast path for a growing code fence at the start of the region: the opener, the closing line, the
// language. (Healing has its own fence scanners in heal/fence.ts: there a fence may sit inside quotes and lists.)
import { getMarkdownIt } from './md'

/** The language of a fence: the first word of its info string, `''` when none. */
export function langOf(info: string): string {
  return getMarkdownIt().utils.unescapeAll(info).trim().split(/\s+/)[0] ?? ''
}

/** A complete fence opener line at the start of `region`: its run, info string and length (with the newline). */
export function fenceStart(region: string): { marker: string; info: string; length: number } | null {
  const c = region[0]
  if (c !== '`' && c !== '~') return null
  let run = 1
  while (region[run] === c) run++
  const nl = region.indexOf('\n')
  if (run < 3 || nl === -1) return null
  return { marker: region.slice(0, run), info: region.slice(run, nl), length: nl + 1 }
}

/** The run of a closing fence line (up to 3 spaces, 3+ backticks or tildes, trailing blanks), or null. */
export function closingFenceRun(line: string): string | null {
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  const c = line[i]
  if (c !== '`' && c !== '~') return null
  let j = i
  while (line[j] === c) j++
  let k = j
  while (line[k] === ' ' || line[k] === '\t') k++
  return j - i >= 3 && k === line.length ? line.slice(i, j) : null
}

/** A fence open at the start of the region: where its body starts and how far it has been scanned for its close. */
export interface FenceState {
  bodyStart: number
  marker: string
  lang: string
  scanned: number
}
