import type { Fixture } from './messages.js'

/** How the answer is cut into deltas, and how frames are cut into network writes. */
export interface ChunkingSpec {
  /**
   * Deltas: `auto` = the fixture's scripted deltas when it has them, else `word`; `word` = word-ish tokens
   * (leading spaces attached, long words split), `char` = one code point per delta, `fixed` = `size` code points.
   * @default 'auto'
   */
  tokens: 'auto' | 'word' | 'char' | 'fixed'
  /** Code points per delta for `fixed`. @default 16 */
  size: number
  /**
   * Network writes: `frame` = one write per frame; a number N = writes of at most N bytes, so frames (and
   * UTF-8 characters) are split across chunks. Only a real socket keeps these boundaries; a service worker
   * re-buffers them. @default 'frame'
   */
  bytes: 'frame' | number
}

/** Built-in chunkings. */
export const chunkings = {
  auto: { tokens: 'auto', size: 16, bytes: 'frame' },
  word: { tokens: 'word', size: 16, bytes: 'frame' },
  char: { tokens: 'char', size: 1, bytes: 'frame' },
  'fixed-16': { tokens: 'fixed', size: 16, bytes: 'frame' },
  /** Word deltas, written 7 bytes at a time: frames and multi-byte characters split mid-way. */
  'split-7-bytes': { tokens: 'auto', size: 16, bytes: 7 },
  /** Word deltas, written one byte at a time. */
  'split-1-byte': { tokens: 'auto', size: 16, bytes: 1 },
} as const satisfies Record<string, ChunkingSpec>

export type ChunkingName = keyof typeof chunkings
export const chunkingNames = Object.keys(chunkings) as ChunkingName[]

// Word-ish like an LLM tokenizer: spaces stick to the following word, words longer than 12 letters are split,
// punctuation comes in runs of up to 3; every character is matched by exactly one alternative.
const WORD = /(?<![ \t])[ \t]*(?:[\p{L}\p{M}\p{N}_]{1,12}|[^\s\p{L}\p{M}\p{N}_]{1,3})|\s/gu

const cache = new WeakMap<Fixture, Map<string, readonly string[]>>()

/** Cut a fixture into deltas; joined they always equal `fixture.content`. Results are cached per fixture. */
export function tokenize(fixture: Fixture, chunking: ChunkingSpec): readonly string[] {
  const key = `${chunking.tokens}:${chunking.size}`
  let byKey = cache.get(fixture)
  if (!byKey) cache.set(fixture, (byKey = new Map()))
  let deltas = byKey.get(key)
  if (!deltas) byKey.set(key, (deltas = cut(fixture, chunking)))
  return deltas
}

function cut(fixture: Fixture, chunking: ChunkingSpec): string[] {
  const text = fixture.content
  if (text === '') return []
  const mode = chunking.tokens === 'auto' ? (fixture.script ? 'script' : 'word') : chunking.tokens
  if (mode === 'script') return [...fixture.script!]
  if (mode === 'word') return text.match(WORD) ?? []
  const points = Array.from(text)
  const size = mode === 'char' ? 1 : Math.max(1, Math.floor(chunking.size))
  const out: string[] = []
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(''))
  return out
}
