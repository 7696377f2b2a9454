// Code fences: an opener line, a fence left open at the end of the text, a line of only the fence run.
import { isBlank, isDigit, skipBlanks, skipQuoteMarkers } from './scan'

/** Past `>` quote markers (each with one optional space) and list markers (`-`, `*`, `+`, `1.`, `1)` + spaces). */
function skipContainerMarkers(line: string, i: number): number {
  for (;;) {
    const c = line[i]
    if (c === '>') {
      i++
      if (isBlank(line[i])) i++
      continue
    }
    if ((c === '-' || c === '*' || c === '+') && isBlank(line[i + 1])) {
      i = skipBlanks(line, i + 1)
      continue
    }
    if (isDigit(c)) {
      let j = i
      while (j - i < 9 && isDigit(line[j])) j++
      if ((line[j] === '.' || line[j] === ')') && isBlank(line[j + 1])) {
        i = skipBlanks(line, j + 1)
        continue
      }
    }
    return i
  }
}

function hasLineTerminator(s: string): boolean {
  return s.includes('\r') || s.includes('\u2028') || s.includes('\u2029')
}

/** A fence opener line (inside list/quote markers): its marker run (3+ backticks or tildes) and the rest. */
function scanFenceOpener(line: string): { marker: string; info: string } | null {
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  i = skipBlanks(line, skipContainerMarkers(line, i))
  const c = line[i]
  if (c !== '`' && c !== '~') return null
  let j = i
  while (line[j] === c) j++
  if (j - i < 3) return null
  return { marker: line.slice(i, j), info: line.slice(j) }
}

/** A fence line of only the run (after quote markers and blanks): the run, if it is `min`+ of one character. */
export function scanFenceOnlyLine(line: string, min: number): string | null {
  let i = skipBlanks(line, 0)
  i = skipBlanks(line, skipQuoteMarkers(line, i))
  const c = line[i]
  if (c !== '`' && c !== '~') return null
  let j = i
  while (line[j] === c) j++
  if (j - i < min || skipBlanks(line, j) !== line.length) return null
  return line.slice(i, j)
}

/** A line that opens a code fence (the info string of a backtick fence may not contain a backtick). */
function isFenceOpener(line: string): { marker: string } | null {
  const m = scanFenceOpener(line)
  if (!m || hasLineTerminator(m.info) || (m.marker[0] === '`' && m.info.includes('`'))) return null
  return m
}

/** An incomplete last line that is, so far, a fence opener: held back until its newline arrives. */
export function isPartialOpener(line: string): boolean {
  const m = scanFenceOpener(line)
  if (!m) return false
  return m.marker[0] === '`' ? !m.info.includes('`') : !hasLineTerminator(m.info)
}

export interface OpenFence {
  /** Offset of the opening fence line. */
  start: number
  /** Offset just after the opener line's newline (-1 if the opener line is still incomplete). */
  bodyStart: number
  marker: string
}

/** Finds a fenced code block left open at the end of `text` (lines scanned in order). */
export function findOpenFence(text: string): OpenFence | null {
  let open: OpenFence | null = null
  let pos = 0
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos)
    const end = nl === -1 ? text.length : nl
    const line = text.slice(pos, end)
    if (open) {
      const run = scanFenceOnlyLine(line, 3)
      if (run && nl !== -1 && run[0] === open.marker[0] && run.length >= open.marker.length) open = null
    } else {
      const m = isFenceOpener(line)
      if (m) open = { start: pos, bodyStart: nl === -1 ? -1 : nl + 1, marker: m.marker }
    }
    if (nl === -1) break
    pos = nl + 1
  }
  return open
}
