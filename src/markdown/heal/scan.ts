// Scanner primitives shared by the healing rules: character classes, blanks, quote markers.

export const isBlank = (c: string | undefined) => c === ' ' || c === '\t'
export const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'

export function skipBlanks(line: string, i: number): number {
  while (isBlank(line[i])) i++
  return i
}

/** `s` without leading and trailing spaces and tabs. */
export function trimBlanks(s: string): string {
  let a = 0
  let b = s.length
  while (a < b && isBlank(s[a])) a++
  while (b > a && isBlank(s[b - 1])) b--
  return s.slice(a, b)
}

/** Past `>` quote markers, each with one optional blank. */
export function skipQuoteMarkers(line: string, i: number): number {
  while (line[i] === '>') {
    i++
    if (isBlank(line[i])) i++
  }
  return i
}
