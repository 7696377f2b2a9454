// The last inline segment: half-written links first (./links), then open emphasis, strikethrough and inline code
// closed, or dropped while they hold no text yet (CommonMark flanking rules).
import { maskCode } from './codeSpans'
import { healLinks } from './links'

const WS = /\s/
const PUNCT = /[\p{P}\p{S}]/u
function isWs(c: string | undefined): boolean {
  return c === undefined || WS.test(c)
}
function isPunct(c: string | undefined): boolean {
  return c !== undefined && PUNCT.test(c)
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
export function healInline(seg: string): string {
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
