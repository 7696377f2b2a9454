// Half-written links, images, autolinks, entities and a trailing backslash at the end of an inline segment.
import { maskCode } from './codeSpans'

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
export function healLinks(seg: string): string {
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
