/**
 * Tail healing: make the unfinished end of a streaming markdown document render as the reader will finally see
 * it, never as raw syntax. Applied only to the last (active) block while streaming; finished blocks and the
 * final render never go through it.
 */

const FENCE_OPEN = /^ {0,3}((?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*)[ \t]*(`{3,}|~{3,})(.*)$/
const FENCE_CLOSE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})[ \t]*$/
const PARTIAL_FENCE_LINE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`+|~+)[ \t]*$/
const PARTIAL_OPENER = /^ {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*[ \t]*(?:`{3,}[^`]*|~{3,}.*)$/
/** A line made only of block markers so far: `-`, `--`, `>`, `1.`, `1. **`, `#`, `|`, `- [ ]`, `===` … */
const MARKERS_ONLY = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)]?|#{1,6})[ \t]*)*(?:\[[ xX]?\]?)?[-=*_~`|:+ \t]*$/
const BLOCK_PREFIX = /^ {0,3}(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?|#{1,6}[ \t]+)?/
const DELIMITER_PARTIAL = /^[ \t]*\|?[ \t:|-]*$/
const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/

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
      const m = FENCE_CLOSE.exec(line)
      if (m && nl !== -1 && m[1]![0] === open.marker[0] && m[1]!.length >= open.marker.length) open = null
    } else {
      const m = FENCE_OPEN.exec(line)
      if (m && !(m[2]![0] === '`' && m[3]!.includes('`'))) {
        open = { start: pos, bodyStart: nl === -1 ? -1 : nl + 1, marker: m[2]! }
      }
    }
    if (nl === -1) break
    pos = nl + 1
  }
  return open
}

function isWs(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c)
}
function isPunct(c: string | undefined): boolean {
  return c !== undefined && /[\p{P}\p{S}]/u.test(c)
}

/** Replaces code spans by same-length filler so bracket/emphasis scans ignore them; reports an unclosed one. */
function maskCode(s: string): { masked: string; openCode: { pos: number; len: number } | null } {
  let out = ''
  let i = 0
  while (i < s.length) {
    const c = s[i]!
    if (c === '\\' && i + 1 < s.length) {
      out += '\u0001\u0001'
      i += 2
      continue
    }
    if (c !== '`') {
      out += c
      i++
      continue
    }
    let r = 1
    while (s[i + r] === '`') r++
    // find a closing run of exactly r backticks
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
  }
  return { masked: out, openCode: null }
}

/** Half-written links show their text; half-written images and autolinks are held back. */
function healLinks(seg: string): string {
  const { masked } = maskCode(seg)
  const limit = masked.length
  let m = /(!?)\[([^[\]]*)\]\([^)]*$/.exec(masked.slice(0, limit))
  if (!m) m = /(!?)\[([^[\]]*)\]$/.exec(masked.slice(0, limit))
  if (!m) m = /(!?)\[([^[\]]*)$/.exec(masked.slice(0, limit))
  if (m) {
    const start = m.index
    const textStart = start + m[1]!.length + 1
    const text = m[1] ? '' : seg.slice(textStart, textStart + m[2]!.length)
    seg = seg.slice(0, start) + text
  }
  const auto = /<(?:[a-zA-Z][^\s<>]*)?$/.exec(maskCode(seg).masked)
  if (auto) seg = seg.slice(0, auto.index)
  const ent = /&#?[a-zA-Z0-9]*$/.exec(seg)
  if (ent) seg = seg.slice(0, ent.index)
  if (/(^|[^\\])(\\\\)*\\$/.test(seg)) seg = seg.slice(0, -1)
  return seg
}

interface Opener {
  ch: string
  len: number
  pos: number
}

/** Closes open emphasis, strikethrough and inline code; drops dangling openers that have no text yet. */
function healInline(seg: string): string {
  seg = healLinks(seg.trimEnd()).trimEnd()
  const { masked, openCode } = maskCode(seg)
  const scanEnd = openCode ? openCode.pos : masked.length
  const stack: Opener[] = []
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
    const top = findOpener(stack, c)
    if (atEnd && canClose && top !== -1 && stack[top]!.len > r) {
      // `**bold*`: the closer is still being typed; drop it and close in full below.
      strip = i
    } else if (canClose && top !== -1) {
      stack.splice(top)
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
  for (let k = stack.length - 1; k >= 0; k--) {
    const o = stack[k]!
    if (o.pos >= out.length) continue
    const after = out.slice(o.pos + o.len)
    if (closers === '' && /^[\s*_~]*$/.test(after)) {
      out = out.slice(0, o.pos).trimEnd()
      continue
    }
    closers += o.ch.repeat(o.len)
  }
  if (closers && !openCode) out = out.trimEnd()
  return out + closers
}

function findOpener(stack: Opener[], ch: string): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.ch === ch) return k
  return -1
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/**
 * Heals the unfinished end of `text` (the active block(s) of a streaming message). Pure; returns `text` unchanged
 * when there is nothing to heal.
 */
export function healTail(text: string): string {
  if (text === '') return text
  const fence = findOpenFence(text)
  if (fence) {
    if (fence.bodyStart === -1) return text.slice(0, fence.start)
    const lastNl = text.lastIndexOf('\n')
    const last = text.slice(lastNl + 1)
    if (lastNl + 1 >= fence.bodyStart && last !== '' && PARTIAL_FENCE_LINE.test(last) && last.trim()[0] === fence.marker[0]) {
      return text.slice(0, lastNl + 1)
    }
    return text
  }

  // 1. An incomplete last line that is only block markers (or a fence opener) is held back until it resolves.
  const lastNl = text.lastIndexOf('\n')
  const last = text.slice(lastNl + 1)
  if (last !== '' && (MARKERS_ONLY.test(last) || PARTIAL_OPENER.test(last))) {
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
  const isPipe = (k: number) => k >= p && k < n && /^ {0,3}\|/.test(lines[k]!)
  const lastComplete = text.endsWith('\n')
  if (n - 1 >= p && isPipe(n - 1) && !isPipe(n - 2)) {
    return cut(text, starts[n - 1]!)
  }
  if (n - 2 >= p && isPipe(n - 2) && !isPipe(n - 3) && !isPipe(n - 1) && DELIMITER_PARTIAL.test(lines[n - 1]!)) {
    if (!lastComplete || !DELIMITER_ROW.test(lines[n - 1]!)) return cut(text, starts[n - 2]!)
  }

  // 4. Inline healing on the last inline segment: from the last line that starts a block construct.
  let s = n - 1
  while (s > p && BLOCK_PREFIX.exec(lines[s]!)![0] === '' && !/^ {0,3}\|/.test(lines[s]!)) s--
  let segStart = starts[s]! + BLOCK_PREFIX.exec(lines[s]!)![0].length
  if (s === n - 1 && /^ {0,3}\|/.test(lines[s]!)) {
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
