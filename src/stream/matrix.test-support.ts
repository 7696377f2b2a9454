// The interruption matrix, shared by the Node tests (MSW + loopback, fetch) and the Chromium tests (loopback,
// fetch + xhr): every harness interruption, with what the client must make of it. Test support only.
import { expect } from 'vitest'
import { DEMO_TOKEN, fixtures, interruptionNames, type InterruptionName, type Scenario } from 'vue-chat-stream/mocks'
import { isStreamError, type StreamError } from '../errors'
import { openEventStream } from './open'
import type { TransportName } from './types'

export { interruptionNames }

export interface MatrixRun {
  text: string
  events: string[]
  /** `METHOD path` of every request the client made. */
  requests: string[]
  error: StreamError | undefined
  malformed: number
  source: string
}

export interface MatrixOptions {
  baseUrl: string
  transport: TransportName
  fixture?: string
  chunking?: Scenario['chunking']
  /** @default 'typing' */
  speed?: Scenario['speed']
  /** Stall detection for this run (the harness plays at a time scale, so this is short). */
  stallTimeoutMs?: number
  maxAttempts?: number
  xhrRecycleChars?: number
  /** Distinguishes sessions across runs (the harness counts 503s per session). */
  tag?: string
}

let sequence = 0

/** Streams one answer through the client, like the store would, and reports what arrived. */
export async function runInterruption(interruption: InterruptionName, options: MatrixOptions): Promise<MatrixRun> {
  const fixture = options.fixture ?? 'i18n'
  const scenario: Partial<Scenario> = { fixture, interruption, chunking: options.chunking ?? 'auto', speed: options.speed ?? 'typing', seed: 7 }
  const session = `s-${options.tag ?? 'm'}-${options.transport}-${interruption}-${++sequence}`
  const requests: string[] = []
  const stream = openEventStream(`${options.baseUrl}/api/sessions/${session}/messages`, {
    body: { content: 'Hello' },
    token: DEMO_TOKEN,
    transport: options.transport,
    headers: { 'X-Mock-Scenario': JSON.stringify(scenario) },
    resumeUrl: ({ firstEvent }) => {
      if (firstEvent?.event !== 'start') return undefined
      const { messageId } = JSON.parse(firstEvent.data) as { messageId: string }
      return `${options.baseUrl}/api/sessions/${session}/messages/${encodeURIComponent(messageId)}/stream`
    },
    endOn: ['done', 'error'],
    // The server asks for `retry: 1000`; a zero jitter draw keeps the matrix fast without changing its logic.
    random: () => 0,
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 1, maxDelayMs: 10 },
    // Short only where the harness goes silent on purpose, so a slow CI machine cannot fake a stall elsewhere.
    stallTimeoutMs: options.stallTimeoutMs ?? (interruption === 'stall' || interruption === 'frozen' ? 300 : 10_000),
    // A frozen resume sends its head and then nothing: Chromium's XHR reports a head only with the first body
    // byte, so there the wait ends as a connect timeout.
    connectTimeoutMs: interruption === 'frozen' ? 300 : 10_000,
    xhrRecycleChars: options.xhrRecycleChars,
  })
  stream.subscribe((e) => {
    if (e.type === 'connecting') requests.push(`${e.method} ${new URL(e.url, 'http://x').pathname}`)
  })
  let text = ''
  let malformed = 0
  const events: string[] = []
  let error: StreamError | undefined
  try {
    for await (const e of stream) {
      events.push(e.event)
      if (e.event !== 'delta') continue
      try {
        text += (JSON.parse(e.data) as { delta: string }).delta
      } catch {
        malformed++
      }
    }
  } catch (e) {
    if (!isStreamError(e)) throw e
    error = e
  }
  return { text, events, requests, error, malformed, source: (fixtures as Record<string, { content: string }>)[fixture]!.content }
}

const POST = /^POST \/api\/sessions\/[^/]+\/messages$/
const RESUME = /^GET \/api\/sessions\/[^/]+\/messages\/[^/]+\/stream$/

function complete(r: MatrixRun) {
  expect(r.error).toBeUndefined()
  expect(r.text).toBe(r.source)
  expect(r.events[0]).toBe('start')
  expect(r.events.at(-1)).toBe('done')
  expect(r.requests.filter((q) => POST.test(q))).toHaveLength(1)
}

/** What each interruption must give. Recoverable ones: the text is byte-identical to the source. */
export const matrixExpectations: Record<InterruptionName, (r: MatrixRun, maxAttempts: number) => void> = {
  none: (r) => {
    complete(r)
    expect(r.requests).toHaveLength(1)
  },
  drop: (r) => {
    complete(r)
    expect(r.requests.slice(1).every((q) => RESUME.test(q))).toBe(true)
    expect(r.requests.length).toBeGreaterThanOrEqual(2)
  },
  stall: (r) => {
    complete(r)
    expect(r.requests.slice(1).every((q) => RESUME.test(q))).toBe(true)
    expect(r.requests.length).toBeGreaterThanOrEqual(2)
  },
  '500': (r) => {
    complete(r)
    // the broken body, one resume answered 500, one resume that completes. Chromium's xhr was seen once with
    // only 2: the browser's network layer may re-send an idempotent GET on its own, invisible to scripts.
    expect(r.requests.length).toBeGreaterThanOrEqual(2)
    expect(r.requests.length).toBeLessThanOrEqual(3)
    expect(r.requests.slice(1).every((q) => RESUME.test(q))).toBe(true)
  },
  '503': (r) => {
    expect(r.error).toBeUndefined()
    expect(r.text).toBe(r.source)
    expect(r.requests).toHaveLength(2)
    expect(r.requests.every((q) => POST.test(q))).toBe(true)
  },
  '503-always': (r, maxAttempts) => {
    expect(r.events).toEqual([])
    expect(r.requests).toHaveLength(maxAttempts + 1)
    // retryable: an overloaded server may take the question later (the store's retry, a Retry button)
    expect(r.error).toMatchObject({ kind: 'http', status: 503, retryable: true })
  },
  'error-event': (r) => {
    expect(r.error).toBeUndefined()
    expect(r.events.at(-1)).toBe('error')
    expect(r.source.startsWith(r.text)).toBe(true)
    expect(r.text.length).toBeLessThan(r.source.length)
    expect(r.requests).toHaveLength(1)
  },
  '401': (r) => {
    expect(r.requests).toHaveLength(1)
    expect(r.error).toMatchObject({ kind: 'http', status: 401, detail: 'Invalid token', retryable: false })
  },
  '422': (r) => {
    expect(r.requests).toHaveLength(1)
    expect(r.error).toMatchObject({ kind: 'http', status: 422, retryable: false })
    expect(r.error!.detail).toEqual([{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }])
  },
  malformed: (r) => {
    complete(r)
    expect(r.malformed).toBe(1)
    expect(r.requests).toHaveLength(1)
  },
  'no-done': (r) => {
    complete(r)
    expect(r.requests.length).toBe(2)
    expect(RESUME.test(r.requests[1]!)).toBe(true)
  },
  'lost-response': (r) => {
    // No response and no Idempotency-Key (recovery.test.ts and the idempotency tests send one): never sent twice
    // by the client — but asking again (a Retry, which re-sends the question) may succeed.
    expect(r.events).toEqual([])
    expect(r.requests).toHaveLength(1)
    expect(r.requests[0]).toMatch(POST)
    expect(r.error).toMatchObject({ kind: 'network', retryable: true })
  },
  frozen: (r, maxAttempts) => {
    // A stall after a head (fetch), or no head before the first byte (Chromium's xhr): either is retryable.
    expect(r.error).toMatchObject({ retryable: true })
    expect(r.error!.message).toMatch(/^(No bytes for \d+ ms, not even a heartbeat|No response to GET \S+ within 300 ms)/)
    expect(r.source.startsWith(r.text)).toBe(true)
    expect(r.text.length).toBeLessThan(r.source.length)
    // the first request, then `maxAttempts` resumes that each stall (more only if the first stalled early)
    expect(r.requests.length).toBeGreaterThanOrEqual(maxAttempts + 1)
    expect(r.requests.slice(1).every((q) => RESUME.test(q))).toBe(true)
  },
}
