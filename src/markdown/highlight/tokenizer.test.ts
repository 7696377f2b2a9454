import { describe, expect, it } from 'vitest'
import { CODE_COLOR_REPLACEMENTS, CODE_THEMES, ensureLanguage, getHighlighter } from './highlighter'
import { resolveLanguage } from './languages'
import { CodeTokenizer } from './tokenizer'

const TS = `// A comment
/* a block comment
   spanning lines */
const template = \`multi
line \${1 + 2} template\`
export function add(a: number, b: number): number {
  return a + b // sum
}
`

describe('CodeTokenizer', () => {
  it('resolves aliases and refuses unknown languages', async () => {
    expect(resolveLanguage('ts')).toBe('typescript')
    expect(resolveLanguage('Python')).toBe('python')
    expect(resolveLanguage('brainfuck')).toBeNull()
    expect(await ensureLanguage('brainfuck')).toBe(false)
  })

  it('tokenizes a block streamed char by char exactly like a one-shot tokenization, reusing complete lines', async () => {
    expect(await ensureLanguage('ts')).toBe(true)
    const h = getHighlighter()
    const oneShot = new CodeTokenizer('ts', h).update(TS)
    expect(oneShot.some((l) => l.tokens.some((t) => t.style?.includes('--shiki-dark')))).toBe(true)
    const inc = new CodeTokenizer('ts', h)
    let prev: readonly { tokens: unknown }[] = []
    for (let i = 1; i <= TS.length; i++) {
      const lines = inc.update(TS.slice(0, i))
      // complete lines keep their identity from one commit to the next
      const complete = TS.slice(0, i).split('\n').length - 1
      for (let k = 0; k < Math.min(complete, prev.length - 1); k++) expect(lines[k]).toBe(prev[k])
      prev = lines
    }
    expect(inc.update(TS, true)).toEqual(oneShot)
  })

  it('renders unknown languages and not-yet-loaded grammars as plain lines', () => {
    const lines = new CodeTokenizer('nope', getHighlighter()).update('a\nb')
    expect(lines).toEqual([{ tokens: [{ content: 'a' }] }, { tokens: [{ content: 'b' }] }])
  })
})

describe('CodeTokenizer time budget', () => {
  it('highlights a long block over several updates (plain lines meanwhile) and ends like an unbudgeted run', async () => {
    expect(await ensureLanguage('ts')).toBe(true)
    const h = getHighlighter()
    const code = Array.from({ length: 1500 }, (_, i) => (i % 10 === 0 ? `/** step ${i}: a comment that spans` : i % 10 === 1 ? '   two lines */' : `export const v${i}: number = f(${i}, "s${i}")`)).join('\n') + '\n'
    const budgeted = new CodeTokenizer('ts', h)
    let lines = budgeted.update(code, true)
    let updates = 1
    while (budgeted.pending) {
      // Lines not reached yet are plain; reached ones keep their tokens.
      expect(lines).toHaveLength(1501)
      lines = budgeted.update(code, true)
      updates++
    }
    const reference = h!.codeToTokens(code.slice(0, -1), { lang: 'typescript', themes: CODE_THEMES, defaultColor: false, colorReplacements: CODE_COLOR_REPLACEMENTS })
    expect(lines.slice(0, 1500).map((l) => l.tokens.map((t) => t.content).join(''))).toEqual(reference.tokens.map((l) => l.map((t) => t.content).join('')))
    expect(lines.slice(0, 1500).every((l) => l.tokens.length === 0 || l.tokens.some((t) => t.style))).toBe(true)
    expect(updates).toBeGreaterThanOrEqual(1)
  })
})
