// Inline code spans, masked so that bracket and emphasis scans do not look inside them.

/** Replaces code spans by same-length filler so bracket/emphasis scans ignore them; reports an unclosed one. */
export function maskCode(s: string): { masked: string; openCode: { pos: number; len: number } | null } {
  let out = ''
  let from = 0
  let i = 0
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (c !== 0x5c /* \\ */ && c !== 0x60 /* ` */) {
      i++
      continue
    }
    out += s.slice(from, i)
    if (c === 0x5c) {
      if (i + 1 < s.length) {
        out += '\u0001\u0001'
        i += 2
      } else {
        out += '\\'
        i++
      }
      from = i
      continue
    }
    let r = 1
    while (s[i + r] === '`') r++
    // find a closing run of exactly r backticks (scanning stops there: linear overall)
    let j = i + r
    let close = -1
    while (j < s.length) {
      const k = s.indexOf('`', j)
      if (k === -1) break
      let rr = 1
      while (s[k + rr] === '`') rr++
      if (rr === r) {
        close = k
        break
      }
      j = k + rr
    }
    if (close === -1) return { masked: out, openCode: { pos: i, len: r } }
    out += '\u0002'.repeat(close + r - i)
    i = close + r
    from = i
  }
  return { masked: out + s.slice(from), openCode: null }
}
