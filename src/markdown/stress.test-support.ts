/**
 * Pathological but ordinary model answers (issue 14): each stresses one block kind at a size where a renderer that
 * re-parses the whole unfinished block per commit falls behind. Deterministic; shared by tests, stories and bench.
 */

export interface StressCase {
  /** Story/bench name. */
  readonly title: string
  /** What it stresses, in a sentence. */
  readonly description: string
  readonly content: string
}

const WORDS = ['stream', 'render', 'the', 'block', 'frame', 'parser', 'of', 'a', 'tail', 'reader', 'layout', 'and', 'commit', 'text', 'is', 'growing']

function words(seed: number, n: number): string {
  let s = seed >>> 0
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    out.push(WORDS[(s >>> 16) % WORDS.length]!)
  }
  return out.join(' ')
}

const PI_50 = '3.14159265358979323846264338327950288419716939937510'

/** Lines that start with long digit runs (π to 50 decimals, grouped numbers): the `MARKERS_ONLY` blow-up. */
function digitRuns(): string {
  const lines: string[] = ['Answer:', '']
  for (let i = 0; i < 300; i++) {
    if (i % 3 === 0) lines.push(`${PI_50} is π to 50 decimals (line ${i}).`)
    else if (i % 3 === 1) lines.push(`1234567890 2345678901 3456789012 4567890123 and ${words(i, 6)}`)
    else lines.push(`${String(10 ** 12 + i * 7919)}${'0123456789'.repeat(3)} ${words(i, 4)}`)
    lines.push('')
  }
  return lines.join('\n')
}

/** One 200 KB paragraph of prose with inline formatting sprinkled in (no blank line until the end). */
function longParagraph(): string {
  const parts: string[] = []
  let size = 0
  for (let i = 0; size < 200_000; i++) {
    const w = words(i, 12)
    const line = i % 7 === 0 ? `**${w}** ` : i % 11 === 0 ? `\`${w.split(' ')[0]}\` ${w} ` : i % 13 === 0 ? `[${w.split(' ')[1]}](https://example.com/${i}) ${w} ` : `${w}. `
    parts.push(i % 5 === 4 ? line.trimEnd() + '\n' : line)
    size += line.length
  }
  return `Intro line.\n\n${parts.join('').trimEnd()}\n`
}

function longList(): string {
  return `Items:\n\n${Array.from({ length: 5000 }, (_, i) => `- item ${i + 1} with **bold ${i}** and ${words(i, 4)}`).join('\n')}\n`
}

function bigTable(): string {
  const head = `| ${Array.from({ length: 8 }, (_, c) => `Col ${c + 1}`).join(' | ')} |`
  const delim = `|${Array.from({ length: 8 }, (_, c) => (c % 3 === 1 ? ':---:' : c % 3 === 2 ? '---:' : '---')).join('|')}|`
  const rows = Array.from({ length: 300 }, (_, r) => `| ${Array.from({ length: 8 }, (_, c) => (c === 0 ? `**${r}**` : c === 3 ? `\`v${r}\`` : `${words(r * 8 + c, 2)}`)).join(' | ')} |`)
  return `Table:\n\n${[head, delim, ...rows].join('\n')}\n`
}

function longCode(): string {
  const lines = Array.from({ length: 3000 }, (_, i) =>
    i % 10 === 0 ? `/** step ${i}: a comment that spans` : i % 10 === 1 ? '   two lines */' : `export const value${i}: number = compute(${i}, "s${i}") // ${words(i, 3)}`,
  )
  return `Code:\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\`\n`
}

function longQuote(): string {
  return `Quoted:\n\n${Array.from({ length: 2000 }, (_, i) => `> line ${i} with *emphasis ${i}* and ${words(i, 5)}`).join('\n')}\n`
}

/** `*a **a ` repeated: every `*` opens, nothing closes — healing must not build a 20k-deep tree per commit. */
function emphasisSoup(): string {
  return `Soup:\n\n${'*a **a '.repeat(20_000).trimEnd()}\n`
}

export const stressCases = {
  'digit-runs': { title: 'Digit-run lines', description: 'Lines that start with π to 50 decimals and long digit groups.', content: digitRuns() },
  'long-paragraph': { title: '200 KB paragraph', description: 'One paragraph of 200 KB with bold, code and links.', content: longParagraph() },
  'long-list': { title: '5,000-item list', description: 'A bullet list of 5,000 items.', content: longList() },
  'big-table': { title: '300 × 8 table', description: 'A GFM table of 300 rows and 8 columns.', content: bigTable() },
  'long-code': { title: '3,000-line code block', description: 'One TypeScript fence of 3,000 lines.', content: longCode() },
  'long-quote': { title: '2,000 quoted lines', description: 'A blockquote of 2,000 lines.', content: longQuote() },
  'emphasis-soup': { title: 'Emphasis soup', description: '`*a **a ` × 20,000: openers that never close.', content: emphasisSoup() },
} as const satisfies Record<string, StressCase>

export type StressCaseName = keyof typeof stressCases
export const stressCaseNames = Object.keys(stressCases) as StressCaseName[]
