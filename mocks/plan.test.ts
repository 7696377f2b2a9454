import { describe, expect, it } from 'vitest'
import {
  chunkingNames,
  chunkings,
  decodeMessageId,
  encodeMessageId,
  fixtureNames,
  fixtures,
  interruptionNames,
  mulberry32,
  planDuration,
  planStream,
  planWrites,
  resolveScenario,
  ScenarioError,
  fnv1a,
  speedNames,
  tokenize,
  type InterruptionName,
  type Scenario,
} from './index.js'
import { deltaText, framesOf, lastId, planText } from './test-support.js'

const SHORT_FIXTURES = fixtureNames.filter((n) => n !== 'long-mixed')
const BODY_INTERRUPTIONS = interruptionNames.filter((n) => !['401', '422', '503', '503-always'].includes(n))

describe('fixtures', () => {
  it('has at least 12, each with a title and content', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(12)
    for (const name of fixtureNames) {
      expect(fixtures[name].name).toBe(name)
      expect(fixtures[name].title.length).toBeGreaterThan(0)
    }
  })

  it('long-mixed is at least 100 KB of UTF-8 and always the same text', () => {
    expect(new TextEncoder().encode(fixtures['long-mixed'].content).byteLength).toBeGreaterThanOrEqual(100_000)
    expect(fixtures['long-mixed'].content.slice(0, 200)).toMatchInlineSnapshot(`
      "# A long answer

      This answer is long on purpose: it checks that streaming stays cheap as the text grows.

      ## Section 1

      The stream client batches tokens per animation frame, which keeps the page respo"
    `)
  })

  it('cover the constructs the components must handle', () => {
    const sink = fixtures['kitchen-sink'].content
    for (const needle of ['# ', '**', '_italic_', '    - Third level', '- [x]', '> ', '| :------ |', '](https://', '![', '\n---\n']) {
      expect(sink).toContain(needle)
    }
    for (const lang of ['ts', 'python', 'bash', 'json', 'diff', 'brainfuck-ish']) expect(fixtures['code-heavy'].content).toContain('```' + lang + '\n')
    for (const needle of ['<script>', 'javascript:', 'onerror=']) expect(fixtures.hostile.content).toContain(needle)
    expect(fixtures['server-error'].serverError).toBeTruthy()
    const traps = fixtures['streaming-traps'].script!
    expect(traps).toContain('. **')
    expect(traps.some((d) => d.endsWith('*') && !d.endsWith('**'))).toBe(true) // `**` split in two deltas
    expect(traps.some((d) => d.endsWith('('))).toBe(true) // half-written link
  })

  it.each(chunkingNames)('tokenize(%s) reproduces every fixture exactly', (name) => {
    for (const fixtureName of fixtureNames) {
      const fixture = fixtures[fixtureName]
      const deltas = tokenize(fixture, chunkings[name])
      expect(deltas.join('')).toBe(fixture.content)
      expect(deltas.every((d) => d.length > 0)).toBe(true)
    }
  })
})

describe('planStream', () => {
  it('frames follow the contract: id on every frame, start → deltas → done', () => {
    const { plan, text } = planText({ fixture: 'one-liner', speed: 'instant' })
    const frames = framesOf(text)
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => String(i + 1)))
    expect(frames[0]).toMatchObject({ event: 'start', retry: 1000, data: JSON.stringify({ messageId: plan.messageId }) })
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: JSON.stringify({ messageId: plan.messageId, finishReason: 'stop' }) })
    expect(deltaText(frames)).toBe(fixtures['one-liner'].content)
    expect(plan.end).toBe('close')
    expect(plan.lastId).toBe(frames.length)
  })

  it('is deterministic: same scenario and seed → same frames and timings, for every fixture, speed, chunking and interruption', () => {
    const signature = (scenario: Partial<Scenario>) => {
      const plan = planStream(scenario)
      return `${plan.end}|${fnv1a(plan.steps.map((s) => `${s.delay}:${s.text}`).join(''))}|${plan.steps.length}`
    }
    const cases: Partial<Scenario>[] = [
      ...fixtureNames.flatMap((fixture) => speedNames.map((speed) => ({ fixture, speed, seed: 7 }))),
      ...SHORT_FIXTURES.flatMap((fixture) => interruptionNames.map((interruption) => ({ fixture, interruption, speed: 'jittery' as const }))),
      ...chunkingNames.map((chunking) => ({ fixture: 'i18n', chunking, speed: 'jittery' as const })),
    ]
    for (const scenario of cases) expect(signature(scenario)).toBe(signature({ ...scenario }))
  })

  it('the seed changes timings, never text', () => {
    const a = planStream({ fixture: 'kitchen-sink', speed: 'jittery', seed: 1 })
    const b = planStream({ fixture: 'kitchen-sink', speed: 'jittery', seed: 2 })
    expect(a.steps.map((s) => s.delay)).not.toEqual(b.steps.map((s) => s.delay))
    expect(deltaText(framesOf(a.steps.map((s) => s.text).join('')))).toBe(deltaText(framesOf(b.steps.map((s) => s.text).join(''))))
  })

  it('speeds have the advertised rates', () => {
    const rate = (speed: (typeof speedNames)[number]) => {
      const plan = planStream({ fixture: 'long-line', speed, chunking: 'char' })
      return (plan.lastId - 2) / (planDuration(plan) / 1000)
    }
    expect(rate('slow')).toBeGreaterThan(4)
    expect(rate('slow')).toBeLessThan(6)
    expect(rate('typing')).toBeGreaterThan(25)
    expect(rate('typing')).toBeLessThan(35)
    expect(rate('fast')).toBeGreaterThan(150)
    expect(planDuration(planStream({ fixture: 'long-mixed', speed: 'instant' }))).toBe(0)
    const burst = planStream({ fixture: 'long-line', speed: 'burst' }).steps.map((s) => s.delay)
    expect(burst.filter((d) => d >= 1200).length).toBeGreaterThan(3)
  })

  it('slow-first-token waits seconds before the first delta and sends heartbeats meanwhile', () => {
    const { steps } = planStream({ fixture: 'one-liner', speed: 'slow-first-token' })
    const firstDelta = steps.findIndex((s) => s.frame?.event === 'delta')
    const before = steps.slice(1, firstDelta)
    expect(before.length).toBeGreaterThanOrEqual(3)
    expect(before.every((s) => s.kind === 'comment' && s.text === ': ping\n\n')).toBe(true)
    expect(steps.slice(0, firstDelta + 1).reduce((t, s) => t + s.delay, 0)).toBeGreaterThanOrEqual(4000)
  })

  it.each(BODY_INTERRUPTIONS)('resuming after any complete frame of "%s" gives the same numbering and the exact answer', (interruption) => {
    for (const fixture of SHORT_FIXTURES) {
      const first = planText({ fixture, interruption: interruption as InterruptionName })
      const seen = framesOf(first.text)
      const resumed = planText({ fixture, interruption: interruption as InterruptionName }, { messageId: first.plan.messageId, resumeAfter: lastId(seen) })
      const rest = framesOf(resumed.text)
      if (rest.length > 0) expect(Number(rest[0]!.id)).toBe(lastId(seen) + 1)
      if (interruption === 'frozen') {
        expect(resumed.plan.end).toBe('hang')
        continue
      }
      if (interruption === 'error-event') continue // the server said error: nothing to resume
      expect(lastId(rest.length > 0 ? rest : seen)).toBe(first.plan.lastId)
      // Byte-identical final text: what arrived before the break + the resumed rest.
      expect(deltaText([...seen, ...rest])).toBe(fixtures[fixture].content)
    }
  })

  it('interruptions cut where they say', () => {
    const n = tokenize(fixtures['kitchen-sink'], chunkings.auto).length
    const at = (interruption: Partial<Scenario>) => framesOf(planText(interruption).text)
    const drop = planStream({ fixture: 'kitchen-sink', interruption: { kind: 'drop', at: 0.25 } })
    expect(drop.end).toBe('drop')
    expect(drop.steps.at(-1)!.kind).toBe('raw') // cut mid-frame
    expect(framesOf(drop.steps.map((s) => s.text).join('')).filter((f) => f.event === 'delta')).toHaveLength(Math.floor(n * 0.25))
    expect(at({ fixture: 'kitchen-sink', interruption: 'no-done' }).at(-1)!.event).toBe('delta')
    expect(at({ fixture: 'kitchen-sink', interruption: 'error-event' }).at(-1)!.event).toBe('error')
    const stall = planStream({ fixture: 'kitchen-sink', interruption: { kind: 'stall', seconds: 3 } })
    expect(Math.max(...stall.steps.map((s) => s.delay))).toBeGreaterThanOrEqual(3000)
    expect(stall.steps.some((s) => s.kind === 'comment')).toBe(false) // a stall is silence
    const malformed = framesOf(planText({ fixture: 'kitchen-sink', interruption: 'malformed' }).text)
    expect(malformed.filter((f) => f.data?.endsWith('"unterminated'))).toHaveLength(1)
    expect(deltaText(malformed)).toBe(fixtures['kitchen-sink'].content)
    const frozen = planStream({ fixture: 'kitchen-sink', interruption: { kind: 'frozen', at: 0 } })
    expect(frozen.end).toBe('hang')
    expect(frozen.steps).toHaveLength(1)
  })

  it('server-error fixture ends with event: error', () => {
    const frames = framesOf(planText({ fixture: 'server-error' }).text)
    expect(frames.at(-1)).toMatchObject({ event: 'error', data: JSON.stringify({ message: fixtures['server-error'].serverError }) })
  })

  it('byte chunking splits frames and UTF-8 characters', () => {
    const plan = planStream({ fixture: 'i18n', chunking: 'split-7-bytes', speed: 'instant' })
    const writes = planWrites(plan)
    expect(writes.every((w) => w.chunk.byteLength <= 7)).toBe(true)
    const decoder = new TextDecoder('utf-8', { fatal: true })
    expect(writes.some((w) => {
      try {
        decoder.decode(w.chunk)
        return false
      } catch {
        return true
      }
    })).toBe(true)
    const joined = new Uint8Array(writes.reduce((n, w) => n + w.chunk.byteLength, 0))
    let offset = 0
    for (const w of writes) joined.set(w.chunk, (offset += w.chunk.byteLength) - w.chunk.byteLength)
    expect(new TextDecoder().decode(joined)).toBe(plan.steps.map((s) => s.text).join(''))
  })
})

describe('scenarios', () => {
  it('message ids carry their scenario', () => {
    const cases: Partial<Scenario>[] = [{}, { fixture: 'hostile', interruption: 'drop', seed: 9 }, { interruption: { kind: 'drop', at: 0.2 } }]
    for (const s of cases) {
      expect(decodeMessageId(encodeMessageId(4, s))).toEqual(s)
    }
    expect(encodeMessageId(3, { fixture: 'kitchen-sink', interruption: 'drop' })).toBe('m3~f.kitchen-sink~i.drop')
    expect(decodeMessageId('nope')).toBeUndefined()
  })

  it('unknown names are reported with the known ones', () => {
    expect(() => resolveScenario({ fixture: 'nope' })).toThrow(ScenarioError)
    expect(() => resolveScenario({ speed: 'warp' as never })).toThrow(/Known: instant, slow/)
    expect(() => resolveScenario({ interruption: { kind: 'drop', at: 2 } })).toThrow(/fraction/)
  })

  it('mulberry32 is the well-known sequence', () => {
    const rand = mulberry32(1)
    expect([rand(), rand(), rand()].map((x) => x.toFixed(6))).toEqual(['0.627074', '0.002736', '0.527447'])
  })
})
