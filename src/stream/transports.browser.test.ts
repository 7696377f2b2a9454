import { describe, expect, inject, it } from 'vitest'
import { DEMO_TOKEN } from 'vue-chat-stream/mocks'
import { isStreamError } from '../errors'
import { hostileCases, retryAfterOverflow } from './hostile.test-support'
import { interruptionNames, matrixExpectations, runInterruption } from './matrix.test-support'
import { openEventStream, pickTransport } from './open'
import type { StreamLifecycleEvent } from './types'

const baseUrl = inject('mockServerUrl')
const attemptsFor = (name: string) => (name === '503-always' ? 1 : 3)

describe('Chromium: the interruption matrix over the real loopback server', () => {
  for (const transport of ['fetch', 'xhr'] as const) {
    describe(transport, () => {
      for (const name of interruptionNames) {
        it(name, async () => {
          const maxAttempts = attemptsFor(name)
          const run = await runInterruption(name, { baseUrl, transport, chunking: 'split-7-bytes', maxAttempts, tag: 'chromium' })
          matrixExpectations[name](run, maxAttempts)
        })
      }
    })
  }
})

describe('Chromium: hostile servers on the real loopback server (issue 15)', () => {
  for (const transport of ['fetch', 'xhr'] as const) {
    describe(transport, () => {
      for (const [name, run] of Object.entries(hostileCases)) it(name, () => run(baseUrl, transport))
      it('row 7: Retry-After: 2147484 s never overflows the timer (it used to retry after 1 ms)', () => retryAfterOverflow(baseUrl, transport))
    })
  }
})

describe('Chromium: transports', () => {
  it('auto picks fetch where response bodies stream', () => {
    expect(pickTransport('auto')).toBe('fetch')
  })

  it('xhr recycles a long response (responseText only grows) and the text stays byte-identical', async () => {
    const run = await runInterruption('none', {
      baseUrl,
      transport: 'xhr',
      fixture: 'long-mixed',
      // paced (not 'instant'), so the body arrives in many progress events rather than one buffer
      speed: 'fast',
      xhrRecycleChars: 64 * 1024,
      tag: 'recycle',
    })
    expect(run.error).toBeUndefined()
    expect(run.text).toBe(run.source)
    // the 111 KB answer is ~250 KB of frames: the connection is replaced at least once, never the POST
    expect(run.requests.length).toBeGreaterThanOrEqual(2)
    expect(run.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1)
  }, 120_000)

  it('eventsource (legacy): the token goes in the URL, the server answers 422, and the detail is shown', async () => {
    const stream = openEventStream(`${baseUrl}/api/sessions/legacy/messages/m1~f.one-liner/stream`, {
      transport: 'eventsource',
      token: DEMO_TOKEN,
      retry: { maxAttempts: 0 },
    })
    const seen: StreamLifecycleEvent[] = []
    stream.subscribe((e) => seen.push(e))
    let error: unknown
    try {
      for await (const _ of stream) {
        // nothing arrives
      }
    } catch (e) {
      error = e
    }
    expect(isStreamError(error)).toBe(true)
    expect(error).toMatchObject({ kind: 'http', status: 422, retryable: false })
    expect((error as Error).message).toMatch(/EventSource cannot send headers/)
    // Row 10: `connecting` reports the URL really requested — with the token attached, shown redacted.
    const connecting = seen.find((e) => e.type === 'connecting')
    expect(connecting).toMatchObject({ url: `${baseUrl}/api/sessions/legacy/messages/m1~f.one-liner/stream?token=[redacted]` })
    expect(JSON.stringify(seen)).not.toContain(`token=${DEMO_TOKEN}`)
    expect(stream.metrics().tokenTransport).toBe('url')
  })
})
