// Line arithmetic on markdown source: where lines start and end.

/** Offset of every line start in `text`. */
export function lineOffsets(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Where the line at `from` ends (excluding the newline). */
export function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from)
  return nl === -1 ? text.length : nl
}

/** Offset just after the newline that ends the line at `from` (or the end of the text). */
export function lineEndAfter(text: string, from: number): number {
  const nl = text.indexOf('\n', from)
  return nl === -1 ? text.length : nl + 1
}
