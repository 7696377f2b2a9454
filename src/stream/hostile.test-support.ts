// Hostile servers (issue 15), shared by the Node tests (MSW + loopback, fetch) and the Chromium tests (loopback,
// fetch + xhr): each case runs the real client against a harness misbehaviour and says what the client must make
// of it. Test support only.
import { expect } from 'vitest'
import { DEMO_TOKEN, fixtures, MISBEHAVE_HEADER, SCENARIO_HEADER, SLOW_HEAD_MS, type Scenario } from 'vue-chat-stream/mocks'
import { isStreamError, type StreamError } from '../errors'
import { openEventStream } from './open'
import type { OpenEventStreamOptions, StreamLifecycleEvent, TransportName } from './types'

/** The harness's time scale in these tests (the browser project's global server plays at 0.05 too). */
export const HOSTILE_TIME_SCALE = 0.05

export interface HostileRun {
  /** Every event yielded, as `id:event`. */
  events: string[]
  /** The answer text from the deltas yielded. */
  text: string
  error: StreamError | undefined
  lifecycle: StreamLifecycleEvent[]
  /** `METHOD path` of every request. */
  requests: string[]
  /** `Last-Event-ID` sent with each request ('' for none). */
  lastEventIds: string[]
  bytes: number
  ms: number
}

export interface HostileOptions {
  baseUrl: string
  transport: TransportName
  /** Names for X-Mock-Misbehave. */
  misbehave: string
  scenario?: Partial<Scenario>
  token?: string
  options?: Partial<OpenEventStreamOptions>
  /** Close the stream after this lifecycle event (for a wait that must not be sat out). */
  closeOn?: (event: StreamLifecycleEvent) => boolean
}

let sequence = 0

/** Streams one answer through the client against a misbehaving harness and records everything it did. */
export async function runHostile(o: HostileOptions): Promise<HostileRun> {
  const session = `hostile-${o.transport}-${++sequence}`
  const scenario = { fixture: 'short-answer', speed: 'instant', ...o.scenario }
  const started = performance.now()
  const stream = openEventStream(`${o.baseUrl}/api/sessions/${session}/messages`, {
    body: { content: 'Hello' },
    token: o.token ?? DEMO_TOKEN,
    transport: o.transport,
    headers: { [SCENARIO_HEADER]: JSON.stringify(scenario), [MISBEHAVE_HEADER]: o.misbehave },
    resumeUrl: ({ firstEvent }) => {
      if (firstEvent?.event !== 'start') return undefined
      const { messageId } = JSON.parse(firstEvent.data) as { messageId: string }
      return `${o.baseUrl}/api/sessions/${session}/messages/${encodeURIComponent(messageId)}/stream`
    },
    endOn: ['done', 'error'],
    random: () => 0,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10 },
    ...o.options,
  })
  const run: HostileRun = { events: [], text: '', error: undefined, lifecycle: [], requests: [], lastEventIds: [], bytes: 0, ms: 0 }
  stream.subscribe((e) => {
    run.lifecycle.push(e)
    if (e.type === 'connecting') {
      run.requests.push(`${e.method} ${new URL(e.url, 'http://x').pathname}`)
      run.lastEventIds.push(stream.metrics().lastEventId)
    }
    if (o.closeOn?.(e)) queueMicrotask(() => stream.close())
  })
  try {
    for await (const e of stream) {
      run.events.push(`${e.id}:${e.event}`)
      if (e.event === 'delta') run.text += (JSON.parse(e.data) as { delta: string }).delta
    }
  } catch (e) {
    if (!isStreamError(e)) throw e
    run.error = e
  }
  run.bytes = stream.metrics().bytes
  run.ms = performance.now() - started
  return run
}

const source = (name: string) => (fixtures as Record<string, { content: string }>)[name]!.content
const RESUME = /^GET \/api\/sessions\/[^/]+\/messages\/[^/]+\/stream$/
const MiB = 1024 * 1024
/** The longest a timer can wait (2^31 - 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1

/** The hostile cases, each a run and what the client must make of it (row numbers from issue 15). */
export const hostileCases: Record<string, (baseUrl: string, transport: TransportName) => Promise<void>> = {
  async 'row 1: an endless line fails with a protocol error at 8 MiB; the events before it are kept'(baseUrl, transport) {
    const run = await runHostile({ baseUrl, transport, misbehave: 'endless-line' })
    expect(run.events).toEqual(['1:start'])
    expect(run.error).toMatchObject({ kind: 'protocol', retryable: false })
    expect(run.error!.message).toMatch(/^An event larger than 8 MiB \(8,388,608 characters\) arrived from POST \S+\/api\/sessions\/.*: a line or an event without an end\. The client stopped reading there; the text before it is kept\./)
    expect(run.requests).toHaveLength(1)
    // It stopped reading right after the limit: a few 64 KiB writes in flight, not the hundreds of MB of before.
    expect(run.bytes).toBeGreaterThan(8 * MiB)
    expect(run.bytes).toBeLessThan(8 * MiB + 2 * MiB)
  },

  async 'rows 1 and 8: an endless 500 page on the POST is read up to 64 KB, then cancelled; one honest sentence'(baseUrl, transport) {
    const run = await runHostile({ baseUrl, transport, misbehave: 'endless-error-body' })
    expect(run.requests).toHaveLength(1)
    expect(run.error).toMatchObject({ kind: 'http', status: 500, retryable: true })
    // Row 8: not "retries with backoff" and "cannot be resumed" at once, and no page pasted into the sentence.
    expect(run.error!.message).toBe(
      'The server failed (500) (HTML page: 500 Internal Server Error). The stream cannot be resumed: a POST stream is resumed with GET on `resumeUrl`, and none is known (the prompt is never sent twice).',
    )
    // The page's text stays in the detail for the Details view and diagnostics, capped.
    expect(run.error!.detail).toMatch(/^<html>/)
    expect((run.error!.detail as string).length).toBeLessThanOrEqual(2000)
    // Cancelled right after 64 KB arrived. xhr's progress events come in batches that grow with the machine's load
    // (a few hundred KB quiet, 3.2 MB measured at load ≈ 8); unbounded, the body grew by ~80 MB a second.
    expect(run.bytes).toBeGreaterThanOrEqual(64 * 1024)
    expect(run.bytes).toBeLessThan(16 * MiB)
  },

  async 'row 2: a resume endpoint that replays and drops gives up after maxAttempts, saying so, with no event twice'(baseUrl, transport) {
    // 'typing', not 'instant': Chromium drops data that arrives together with a broken connection.
    const scenario: Partial<Scenario> = { fixture: 'short-answer', speed: 'typing', interruption: 'drop' }
    const run = await runHostile({ baseUrl, transport, misbehave: 'replay-and-drop', scenario })
    // 1 + maxAttempts (3) requests. Chromium may lose the frames that arrive together with a broken connection;
    // a replay that then brings one of them back is progress, so a few more requests are possible — never a loop.
    expect(run.requests.length, run.error?.message).toBeGreaterThanOrEqual(4)
    expect(run.requests.length).toBeLessThan(12)
    expect(run.requests.slice(1).every((r) => RESUME.test(r))).toBe(true)
    expect(new Set(run.events).size).toBe(run.events.length)
    expect(source('short-answer').startsWith(run.text)).toBe(true)
    expect(run.error).toMatchObject({ kind: 'protocol', retryable: false })
    expect(run.error!.message).toMatch(
      /^The server replays instead of resuming: asked to continue after event id \d+ \(Last-Event-ID\), it sent events the client already had and nothing new, 3 times in a row\./,
    )
    const retries = run.lifecycle.filter((e) => e.type === 'retry')
    expect(retries.slice(-2).map((e) => e.type === 'retry' && e.reason)).toEqual(['replay', 'replay'])
  },

  async 'row 5: a server echoing the token: not in the error, the lifecycle, or the stream’s redact()'(baseUrl, transport) {
    const token = 'opaque-4f1c9a77e2'
    const refused = await runHostile({ baseUrl, transport, misbehave: 'echo-token', token })
    expect(refused.error).toMatchObject({ kind: 'http', status: 401, detail: 'Invalid token "[redacted]"' })
    expect(refused.error!.message).toMatch(/\(Invalid token "\[redacted\]"\)/)
    expect(JSON.stringify(refused.lifecycle)).not.toContain(token)
    expect(JSON.stringify(refused.error)).not.toContain(token)
  },

  async 'row 7: Retry-After: 3600 waits retry.maxDelayMs and the message says both'(baseUrl, transport) {
    const run = await runHostile({
      baseUrl,
      transport,
      misbehave: '',
      scenario: { interruption: { kind: 'http-503', retryAfter: 3600, times: 1 } },
      options: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 40 } },
    })
    expect(run.error).toBeUndefined()
    expect(run.text).toBe(source('short-answer'))
    const retry = run.lifecycle.find((e) => e.type === 'retry')
    expect(retry).toMatchObject({ delayMs: 40, reason: 'http 503' })
    expect(retry?.type === 'retry' && retry.error?.message).toMatch(/asked to retry in 60 min\. The client retries in 40 ms \(retry\.maxDelayMs\)\./)
  },

  async 'row 7: Retry-After as an HTTP date is capped too'(baseUrl, transport) {
    const run = await runHostile({
      baseUrl,
      transport,
      misbehave: 'retry-after-date',
      scenario: { interruption: { kind: 'http-503', retryAfter: 7200, times: 1 } },
      options: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 40 } },
    })
    expect(run.error).toBeUndefined()
    expect(run.lifecycle.find((e) => e.type === 'retry')).toMatchObject({ delayMs: 40 })
  },

  async 'row 9: id-only blocks move Last-Event-ID: a dropped stream resumes byte-identical'(baseUrl, transport) {
    const scenario: Partial<Scenario> = { fixture: 'short-answer', speed: 'typing', interruption: 'drop' }
    const run = await runHostile({ baseUrl, transport, misbehave: 'id-only-blocks', scenario })
    expect(run.error).toBeUndefined()
    expect(run.text).toBe(source('short-answer'))
    expect(run.requests).toHaveLength(2)
    // The resume asked for the id of the last frame received (sent in a block of its own), not for nothing.
    expect(Number(run.lastEventIds[1])).toBeGreaterThan(1)
    expect(new Set(run.events).size).toBe(run.events.length)
  },

  async 'row 10: the stall timer starts at the response head: a slow head is no stall'(baseUrl, transport) {
    // The head comes after 100 ms; a 40 ms stall timeout used to fire before it and drop the POST.
    const run = await runHostile({ baseUrl, transport, misbehave: 'slow-head', options: { stallTimeoutMs: 40, retry: { maxAttempts: 0 } } })
    expect(run.error).toBeUndefined()
    expect(run.text).toBe(source('short-answer'))
    expect(run.requests).toHaveLength(1)
    expect(run.lifecycle.some((e) => e.type === 'stall')).toBe(false)
    expect(run.ms).toBeGreaterThanOrEqual(SLOW_HEAD_MS * HOSTILE_TIME_SCALE - 5)
  },

  async 'row 10: a connect timeout is its own limit, with its own message'(baseUrl, transport) {
    const run = await runHostile({ baseUrl, transport, misbehave: 'slow-head', options: { connectTimeoutMs: 30, retry: { maxAttempts: 0 } } })
    expect(run.events).toEqual([])
    expect(run.error).toMatchObject({ kind: 'network', retryable: true })
    expect(run.error!.message).toMatch(/^No response to POST \S+\/api\/sessions\/\S+ within 30 ms \(connectTimeoutMs\)/)
  },

  async 'row 10: maxAttempts 0 — a dropped stream ends retryable (the store can still resume it)'(baseUrl, transport) {
    const run = await runHostile({ baseUrl, transport, misbehave: '', scenario: { speed: 'typing', interruption: 'drop' }, options: { retry: { maxAttempts: 0 } } })
    expect(run.error).toMatchObject({ kind: 'network', retryable: true })
    expect(run.error!.message).toMatch(/Reconnecting is off \(retry\.maxAttempts = 0\)\.$/)
    expect(run.error!.message).not.toMatch(/Reconnecting after/)
  },
}

/** Row 7's overflow case needs a look at time, not at the end of the stream: run it on its own. */
export async function retryAfterOverflow(baseUrl: string, transport: TransportName): Promise<void> {
  const requests: number[] = []
  let retry: StreamLifecycleEvent | undefined
  const stream = openEventStream(`${baseUrl}/api/sessions/overflow-${transport}-${++sequence}/messages`, {
    body: { content: 'Hello' },
    token: DEMO_TOKEN,
    transport,
    headers: { [SCENARIO_HEADER]: JSON.stringify({ fixture: 'one-liner', interruption: { kind: 'http-503', retryAfter: 2147484, times: 1 } }) },
    retry: { maxAttempts: 2, maxDelayMs: 2 ** 40 },
  })
  stream.subscribe((e) => {
    if (e.type === 'connecting') requests.push(e.at)
    if (e.type === 'retry') retry = e
  })
  const done = (async () => {
    try {
      for await (const _ of stream) {
        // nothing should arrive
      }
    } catch {
      // closed
    }
  })()
  const until = performance.now() + 5000
  while (!retry && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 5))
  await new Promise((resolve) => setTimeout(resolve, 150))
  stream.close()
  await done
  expect(retry).toMatchObject({ type: 'retry', delayMs: MAX_TIMER_MS })
  expect(retry?.type === 'retry' && retry.error?.message).toMatch(/asked to retry in 25 days\. The client retries in 25 days \(retry\.maxDelayMs\)\./)
  expect(requests).toHaveLength(1)
}
