import { describe, expect, it } from 'vitest'
import type { EventStream, StreamLifecycleEvent, StreamMetrics } from '../stream/types'
import {
  DIAGNOSTICS_SCHEMA,
  collectDiagnostics,
  createStreamRecorder,
  explainDiagnostics,
  gapBucketLabels,
  parseDiagnostics,
  recordStream,
  redactDiagnostics,
  redactText,
  stringifyDiagnostics,
  type DiagnosticsFile,
} from './index'

const MISSING_AUTH = [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }]
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

function metrics(over: Partial<StreamMetrics> = {}): StreamMetrics {
  return {
    state: 'closed',
    transport: 'fetch',
    tokenTransport: 'header',
    status: 200,
    contentType: 'text/event-stream',
    startedAt: 1000,
    ttfbMs: 12,
    timeToFirstEventMs: 15,
    bytes: 300,
    chunks: 3,
    events: 4,
    bytesPerSecond: 1000,
    eventsPerSecond: 10,
    largestGapMs: 120,
    retries: 0,
    lastEventId: '4',
    error: undefined,
    ...over,
  }
}

const delta = (at: number, id: string, text: string): StreamLifecycleEvent => ({
  type: 'message',
  at,
  event: { event: 'delta', id, data: JSON.stringify({ messageId: 'm1', delta: text }) },
})

describe('redaction', () => {
  it.each([
    ['Authorization: Bearer sekret-123', 'Authorization: Bearer [redacted]'],
    ['authorization=Bearer abc.def', 'authorization=Bearer [redacted]'],
    ['GET /api/s/1/messages/m1/stream?token=demo&lastEventId=4', 'GET /api/s/1/messages/m1/stream?token=[redacted]&lastEventId=4'],
    ['https://x.test/stream?a=1&access_token=abc#frag', 'https://x.test/stream?a=1&access_token=[redacted]#frag'],
    ['/s?api_key=k1&apiKey=k2', '/s?api_key=[redacted]&apiKey=[redacted]'],
    [`jwt ${JWT} here`, 'jwt [redacted] here'],
    ['key sk-abcdefghijklmnopqrstuvwx', 'key [redacted]'],
    ['Authorization: dGhpc2lzYXRva2VuMTIz', 'Authorization: [redacted]'],
    ['Basic dXNlcjpwYXNzd29yZA==', 'Basic [redacted]'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected)
  })

  it('keeps what is not a credential, FastAPI detail included', () => {
    for (const text of ['header authorization: Field required', 'token via header', '?lastEventId=12&page=2', 'basic usage']) {
      expect(redactText(text)).toBe(text)
    }
  })

  it('replaces values of credential-named keys anywhere in a file, and every string', () => {
    const file = {
      schema: DIAGNOSTICS_SCHEMA,
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      redacted: true,
      note: 'my token is Bearer abc123',
      environment: { page: 'https://app.test/chat?token=xyz' },
      extra: { headers: { Authorization: 'Bearer abc', 'X-Api-Key': 'k' }, token: 'demo', tokenTransport: 'url' },
    } as unknown as DiagnosticsFile
    const out = redactDiagnostics(file) as unknown as typeof file & { extra: Record<string, Record<string, string> | string> }
    const text = JSON.stringify(out)
    expect(text).not.toMatch(/abc123|xyz|"k"|"demo"/)
    expect(out.extra.tokenTransport).toBe('url')
    expect(out.note).toBe('my token is Bearer [redacted]')
    expect(file.note).toBe('my token is Bearer abc123')
  })
})

describe('figures', () => {
  it('labels gap buckets', () => {
    expect(gapBucketLabels([10, 50, 1000, 5000])).toEqual(['< 10 ms', '10–50 ms', '50 ms–1 s', '1–5 s', '≥ 5 s'])
  })
})

describe('recorder', () => {
  it('records phases, gaps, throughput, first token and retries from lifecycle events', () => {
    const rec = createStreamRecorder(1000, { observedFromStart: true })
    const events: StreamLifecycleEvent[] = [
      { type: 'connecting', at: 1000, attempt: 0, url: '/api/s/1/messages?token=demo', method: 'POST', transport: 'fetch' },
      { type: 'open', at: 1010, status: 200, contentType: 'text/event-stream', transport: 'fetch', tokenTransport: 'header', url: '/x' },
      { type: 'chunk', at: 1012, bytes: 100, totalBytes: 100 },
      { type: 'message', at: 1012, event: { event: 'start', id: '1', data: '{"messageId":"m1"}' } },
      { type: 'chunk', at: 1020, bytes: 50, totalBytes: 150 },
      delta(1020, '2', 'Hello'),
      { type: 'chunk', at: 1520, bytes: 50, totalBytes: 200 },
      delta(1520, '3', ' world'),
      { type: 'stall', at: 4000, idleMs: 2480 },
      { type: 'retry', at: 4001, attempt: 1, delayMs: 321.4, reason: 'stall', error: { kind: 'stall', message: 'stalled', retryable: true } },
      { type: 'connecting', at: 4400, attempt: 1, url: '/api/s/1/messages/m1/stream', method: 'GET', transport: 'fetch' },
      { type: 'open', at: 4410, status: 200, contentType: 'text/event-stream', transport: 'fetch', tokenTransport: 'header', url: '/y' },
      { type: 'chunk', at: 4420, bytes: 40, totalBytes: 240 },
      { type: 'close', at: 4430, reason: 'done' },
    ]
    for (const e of events) rec.record(e)
    const d = rec.snapshot(metrics({ retries: 1 }))
    expect(d.phases.map((p) => p.state)).toEqual(['connecting', 'open', 'stalled', 'retrying', 'connecting', 'open', 'closed'])
    expect(d.firstTokenMs).toBe(20)
    expect(d.chars).toBe(11)
    // gaps 8 ms, 500 ms (first connection); the gap across the reconnect is not counted
    expect(d.gaps.counts.reduce((a, b) => a + b, 0)).toBe(2)
    expect(d.gaps.counts[0]).toBe(1)
    expect(d.retryLog).toEqual([{ atMs: 3001, attempt: 1, delayMs: 321, reason: 'stall', message: 'stalled' }])
    expect(d.stalls).toEqual([{ atMs: 3000, idleMs: 2480 }])
    expect(d.url).toBe('/api/s/1/messages/m1/stream')
    expect(d.log[0]!.text).toBe('POST /api/s/1/messages?token=[redacted] via fetch')
    expect(d.log.find((l) => l.type === 'message' && l.text.startsWith('delta'))!.text).toBe('delta #2: 5 chars')
    expect(d.throughput.bytes.reduce((a, b) => a + b, 0)).toBe(240)
    expect(d.durationMs).toBe(3430)
  })

  it('caps the log, keeping the first entries and the latest, and bounds the throughput series', () => {
    const rec = createStreamRecorder(0, { maxLogEntries: 50, maxPoints: 10, bucketMs: 100 })
    for (let i = 0; i < 1000; i++) rec.record({ type: 'chunk', at: i * 10, bytes: 1, totalBytes: i + 1 })
    const d = rec.snapshot(metrics({ startedAt: 0 }))
    expect(d.log).toHaveLength(51)
    expect(d.logOmitted).toBe(950)
    expect(d.log[0]!.atMs).toBe(0)
    expect(d.log[5]).toMatchObject({ type: 'note', text: '… 950 entries omitted …' })
    expect(d.log.at(-1)!.atMs).toBe(9990)
    expect(d.log.slice(6).map((l) => l.atMs)).toEqual(Array.from({ length: 45 }, (_, i) => (955 + i) * 10))
    expect(d.throughput.bytes.length).toBeLessThanOrEqual(10)
    expect(d.throughput.bytes.reduce((a, b) => a + b, 0)).toBe(1000)
  })

  it('subscribes only through recordStream and unsubscribes on stop', () => {
    const listeners = new Set<(e: StreamLifecycleEvent) => void>()
    const stream = {
      subscribe: (l: (e: StreamLifecycleEvent) => void) => (listeners.add(l), () => listeners.delete(l)),
      metrics: () => metrics({ startedAt: performance.now() }),
    } as unknown as EventStream
    const rec = recordStream(stream)
    expect(listeners.size).toBe(1)
    rec.stop()
    expect(listeners.size).toBe(0)
  })
})

describe('diagnostics file', () => {
  function sample(): DiagnosticsFile {
    const rec = createStreamRecorder(0, { observedFromStart: true })
    rec.record({ type: 'connecting', at: 0, attempt: 0, url: '/e?token=demo', method: 'GET', transport: 'eventsource' })
    const error = { kind: 'http' as const, status: 422, detail: MISSING_AUTH, message: 'The server answered 422', retryable: false }
    const m = metrics({ startedAt: 0, tokenTransport: 'url', transport: 'eventsource', status: 422, state: 'error', error })
    return collectDiagnostics({ stream: rec.snapshot(m), list: { virtualization: 'outside' }, now: new Date(0), environment: { page: 'https://a.test/?token=t0p' } })
  }

  it('round-trips through JSON', () => {
    const file = sample()
    const parsed = parseDiagnostics(stringifyDiagnostics(file))
    expect(parsed).toEqual({ ok: true, diagnostics: file, notes: [] })
    expect(JSON.stringify(file)).not.toMatch(/demo|t0p/)
    expect(file.version).toBe(1)
  })

  it('refuses what it cannot read, with a sentence', () => {
    const no = (x: unknown) => (parseDiagnostics(x) as { ok: false; error: string }).error
    expect(no('{oops')).toMatch(/not JSON/)
    expect(no({ schema: 'x', version: 1 })).toMatch(/not a vue-chat-stream diagnostics file/)
    expect(no({ schema: DIAGNOSTICS_SCHEMA, version: 99 })).toMatch(/newer version/)
    expect(no({ schema: DIAGNOSTICS_SCHEMA })).toMatch(/version/)
  })

  it('fills missing fields and redacts a hand-edited file', () => {
    const result = parseDiagnostics({ schema: DIAGNOSTICS_SCHEMA, version: 1, stream: { status: 401, url: '/x?token=abc' } })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.diagnostics.stream!.url).toBe('/x?token=[redacted]')
    expect(result.diagnostics.stream!.log).toEqual([])
    expect(result.diagnostics.stream!.throughput.chars).toEqual([])
  })

  it('explains a 422 from a token in the URL first', () => {
    const ids = explainDiagnostics(sample()).map((f) => f.id)
    expect(ids.slice(0, 2)).toEqual(['token-in-url', 'http-422'])
    expect(explainDiagnostics(sample())[1]!.detail).toContain('header authorization: Field required')
  })

  it('calls a clean stream healthy', () => {
    const rec = createStreamRecorder(0, { observedFromStart: true })
    rec.record(delta(100, '2', 'Hi'))
    const findings = explainDiagnostics(collectDiagnostics({ stream: rec.snapshot(metrics({ startedAt: 0 })) }))
    expect(findings.map((f) => f.id)).toEqual(['healthy'])
  })
})

describe('entries', () => {
  it('the panel and the diagnostics helpers are in vue-chat-stream/debug, not in the root entry', async () => {
    const root = (await import('../index')) as Record<string, unknown>
    const debug = (await import('../debug')) as Record<string, unknown>
    for (const name of ['StreamingDebugPanel', 'collectDiagnostics', 'redactDiagnostics', 'parseDiagnostics']) {
      expect(name in root, name).toBe(false)
      expect(name in debug, name).toBe(true)
    }
  })
})
