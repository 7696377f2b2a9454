// Stream client benchmark (Chromium). Two ratios, each measured within one run on the same bytes, read from an
// in-memory ReadableStream (no network):
//  - parser: our WHATWG parser (src/stream/parse.ts) against eventsource-parser 3, decoded text fed to each;
//  - client: openEventStream (fetch transport, decoder, parser, replay guard, limits, metrics) against
//    read + decode + eventsource-parser.
// A run measures both sides once per chunk size, in alternating order; whole runs are repeated and the median of
// the per-run ratios is what the bound (≤ 1.2×) applies to, printed with the load average (house rule). Each
// measurement is 5 passes over the bytes, so a single GC pause does not decide a run.
import { createParser } from 'eventsource-parser'
import { commands } from 'vitest/browser'
import { describe, expect, it } from 'vitest'
import { openEventStream } from '../src/stream/open'
import { createSseParser } from '../src/stream/parse'

const EVENTS = 100_000
const RUNS = 15
/** Passes over the bytes per measurement: long enough (50–150 ms) that one GC pause does not decide a ratio. */
const PASSES = 5

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

function decodeAll(chunks: Uint8Array[]): string[] {
  const decoder = new TextDecoder()
  return chunks.map((c) => decoder.decode(c, { stream: true }))
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

// Parser alone: the same decoded text into each parser, counting events and characters of data.
function parserTheirs(texts: string[]): number {
  let events = 0
  let chars = 0
  const parser = createParser({
    onEvent(e) {
      events++
      chars += e.data.length
    },
  })
  for (const text of texts) parser.feed(text)
  return events + chars * 0
}

function parserOurs(texts: string[]): number {
  let events = 0
  let chars = 0
  const parser = createSseParser({
    onEvent(e) {
      events++
      chars += e.data.length
    },
    maxEventChars: 8 * 1024 * 1024,
  })
  for (const text of texts) parser.feed(text)
  return events + chars * 0
}

/** Baseline client: read, decode, feed eventsource-parser, count events and data. */
async function clientTheirs(chunks: Uint8Array[]): Promise<number> {
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

/** Ours, dispatching through `onEvent`: the whole client. */
async function clientOurs(chunks: Uint8Array[]): Promise<number> {
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

/** ms per pass, over `PASSES` passes. */
async function time(fn: () => number | Promise<number>): Promise<number> {
  const t0 = performance.now()
  for (let i = 0; i < PASSES; i++) expect(await fn()).toBe(EVENTS)
  return (performance.now() - t0) / PASSES
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]!
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`

describe('stream parsing: ours against eventsource-parser, median of whole runs', () => {
  const wire = new TextEncoder().encode(makeWire())
  for (const size of [16 * 1024, 1024]) {
    it(`${EVENTS} events, ${(wire.length / 1e6).toFixed(2)} MB in ${size}-byte chunks`, async () => {
      const chunks = cut(wire, size)
      const texts = decodeAll(chunks)
      // Warm-up (JIT), not measured.
      for (let i = 0; i < 2; i++) {
        parserTheirs(texts)
        parserOurs(texts)
        await clientTheirs(chunks)
        await clientOurs(chunks)
      }
      const load = await commands.loadAverage()
      const runs: { parser: number; client: number; times: number[] }[] = []
      for (let run = 0; run < RUNS; run++) {
        // One run: each side once, the order alternating between runs; the ratios come from this run only.
        const first = run % 2 === 0
        const pt = first ? await time(() => parserTheirs(texts)) : 0
        const po = await time(() => parserOurs(texts))
        const pt2 = first ? pt : await time(() => parserTheirs(texts))
        const ct = first ? await time(() => clientTheirs(chunks)) : 0
        const co = await time(() => clientOurs(chunks))
        const ct2 = first ? ct : await time(() => clientTheirs(chunks))
        runs.push({ parser: po / pt2, client: co / ct2, times: [pt2, po, ct2, co] })
      }
      const loadAfter = await commands.loadAverage()
      const parserRatio = median(runs.map((r) => r.parser))
      const clientRatio = median(runs.map((r) => r.client))
      const col = (i: number) => median(runs.map((r) => r.times[i]!))
      console.log(
        `[stream.bench] ${size}-byte chunks, median of ${RUNS} runs, load average ${load.map((l) => l.toFixed(1)).join(' ')} → ${loadAfter.map((l) => l.toFixed(1)).join(' ')}:\n` +
          `  parser: eventsource-parser ${fmt(col(0))}, ours ${fmt(col(1))}: ${parserRatio.toFixed(2)}× (runs ${runs.map((r) => r.parser.toFixed(2)).join(' ')})\n` +
          `  client: read+decode+eventsource-parser ${fmt(col(2))} (${Math.round(EVENTS / (col(2) / 1000))} events/s), openEventStream+onEvent ${fmt(col(3))} (${Math.round(EVENTS / (col(3) / 1000))} events/s): ${clientRatio.toFixed(2)}× (runs ${runs.map((r) => r.client.toFixed(2)).join(' ')})`,
      )
      expect(parserRatio).toBeLessThanOrEqual(1.2)
      expect(clientRatio).toBeLessThanOrEqual(1.2)
    })
  }
})
