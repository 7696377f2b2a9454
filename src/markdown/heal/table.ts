// GFM tables: pipe lines, delimiter rows (complete or being typed), the last cell of a row.
import { trimBlanks } from './scan'

export const isTableLine = (line: string) => line.startsWith('|') || line.startsWith(' |') || line.startsWith('  |') || line.startsWith('   |')

/** A line of only `|`, `:`, `-` and blanks: a delimiter row being typed. */
export const DELIMITER_PARTIAL = /^[\t :|-]*$/
const DELIMITER_CELL = /^:?-+:?$/

/** A complete GFM delimiter row: `|---|:-:|`, `--- | ---`, … */
export function isDelimiterRow(line: string): boolean {
  let s = trimBlanks(line)
  if (s.startsWith('|')) s = s.slice(1)
  if (s.endsWith('|')) s = s.slice(0, -1)
  return s.split('|').every((cell) => DELIMITER_CELL.test(trimBlanks(cell)))
}

/** Offset of the last `|` in `line` that no backslash escapes, or -1. */
export function lastUnescapedPipe(line: string): number {
  for (let i = line.lastIndexOf('|'); i !== -1; i = line.lastIndexOf('|', i - 1)) {
    let bs = 0
    while (line[i - 1 - bs] === '\\') bs++
    if (bs % 2 === 0) return i
    if (i === 0) break
  }
  return -1
}
