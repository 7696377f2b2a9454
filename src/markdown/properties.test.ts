// Property-based tests (fast-check) for what streaming feeds the markdown pipeline: random markdown cut at random
// points. Model output is untrusted input: healing and block splitting must never throw, must stay linear (a
// generous wall-clock guard per call catches exponential or quadratic blow-ups, which take seconds, not the
// microseconds a call takes), and the finished render must equal a one-shot render.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { healTail, MAX_HEALED_OPENERS } from './heal'
import { renderMarkdown } from './md'
import { loadGrowing } from './growing/load'
import { blockToHtml, createStreamingMarkdown } from './streaming'

// Parts code loads on demand (as MessageMarkdown does when a stream starts); these tests render in parts.
beforeAll(() => loadGrowing())

/** Pieces that stress healing and splitting: markers, containers, fences, tables, digits, unicode. */
const PIECE = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('word', 'and', 'the', 'snake_case', '2 * 3', 'x', '.', ',', ' ', ' ', '  ', '\n', '\n', '\n\n') },
  {
    weight: 5,
    arbitrary: fc.constantFrom('*', '**', '***', '_', '__', '~', '~~', '`', '``', '[', ']', '](', ')', '(', '![', '<', '>', '&', ';', '#', '\\', '|', ':', '-', '=', '+', '!'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom('- ', '* ', '+ ', '1. ', '12) ', '> ', '>> ', '# ', '### ', '- [ ] ', '- [x] ', '    ', '\t', '---\n', '===\n', '***\n'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('```ts\n', '```\n', '~~~\n', '````\n', '| a | b |\n', '|---|:-:|\n', '| 1 | **2** |\n', '[x]: https://e.x\n', '<https://e.x>', '&amp;', '&#123;', 'https://example.com/a_b'),
  },
  { weight: 2, arbitrary: fc.constantFrom('1234567890 ', '3.14159265358979323846264338327950288419716939937510', '0000000000000', '1.5.2)') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('é', '日本', '🙂', '\u00a0', '\u2028', '\r\n', '\u0000') },
)
const MARKDOWN = fc.array(PIECE, { maxLength: 160, size: 'max' }).map((parts) => parts.join(''))

/**
 * Far above a linear call (microseconds on the random documents, tens of milliseconds on 200 KB, plus room for a
 * GC pause on a busy machine) and far below a super-linear one: the digit-run pattern took 11.7 s on 42
 * characters; a quadratic scan of 200 KB takes tens of seconds.
 */
const GUARD_MS = 1500
const LARGE_GUARD_MS = 4000

function timed<T>(run: () => T, guard = GUARD_MS): T {
  const t0 = performance.now()
  const out = run()
  expect(performance.now() - t0).toBeLessThan(guard)
  return out
}

describe('healTail (property)', () => {
  it('never throws, is bounded, and adds at most the closers of the open runs', () => {
    fc.assert(
      fc.property(MARKDOWN, fc.nat(), (doc, at) => {
        const text = doc.slice(0, at % (doc.length + 1))
        const healed = timed(() => healTail(text))
        expect(typeof healed).toBe('string')
        expect(healed.length).toBeLessThanOrEqual(text.length + 3 * MAX_HEALED_OPENERS + 4)
      }),
      { numRuns: 300 },
    )
  })

  it.each([
    ['digit runs', '1234567890 '.repeat(20_000)],
    ['emphasis soup', '*a **a '.repeat(20_000)],
    ['open brackets', '[a '.repeat(50_000)],
    ['half links', '[a](b '.repeat(30_000)],
    ['autolink starts', '<a '.repeat(50_000)],
    ['entity starts', '&a '.repeat(50_000)],
    ['backtick runs', '` `` ``` '.repeat(20_000)],
    ['underscores', '_a __a '.repeat(20_000)],
    ['quote markers', '> '.repeat(100_000) + 'x'],
    ['list markers', '- 1. '.repeat(40_000) + 'x'],
    ['pipes', '| '.repeat(100_000)],
    ['many lines', 'a *b\n'.repeat(40_000)],
  ])('stays linear on 200 KB of %s', (_name, text) => {
    for (const cut of [text.length, text.length - 1, Math.floor(text.length / 2)]) timed(() => healTail(text.slice(0, cut)), LARGE_GUARD_MS)
  })
})

describe('createStreamingMarkdown (property)', () => {
  it('never throws, stays bounded per commit, and ends equal to a one-shot render', () => {
    fc.assert(
      fc.property(MARKDOWN, fc.array(fc.nat(), { maxLength: 12 }), (doc, rawCuts) => {
        const cuts = [...new Set(rawCuts.map((c) => c % (doc.length + 1)))].sort((a, b) => a - b)
        const s = createStreamingMarkdown()
        for (const cut of cuts) timed(() => s.update(doc.slice(0, cut), true))
        const final = timed(() => s.update(doc, false))
        expect(final.map(blockToHtml).join('')).toBe(renderMarkdown(doc))
      }),
      { numRuns: 1500 },
    )
  })

  it('renders every block in parts (from the first character, plain after 40) and still ends equal to a one-shot render', () => {
    fc.assert(
      fc.property(MARKDOWN, fc.array(fc.nat(), { maxLength: 24 }), (doc, rawCuts) => {
        const cuts = [...new Set(rawCuts.map((c) => c % (doc.length + 1)))].sort((a, b) => a - b)
        const s = createStreamingMarkdown({ partsFrom: 0, plainAfter: 40 })
        for (const cut of cuts) timed(() => s.update(doc.slice(0, cut), true))
        expect(timed(() => s.update(doc, false)).map(blockToHtml).join('')).toBe(renderMarkdown(doc))
      }),
      { numRuns: 1500 },
    )
  })

  it('streams character by character into a one-shot render (short documents)', () => {
    fc.assert(
      fc.property(fc.array(PIECE, { maxLength: 40 }).map((p) => p.join('')), fc.boolean(), (doc, parts) => {
        const s = createStreamingMarkdown(parts ? { partsFrom: 0, plainAfter: 24 } : {})
        for (let i = 1; i <= doc.length; i++) s.update(doc.slice(0, i), true)
        expect(s.update(doc, false).map(blockToHtml).join('')).toBe(renderMarkdown(doc))
      }),
      { numRuns: 300 },
    )
  })
})
