import { mulberry32 } from '../prng.js'

// Pieces the long answer is assembled from. The PRNG seed is fixed, so the fixture is the same text everywhere
// (a scenario's seed changes timings, never the answer).
const SUBJECTS = ['The stream client', 'The store', 'Each delta', 'The renderer', 'A reconnect', 'The parser', 'Every frame', 'The harness']
const VERBS = ['batches', 'validates', 'appends', 'memoizes', 'replays', 'splits', 'measures', 'heals']
const OBJECTS = [
  'the unfinished markdown tail',
  'frames that arrive out of rhythm',
  'each finished block exactly once',
  'the `Last-Event-ID` of the last complete frame',
  'tokens per animation frame',
  'the **bold** text that is still open',
  'a [link](https://example.com/docs) that is half written',
  'code fences until they close',
]
const ENDINGS = ['.', ', which keeps the page responsive.', ' without re-rendering old blocks.', ' — even at 200 tokens per second.', '; nothing else changes.']
const LANGS = ['ts', 'python', 'bash', 'json', 'go', 'rust']
const LONG_TARGET_BYTES = 110_000

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T
}

function sentence(rand: () => number): string {
  return `${pick(rand, SUBJECTS)} ${pick(rand, VERBS)} ${pick(rand, OBJECTS)}${pick(rand, ENDINGS)}`
}

function paragraph(rand: () => number): string {
  const n = 3 + Math.floor(rand() * 4)
  return Array.from({ length: n }, () => sentence(rand)).join(' ')
}

function codeBlock(rand: () => number, index: number): string {
  const lang = pick(rand, LANGS)
  const lines = Array.from({ length: 4 + Math.floor(rand() * 6) }, (_, i) => `  step_${index}_${i}(value${i}) // ${pick(rand, VERBS)}`)
  return ['```' + lang, `function section${index}() {`, ...lines, '}', '```'].join('\n')
}

function list(rand: () => number): string {
  return Array.from({ length: 3 + Math.floor(rand() * 3) }, (_, i) =>
    i % 2 === 0 ? `- ${sentence(rand)}` : `- ${sentence(rand)}\n  - ${sentence(rand)}`,
  ).join('\n')
}

function table(rand: () => number, index: number): string {
  const rows = Array.from({ length: 4 }, (_, i) => `| ${index}.${i} | ${Math.floor(rand() * 1000)} | ${pick(rand, VERBS)} |`)
  return ['| Row | Value | Action |', '|-----|------:|--------|', ...rows].join('\n')
}

/** A long answer (≥ 100 KB of UTF-8) mixing headings, paragraphs, lists, code and tables; always the same text. */
export function longMixedContent(): string {
  const rand = mulberry32(20240611)
  const parts: string[] = ['# A long answer\n\nThis answer is long on purpose: it checks that streaming stays cheap as the text grows.']
  let size = parts[0]!.length
  for (let i = 1; size < LONG_TARGET_BYTES; i++) {
    const section = [`## Section ${i}`, paragraph(rand), list(rand), paragraph(rand)]
    if (i % 3 === 0) section.push(codeBlock(rand, i))
    if (i % 4 === 0) section.push(table(rand, i))
    if (i % 5 === 0) section.push(`> ${sentence(rand)}`)
    const text = section.join('\n\n')
    parts.push(text)
    size += text.length + 2
  }
  parts.push('That is the end of the long answer.')
  return parts.join('\n\n') + '\n'
}
