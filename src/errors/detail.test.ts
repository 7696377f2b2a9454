// Row 6 of issue 15: a server's `detail` of any shape formats without throwing, in bounded time and size.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { errorTitle, formatDetail, formatDetailLines, isMissingAuthorization, parseErrorBody, quoteDetail, summarizeText, toErrorInfo } from './index'

/** Anything a server, a hand-edited file or a thrown value can put in `detail` (symbols and null prototypes included). */
const anyDetail = fc.anything({
  maxDepth: 4,
  withNullPrototype: true,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withSparseArray: true,
  values: [fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(Symbol('s'))],
})

function deep(levels: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < levels; i++) value = [value]
  return value
}

describe('error detail of any shape', () => {
  it('formats 1,000 random values without throwing: at most 21 lines of at most 300 characters', () => {
    fc.assert(
      fc.property(anyDetail, (detail) => {
        const lines = formatDetailLines(detail)
        expect(lines.length).toBeLessThanOrEqual(21)
        for (const line of lines) {
          expect(typeof line).toBe('string')
          expect(line.length).toBeLessThanOrEqual(300)
        }
        expect(typeof formatDetail(detail)).toBe('string')
        expect(quoteDetail(detail).length).toBeLessThanOrEqual(300)
        expect(typeof isMissingAuthorization(detail as never)).toBe('boolean')
        const info = toErrorInfo({ kind: 'http', status: 500, message: 'x', detail })
        expect(typeof errorTitle(info)).toBe('string')
      }),
      { numRuns: 1000 },
    )
  })

  it('reads FastAPI detail with holes: null entries, strings, numbers, nested objects', () => {
    expect(formatDetailLines(parseErrorBody('{"detail":[null]}', 'application/json'))).toEqual(['null'])
    expect(formatDetailLines([null, 'plain', 7, { msg: 'Field required', loc: ['body', { odd: true }, null] }, { a: { b: [1, 2] } }])).toEqual([
      'null',
      'plain',
      '7',
      'body {"odd":true} null: Field required',
      '{"a":{"b":[1,2]}}',
    ])
    expect(quoteDetail([{ loc: ['header', Symbol('x')], msg: 'odd' }])).toBe('header.Symbol(x) — odd')
    expect(formatDetailLines({ detail: { nested: true } })).toEqual(['{"detail":{"nested":true}}'])
    expect(formatDetailLines(Object.assign(Object.create(null), { message: 'from a null prototype' }))).toEqual(['from a null prototype'])
  })

  it('a huge array: 20 lines and "… N more", without walking a million entries', () => {
    const huge = Array.from({ length: 1_000_000 }, (_, i) => ({ loc: ['body', i], msg: 'bad' }))
    const lines = formatDetailLines(huge)
    expect(lines).toHaveLength(21)
    expect(lines.at(-1)).toBe('… 999980 more')
    expect(quoteDetail(huge)).toMatch(/^body\.0 — bad; body\.1 — bad; .*999995 more$/)
  })

  it('deep nesting (JSON.stringify would overflow the stack) and cycles', () => {
    expect(formatDetailLines([deep(100_000)])).toEqual(['[…]'])
    const cycle: Record<string, unknown> = { name: 'loop' }
    cycle.self = cycle
    expect(formatDetailLines(cycle)).toEqual(['{…}'])
    expect(formatDetailLines([10n, Symbol('s')])).toEqual(['10', 'Symbol(s)'])
    expect(formatDetailLines('x'.repeat(100_000))[0]).toHaveLength(300)
  })

  it('an HTML error page reads as its title, plain text as its first line', () => {
    expect(summarizeText('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad</h1></body></html>')).toBe(
      'HTML page: 502 Bad Gateway',
    )
    expect(summarizeText('<html><body><h1>Service Unavailable</h1></body></html>')).toBe('HTML page: Service Unavailable')
    expect(summarizeText('upstream connect error\nreset reason: overflow')).toBe('upstream connect error …')
    expect(formatDetailLines('<html><head><title>500 Internal Server Error</title></head></html>')).toEqual(['HTML page: 500 Internal Server Error'])
  })

  it('an HTML page without a title reads as its text, tags removed the way the regex would (linear on a run of <)', () => {
    expect(summarizeText('<html><body><p>Bad <b>gateway</b></p> upstream</body></html>')).toBe('HTML page: Bad gateway upstream')
    expect(summarizeText('<html><body>a < b and c</body></html>')).toBe('HTML page: a')
    expect(summarizeText('<html>open <unclosed tag')).toBe('HTML page: open <unclosed tag')
    expect(summarizeText(`<html>${'<'.repeat(60_000)}`)).toMatch(/^HTML page: </)
  })
})
