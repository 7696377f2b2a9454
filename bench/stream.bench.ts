// Stream client benchmark (Chromium): parse-and-dispatch throughput of openEventStream vs raw
// eventsource-parser on the same bytes, both read from an in-memory ReadableStream (no network), one run.
import { createParser } from 'eventsource-parser'
import { describe, expect, it } from 'vitest'
import { openEventStream } from '../src/stream/open'

const EVENTS = 100_000
const ROUNDS = 16

/** Realistic frames: `id`, `event: delta`, JSON data with a word-sized delta, and a heartbeat every 500. */
function makeWire(): string {
  let out = 'id: 1\nevent: start\nretry: 1000\ndata: {"messageId":"m1"}\n\n'
  for (let i = 2; i < EVENTS; i++) {
    out += `id: ${i}\nevent: delta\ndata: {"messageId":"m1","delta":" token${i % 97} ü"}\n\n`
    if (i % 500 === 0) out += ': ping\n\n'
  }
  return `${out}id: ${EVENTS}\nevent: done\ndata: {"messageId":"m1","finishReason":"stop"}\n\n`
}

/** Network-like pieces of `size` bytes (frames and UTF-8 sequences cut anywhere). */
function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size))
  return out
}

function body(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!)
      else controller.close()
    },
  })
}

/** Baseline: read, decode, feed eventsource-parser, count events and data. */
async function raw(chunks: Uint8Array[]): Promise<number> {
  let events = 0
  let chars = 0
  const parser = createParser({
    onEvent(e) {
      events++
      chars += e.data.length
    },
  })
  const reader = body(chunks).getReader()
  const decoder = new TextDecoder()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parser.feed(decoder.decode(value, { stream: true }))
  }
  parser.feed(decoder.decode())
  return events + chars * 0
}

function fakeFetch(chunks: Uint8Array[]): typeof fetch {
  return (async () => new Response(body(chunks), { headers: { 'content-type': 'text/event-stream' } })) as typeof fetch
}

/** Ours, dispatching through `onEvent`: the whole client (fetch transport, parser, ids, metrics, lifecycle). */
async function client(chunks: Uint8Array[]): Promise<number> {
  let events = 0
  let chars = 0
  const stream = openEventStream('/bench', {
    fetch: fakeFetch(chunks),
    transport: 'fetch',
    retry: { maxAttempts: 0 },
    stallTimeoutMs: 0,
    onEvent(e) {
      events++
      chars += e.data.length
    },
  })
  for await (const _ of stream) {
    // ends when the body ends
  }
  return events + chars * 0
}

/** Ours, consumed with `for await`: the same plus one microtask per event. */
async function clientIterated(chunks: Uint8Array[]): Promise<number> {
  const stream = openEventStream('/bench', { fetch: fakeFetch(chunks), transport: 'fetch', retry: { maxAttempts: 0 }, stallTimeoutMs: 0 })
  let events = 0
  let chars = 0
  for await (const e of stream) {
    events++
    chars += e.data.length
  }
  return events + chars * 0
}

async function time(fn: () => Promise<number>): Promise<number> {
  const t0 = performance.now()
  const n = await fn()
  const t1 = performance.now()
  expect(n).toBe(EVENTS)
  return t1 - t0
}

describe('stream client: parse-and-dispatch throughput vs raw eventsource-parser', () => {
  const wire = new TextEncoder().encode(makeWire())
  for (const size of [16 * 1024, 1024]) {
    it(`${EVENTS} events, ${(wire.length / 1e6).toFixed(2)} MB in ${size}-byte chunks`, async () => {
      const chunks = cut(wire, size)
      for (let i = 0; i < 3; i++) {
        await raw(chunks)
        await client(chunks)
        await clientIterated(chunks)
      }
      const rawMs: number[] = []
      const ourMs: number[] = []
      const iterMs: number[] = []
      // Interleaved rounds; the least disturbed round of each (a shared machine only ever adds time).
      // The order alternates so the garbage one leaves behind is not always collected in the other's time.
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) rawMs.push(await time(() => raw(chunks)))
        ourMs.push(await time(() => client(chunks)))
        iterMs.push(await time(() => clientIterated(chunks)))
        if (i % 2 === 1) rawMs.push(await time(() => raw(chunks)))
      }
      const rawBest = Math.min(...rawMs)
      const ourBest = Math.min(...ourMs)
      const iterBest = Math.min(...iterMs)
      const ratio = ourBest / rawBest
      const perEvent = ((iterBest - ourBest) * 1000) / EVENTS
      console.log(
        `[stream.bench] ${size}-byte chunks: raw eventsource-parser ${rawBest.toFixed(1)} ms (${(wire.length / 1e6 / (rawBest / 1000)).toFixed(1)} MB/s, ${Math.round(EVENTS / (rawBest / 1000))} events/s); ` +
          `openEventStream+onEvent ${ourBest.toFixed(1)} ms (${Math.round(EVENTS / (ourBest / 1000))} events/s), overhead ${ratio.toFixed(2)}×; ` +
          `openEventStream+for-await ${iterBest.toFixed(1)} ms (${Math.round(EVENTS / (iterBest / 1000))} events/s, ${(iterBest / rawBest).toFixed(2)}× raw, +${perEvent.toFixed(2)} µs/event for the await)`,
      )
      expect(ratio).toBeLessThanOrEqual(1.2)
    })
  }
})
