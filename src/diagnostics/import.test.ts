// Row 4 of issue 15: a diagnostics file is validated field by field (valibot), capped, and either shown or refused
// with a sentence — never a TypeError that takes the panel down. The rendering half runs in Chromium
// (src/components/StreamingDebugPanel/import.browser.test.ts).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DIAGNOSTICS_IMPORT_LIMITS, explainDiagnostics, parseDiagnostics, type DiagnosticsFile } from './index'
import { DIAGNOSTICS_SCHEMA } from './schema'
import { FIXTURES, diagnosticsFile } from './files.test-support'

const head = { schema: DIAGNOSTICS_SCHEMA, version: 1 }
const ok = (input: unknown) => {
  const result = parseDiagnostics(input)
  if (!result.ok) throw new Error(result.error)
  return result
}
const refused = (input: unknown) => {
  const result = parseDiagnostics(input)
  if (result.ok) throw new Error('expected a refusal')
  return result.error
}

describe('diagnostics import, field by field', () => {
  it('fills what is missing: `reactivity: {}` is a rendering card of zeros, not a TypeError', () => {
    const { diagnostics } = ok({ ...head, reactivity: {} })
    expect(diagnostics.reactivity).toMatchObject({ publishes: 0, updateToPaint: {}, longTasks: { count: 0, totalMs: 0, longestMs: 0 } })
    expect(explainDiagnostics(diagnostics)).toEqual([])
  })

  it('names the field that is wrong, with what was expected and what came', () => {
    expect(refused({ ...head, stream: { log: [{ type: 'open', text: 'x' }] } })).toBe(
      'This diagnostics file cannot be shown: stream.log[0].atMs is missing.',
    )
    expect(refused({ ...head, stream: { state: 'melting' } })).toMatch(/^This diagnostics file cannot be shown: stream\.state is not valid \(expected "connecting" \| "open"/)
    expect(refused({ ...head, reactivity: { publishes: -3 } })).toMatch(/reactivity\.publishes is not valid \(expected >=0, got -3\)/)
    expect(refused({ ...head, stream: { gaps: { counts: [1, 'many'] } } })).toMatch(/stream\.gaps\.counts\[1\] is not valid \(expected number, got "many"\)/)
  })

  it('caps what would flood the panel and says how much it left out', () => {
    const { diagnostics, notes } = ok({ ...head, stream: { gaps: { edgesMs: [10, 50], counts: Array.from({ length: 2_000_000 }, () => 1) } } })
    expect(diagnostics.stream!.gaps.counts).toHaveLength(DIAGNOSTICS_IMPORT_LIMITS.buckets + 1)
    expect(notes).toEqual(['stream.gaps.counts: 1,999,949 of 2,000,000 entries omitted'])
  })

  it('a 60,000-entry log keeps the first 1,000 and the latest 9,000, with a note where the cut is', () => {
    const log = Array.from({ length: 60_000 }, (_, i) => ({ atMs: i, type: 'chunk', text: `entry ${i}` }))
    const { diagnostics, notes } = ok({ ...head, stream: { log, logOmitted: 5 } })
    const s = diagnostics.stream!
    expect(s.log).toHaveLength(10_001)
    expect(s.log[999]!.text).toBe('entry 999')
    expect(s.log[1000]).toEqual({ atMs: 51_000, type: 'note', text: '… 50,000 entries omitted on import …' })
    expect(s.log[1001]!.text).toBe('entry 51000')
    expect(s.log.at(-1)!.text).toBe('entry 59999')
    expect(s.logOmitted).toBe(50_005)
    expect(notes).toEqual(['stream.log: 50,000 of 60,000 entries omitted'])
  })

  it('cuts long text, keeps unknown top-level fields out of the panel’s view, and redacts again', () => {
    const { diagnostics } = ok({ ...head, note: `Bearer abcdefgh ${'n'.repeat(10_000)}`, stream: { url: '/x?token=abc', log: [{ atMs: 1, type: 'error', text: 'y'.repeat(5000) }] } })
    expect(diagnostics.note!.startsWith('Bearer [redacted] ')).toBe(true)
    expect(diagnostics.note!.length).toBeLessThanOrEqual(DIAGNOSTICS_IMPORT_LIMITS.note + 12)
    expect(diagnostics.stream!.url).toBe('/x?token=[redacted]')
    expect(diagnostics.stream!.log[0]!.text).toHaveLength(DIAGNOSTICS_IMPORT_LIMITS.text)
  })

  it('reads the story fixtures unchanged', () => {
    for (const fixture of FIXTURES) {
      const { diagnostics, notes } = ok(JSON.stringify(fixture))
      expect(notes).toEqual([])
      expect(diagnostics).toEqual(ok(JSON.parse(JSON.stringify(diagnostics))).diagnostics)
    }
  })

  it('1,000 random and mutated files: a sentence or a file the panel can read, never an exception', () => {
    let shown = 0
    fc.assert(
      fc.property(diagnosticsFile, (input) => {
        const result = parseDiagnostics(JSON.stringify(input))
        if (!result.ok) {
          expect(result.error).toMatch(/^(This|The file)/)
          expect(result.error.length).toBeLessThan(600)
          return
        }
        shown++
        const file: DiagnosticsFile = result.diagnostics
        // What the panel computes from a file, run here without a DOM.
        explainDiagnostics(file)
        if (file.stream) {
          expect(file.stream.log.length).toBeLessThanOrEqual(DIAGNOSTICS_IMPORT_LIMITS.logEntries + 1)
          for (const entry of file.stream.log) expect(Number.isFinite(entry.atMs)).toBe(true)
          expect(file.stream.throughput.chars.length).toBeLessThanOrEqual(DIAGNOSTICS_IMPORT_LIMITS.points)
        }
      }),
      { numRuns: 1000, seed: 15 },
    )
    // Both halves were exercised: files shown and files refused.
    expect(shown).toBeGreaterThan(100)
  })
})
