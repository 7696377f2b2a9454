// Scanner primitives shared by the healing rules: character classes, blank skipping, line starts.

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

/** Offset of every line start in `text`. */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}
