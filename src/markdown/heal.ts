/**
 * Tail healing: make the unfinished end of a streaming markdown document render as the reader will finally see
 * it, never as raw syntax. Applied only to the last (active) block while streaming; finished blocks and the
 * final render never go through it.
 *
 * Model output is untrusted input: every scan here is linear in the text it is given (hand-written scanners
 * where a regular expression would need nested or adjacent quantifiers over the same characters; the
 * `regexp/no-super-linear-*` lint rules keep it that way).
 */

const isBlank = (c: string | undefined) => c === ' ' || c === '\t'
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'

function skipBlanks(line: string, i: number): number {
  while (isBlank(line[i])) i++
  return i
}

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
function scanFenceOnlyLine(line: string, min: number): string | null {
  let i = skipBlanks(line, 0)
  while (line[i] === '>') {
    i++
    if (isBlank(line[i])) i++
  }
  i = skipBlanks(line, i)
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
function isPartialOpener(line: string): boolean {
  const m = scanFenceOpener(line)
  if (!m) return false
  return m.marker[0] === '`' ? !m.info.includes('`') : !hasLineTerminator(m.info)
}

const MARKER_TAIL = new Set(['-', '=', '*', '_', '~', '`', '|', ':', '+', ' ', '\t'])

/** A line made only of block markers so far: `-`, `--`, `>`, `1.`, `1. **`, `#`, `|`, `- [ ]`, `===` … */
function isMarkersOnly(line: string): boolean {
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
function blockPrefixLength(line: string): number {
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  while (line[i] === '>') {
    i++
    if (isBlank(line[i])) i++
  }
  i = skipBlanks(line, i)
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

const isTableLine = (line: string) => line.startsWith('|') || line.startsWith(' |') || line.startsWith('  |') || line.startsWith('   |')

/** A line of only `|`, `:`, `-` and blanks: a delimiter row being typed. */
const DELIMITER_PARTIAL = /^[\t :|-]*$/
const DELIMITER_CELL = /^:?-+:?$/

function trimBlanks(s: string): string {
  let a = 0
  let b = s.length
  while (a < b && isBlank(s[a])) a++
  while (b > a && isBlank(s[b - 1])) b--
  return s.slice(a, b)
}

/** A complete GFM delimiter row: `|---|:-:|`, `--- | ---`, … */
function isDelimiterRow(line: string): boolean {
  let s = trimBlanks(line)
  if (s.startsWith('|')) s = s.slice(1)
  if (s.endsWith('|')) s = s.slice(0, -1)
  return s.split('|').every((cell) => DELIMITER_CELL.test(trimBlanks(cell)))
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

const WS = /\s/
const PUNCT = /[\p{P}\p{S}]/u
function isWs(c: string | undefined): boolean {
  return c === undefined || WS.test(c)
}
function isPunct(c: string | undefined): boolean {
  return c !== undefined && PUNCT.test(c)
}

/** Replaces code spans by same-length filler so bracket/emphasis scans ignore them; reports an unclosed one. */
function maskCode(s: string): { masked: string; openCode: { pos: number; len: number } | null } {
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

interface DanglingLink {
  /** Where the link (or image, with its `!`) starts. */
  start: number
  image: boolean
  /** The link text so far. */
  textStart: number
  textEnd: number
}

/** Offset of the last `[` or `]` before `end`, or -1. */
function lastBracket(s: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) if (s[i] === '[' || s[i] === ']') return i
  return -1
}

function dangling(masked: string, s: number, textEnd: number): DanglingLink {
  const image = s > 0 && masked[s - 1] === '!'
  return { start: image ? s - 1 : s, image, textStart: s + 1, textEnd }
}

/**
 * The half-written link at the end of `masked`, if any, in this order: `[text](partial`, `[text]`, `[text`
 * (link text without brackets; the leftmost such link wins).
 */
function findDanglingLink(masked: string): DanglingLink | null {
  // `[text](rest` with no `)` in rest: the `](` lies after the last `)`. Candidates left to right; the bracket
  // before each is found scanning back over bracket-free text, so the scans never overlap.
  const lastParen = masked.lastIndexOf(')')
  for (let j = masked.indexOf('](', lastParen + 1); j !== -1; j = masked.indexOf('](', j + 2)) {
    const s = lastBracket(masked, j)
    if (s !== -1 && masked[s] === '[') return dangling(masked, s, j)
  }
  if (masked.endsWith(']')) {
    const s = lastBracket(masked, masked.length - 1)
    if (s !== -1 && masked[s] === '[') return dangling(masked, s, masked.length - 1)
  }
  const s = masked.lastIndexOf('[')
  if (s !== -1 && masked.indexOf(']', s) === -1) return dangling(masked, s, masked.length)
  return null
}

const AUTOLINK_REST = /^[a-z][^\s<>]*$/i
const ENTITY_REST = /^#?[a-z0-9]*$/i

/** Half-written links show their text; half-written images and autolinks are held back. */
function healLinks(seg: string): string {
  const link = findDanglingLink(maskCode(seg).masked)
  if (link) seg = seg.slice(0, link.start) + (link.image ? '' : seg.slice(link.textStart, link.textEnd))
  const masked = maskCode(seg).masked
  const lt = masked.lastIndexOf('<')
  if (lt !== -1 && (lt === masked.length - 1 || AUTOLINK_REST.test(masked.slice(lt + 1)))) seg = seg.slice(0, lt)
  const amp = seg.lastIndexOf('&')
  if (amp !== -1 && ENTITY_REST.test(seg.slice(amp + 1))) seg = seg.slice(0, amp)
  let backslashes = 0
  while (seg[seg.length - 1 - backslashes] === '\\') backslashes++
  if (backslashes % 2 === 1) seg = seg.slice(0, -1)
  return seg
}

interface Opener {
  ch: string
  len: number
  pos: number
}

/**
 * Beyond this many open emphasis runs the tail is left as written: closing thousands of openers (`*a **a *a …`)
 * would build a tree as deep, and such runs stay literal in the final render anyway.
 */
export const MAX_HEALED_OPENERS = 32

/** Openers on a stack, with the topmost index per marker character found in O(1). */
class OpenerStack {
  readonly items: Opener[] = []
  private readonly byChar = new Map<string, number[]>([
    ['*', []],
    ['_', []],
    ['~', []],
  ])

  push(o: Opener): void {
    this.byChar.get(o.ch)!.push(this.items.length)
    this.items.push(o)
  }

  /** Index of the topmost opener of `ch`, or -1. */
  top(ch: string): number {
    const list = this.byChar.get(ch)!
    return list.length > 0 ? list[list.length - 1]! : -1
  }

  /** Drops the opener at `index` and everything above it. */
  truncate(index: number): void {
    this.items.length = index
    for (const list of this.byChar.values()) while (list.length > 0 && list[list.length - 1]! >= index) list.pop()
  }
}

const DELIM_OR_WS = /[\s*_~]/

/** Closes open emphasis, strikethrough and inline code; drops dangling openers that have no text yet. */
function healInline(seg: string): string {
  seg = healLinks(seg.trimEnd()).trimEnd()
  const { masked, openCode } = maskCode(seg)
  const scanEnd = openCode ? openCode.pos : masked.length
  const stack = new OpenerStack()
  let strip = -1
  let i = 0
  while (i < scanEnd) {
    const c = masked[i]!
    if (c !== '*' && c !== '_' && c !== '~') {
      i++
      continue
    }
    let r = 1
    while (masked[i + r] === c) r++
    const prev = masked[i - 1]
    const next = i + r < masked.length ? masked[i + r] : undefined
    const atEnd = i + r >= scanEnd && !openCode
    if (c === '~' && r !== 2) {
      if (atEnd && r === 1) strip = i
      i += r
      continue
    }
    const left = !isWs(next) && (!isPunct(next) || isWs(prev) || isPunct(prev))
    const right = !isWs(prev) && (!isPunct(prev) || isWs(next) || isPunct(next))
    const canOpen = c === '_' ? left && (!right || isPunct(prev)) : left
    const canClose = c === '_' ? right && (!left || isPunct(next)) : right
    const top = stack.top(c)
    if (atEnd && canClose && top !== -1 && stack.items[top]!.len > r) {
      // `**bold*`: the closer is still being typed; drop it and close in full below.
      strip = i
    } else if (canClose && top !== -1) {
      stack.truncate(top)
    } else if (atEnd) {
      strip = i
    } else if (canOpen) {
      stack.push({ ch: c, len: r, pos: i })
    }
    i += r
  }
  let out = strip === -1 ? seg : seg.slice(0, strip).trimEnd()
  let closers = ''
  if (openCode) {
    const body = seg.slice(openCode.pos + openCode.len)
    if (body.trim() === '' || strip !== -1) {
      out = out.slice(0, Math.min(out.length, openCode.pos)).trimEnd()
    } else {
      // A code span cannot end with a lone backtick next to its closer; a space keeps it readable.
      closers = (body.endsWith('`') ? ' ' : '') + '`'.repeat(openCode.len)
    }
  }
  const openers = stack.items
  if (openers.length > MAX_HEALED_OPENERS) return out + closers
  // The last character that is not whitespace or an emphasis marker: an opener after it has no text yet.
  let lastText = out.length - 1
  while (lastText >= 0 && DELIM_OR_WS.test(out[lastText]!)) lastText--
  for (let k = openers.length - 1; k >= 0; k--) {
    const o = openers[k]!
    if (o.pos >= out.length) continue
    if (closers === '' && lastText < o.pos + o.len) {
      out = out.slice(0, o.pos).trimEnd()
      lastText = Math.min(lastText, out.length - 1)
      while (lastText >= 0 && DELIM_OR_WS.test(out[lastText]!)) lastText--
      continue
    }
    closers += o.ch.repeat(o.len)
  }
  if (closers && !openCode) out = out.trimEnd()
  return out + closers
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

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
  const starts = lineStarts(text)
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

function lastUnescapedPipe(line: string): number {
  for (let i = line.lastIndexOf('|'); i !== -1; i = line.lastIndexOf('|', i - 1)) {
    let bs = 0
    while (line[i - 1 - bs] === '\\') bs++
    if (bs % 2 === 0) return i
    if (i === 0) break
  }
  return -1
}
