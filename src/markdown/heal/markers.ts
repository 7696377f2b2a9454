// Block markers at the start of a line: a line of only markers so far, and the length of a line's block prefix.
import { isBlank, isDigit, skipBlanks, skipQuoteMarkers } from './scan'

const MARKER_TAIL = new Set(['-', '=', '*', '_', '~', '`', '|', ':', '+', ' ', '\t'])

/** A line made only of block markers so far: `-`, `--`, `>`, `1.`, `1. **`, `#`, `|`, `- [ ]`, `===` … */
export function isMarkersOnly(line: string): boolean {
  let i = skipBlanks(line, 0)
  for (;;) {
    const c = line[i]
    if (c === '>' || c === '-' || c === '*' || c === '+') {
      i = skipBlanks(line, i + 1)
    } else if (isDigit(c)) {
      while (isDigit(line[i])) i++
      if (line[i] === '.' || line[i] === ')') i++
      i = skipBlanks(line, i)
    } else if (c === '#') {
      while (line[i] === '#') i++
      i = skipBlanks(line, i)
    } else {
      break
    }
  }
  if (line[i] === '[') {
    i++
    if (line[i] === ' ' || line[i] === 'x' || line[i] === 'X') i++
    if (line[i] === ']') i++
  }
  for (; i < line.length; i++) if (!MARKER_TAIL.has(line[i]!)) return false
  return true
}

/** Length of a line's block prefix: indentation, quote markers, a list marker (with task box) or heading marker. */
export function blockPrefixLength(line: string): number {
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  i = skipBlanks(line, skipQuoteMarkers(line, i))
  const c = line[i]
  let after = -1
  if (c === '-' || c === '*' || c === '+') {
    after = i + 1
  } else if (isDigit(c)) {
    let k = i
    while (k - i < 9 && isDigit(line[k])) k++
    if (line[k] === '.' || line[k] === ')') after = k + 1
  } else if (c === '#') {
    let k = i
    while (k - i < 6 && line[k] === '#') k++
    return isBlank(line[k]) ? skipBlanks(line, k) : i
  }
  if (after === -1 || !isBlank(line[after])) return i
  let k = skipBlanks(line, after)
  const box = line[k + 1]
  if (line[k] === '[' && (box === ' ' || box === 'x' || box === 'X') && line[k + 2] === ']' && isBlank(line[k + 3])) k = skipBlanks(line, k + 3)
  return k
}
