import { describe, expect, it } from 'vitest'
import { openEventStream } from './open'
import { createDecoder, createSseParser } from './parse'
import { collect, scriptedFetch, seeded, splitAtRandom } from './stream.test-support'
import type { StreamEvent } from './types'

const enc = new TextEncoder()
const bytes = (...parts: (string | number[])[]) => {
  const arrays = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : Uint8Array.from(p)))
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0))
  let i = 0
  for (const a of arrays) {
    out.set(a, i)
    i += a.length
  }
  return out
}
const BOM = [0xef, 0xbb, 0xbf]
const ev = (data: string, id = '', event = 'message'): StreamEvent => ({ event, data, id })

interface Case {
  name: string
  input: Uint8Array
  events: StreamEvent[]
  retries?: number[]
}

/** WHATWG HTML, "9.2.6 Interpreting an event stream". */
const cases: Case[] = [
  { name: 'a leading BOM is dropped', input: bytes(BOM, 'data: a\n\n'), events: [ev('a')] },
  {
    name: 'only one BOM is dropped: a second one makes the first field name unknown',
    input: bytes(BOM, BOM, 'data: a\n\ndata: b\n\n'),
    events: [ev('b')],
  },
  { name: 'LF line endings', input: bytes('data: a\n\ndata: b\n\n'), events: [ev('a'), ev('b')] },
  { name: 'CR line endings', input: bytes('data: a\r\rdata: b\r\r'), events: [ev('a'), ev('b')] },
  { name: 'CRLF line endings', input: bytes('data: a\r\n\r\ndata: b\r\n\r\n'), events: [ev('a'), ev('b')] },
  {
    name: 'mixed line endings in one stream',
    input: bytes('data: a\rdata: b\r\n\ndata: c\n\r\n'),
    events: [ev('a\nb'), ev('c')],
  },
  {
    name: 'comments are ignored, also between fields',
    input: bytes(': hello\ndata: a\n:\n: another\ndata: b\n\n'),
    events: [ev('a\nb')],
  },
  {
    name: 'a field without a colon has an empty value',
    input: bytes('data\n\nevent\ndata: x\n\n'),
    events: [ev(''), ev('x')],
  },
  {
    name: 'exactly one leading space is removed from a value',
    input: bytes('data:  two\n\ndata:none\n\ndata: \n\n'),
    events: [ev(' two'), ev('none'), ev('')],
  },
  {
    name: 'multi-line data joins with LF',
    input: bytes('data: a\ndata: b\ndata\ndata: c\n\n'),
    events: [ev('a\nb\n\nc')],
  },
  {
    name: 'an event without data is not dispatched, but its id becomes the last event ID',
    input: bytes('event: x\n\n:\n\nid: 7\n\ndata: a\n\n'),
    events: [ev('a', '7')],
  },
  {
    name: 'an id-only block moves the last event ID; an empty one resets it',
    input: bytes('id: 3\ndata: a\n\nid: 4\n\ndata: b\n\nid\n\ndata: c\n\n'),
    events: [ev('a', '3'), ev('b', '4'), ev('c', '')],
  },
  {
    name: 'the event type does not outlive its block',
    input: bytes('event: add\n\ndata: 1\n\n'),
    events: [ev('1')],
  },
  { name: 'the event type defaults to message', input: bytes('event: add\ndata: 1\n\ndata: 2\n\n'), events: [ev('1', '', 'add'), ev('2')] },
  {
    name: 'the last event id persists until set, and an empty id resets it',
    input: bytes('id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\ndata: d\n\nid:\ndata: e\n\n'),
    events: [ev('a', '1'), ev('b', '1'), ev('c', ''), ev('d', '2'), ev('e', '')],
  },
  {
    name: 'an id containing NULL is ignored',
    input: bytes('id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n'),
    events: [ev('a', '1'), ev('b', '1')],
  },
  {
    name: 'retry takes ASCII digits only',
    input: bytes('retry: 1500\ndata: a\n\nretry: 15x\nretry: -1\nretry: 2.5\nretry:  7\ndata: b\n\n'),
    events: [ev('a'), ev('b')],
    retries: [1500],
  },
  {
    name: 'unknown fields and wrong-case names are ignored',
    input: bytes('foo: bar\nData: no\ndata: a\n\n'),
    events: [ev('a')],
  },
  { name: 'an incomplete last event is discarded', input: bytes('data: a\n\ndata: b\n'), events: [ev('a')] },
  { name: 'an unterminated last line is discarded', input: bytes('data: a\n\ndata: b'), events: [ev('a')] },
  { name: 'a stream ending in a bare CR completes its line', input: bytes('data: a\r\r'), events: [ev('a')] },
  { name: 'an id-only block at the end still needs its blank line', input: bytes('data: a\n\nid: 9\n'), events: [ev('a')] },
  {
    name: 'UTF-8 of every width survives any split',
    input: bytes('data: é 日本語 🎉 שלום\n\n'),
    events: [ev('é 日本語 🎉 שלום')],
  },
]

function parseAll(pieces: Uint8Array[]) {
  const events: StreamEvent[] = []
  const retries: number[] = []
  const parser = createSseParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) })
  const decoder = createDecoder()
  for (const piece of pieces) parser.feed(decoder.decode(piece))
  parser.feed(decoder.flush())
  parser.end()
  return { events, retries }
}

describe('event stream interpretation (WHATWG)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const whole = parseAll([c.input])
      expect(whole.events).toEqual(c.events)
      expect(whole.retries).toEqual(c.retries ?? [])
      // The same bytes, cut at 50 seeded random boundaries each, must give the same events.
      for (let seed = 1; seed <= 50; seed++) {
        const pieces = splitAtRandom(c.input, seeded(seed * 7919), 1 + (seed % 6))
        const split = parseAll(pieces)
        expect(split.events, `seed ${seed}`).toEqual(c.events)
        expect(split.retries, `seed ${seed}`).toEqual(c.retries ?? [])
      }
    })
  }

  it('one byte at a time through the whole client (fetch transport)', async () => {
    for (const c of cases) {
      const pieces = splitAtRandom(c.input, seeded(42), 1)
      const server = scriptedFetch([{ chunks: pieces }])
      const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: { maxAttempts: 0 } })
      expect(await collect(stream), c.name).toEqual(c.events)
    }
  })

  it('keeps the last event id across a reconnect and resets the half-read event', async () => {
    const server = scriptedFetch([
      { chunks: ['id: 1\ndata: a\n\nid: 2\ndata: half'], then: 'error' },
      { chunks: ['data: b\n\n'] },
    ])
    const stream = openEventStream('/s', {
      fetch: server.fetch,
      transport: 'fetch',
      retry: { maxAttempts: 1, baseDelayMs: 1 },
    })
    const events: StreamEvent[] = []
    for await (const e of stream) {
      events.push(e)
      if (e.data === 'b') break
    }
    expect(events).toEqual([ev('a', '1'), ev('b', '1')])
    expect(server.requests[1]!.headers['last-event-id']).toBe('1')
  })

  it('an id-only block moves Last-Event-ID for the reconnect (browsers do; eventsource-parser never reports it)', async () => {
    const server = scriptedFetch([
      { chunks: ['id: 1\ndata: a\n\n', 'id: 2\n\n'], then: 'error' },
      { chunks: ['data: b\n\n'] },
    ])
    const stream = openEventStream('/s', { fetch: server.fetch, transport: 'fetch', retry: { maxAttempts: 1, baseDelayMs: 1 } })
    const events: StreamEvent[] = []
    for await (const e of stream) {
      events.push(e)
      if (e.data === 'b') break
    }
    expect(server.requests[1]!.headers['last-event-id']).toBe('2')
    expect(events).toEqual([ev('a', '1'), ev('b', '2')])
  })

  it('is the one keeper of the last event ID: events parsed by EventSource move it through accept()', () => {
    const events: StreamEvent[] = []
    const parser = createSseParser({ lastEventId: '3', onEvent: (e) => events.push(e) })
    parser.feed('data: a\n\n')
    parser.accept({ event: 'delta', data: 'b', id: '9' })
    parser.feed('data: c\n\n')
    expect(events).toEqual([ev('a', '3'), ev('b', '9', 'delta'), ev('c', '9')])
    expect(parser.lastEventId).toBe('9')
  })
})

describe('bounded: lines and events over maxEventChars stop the parser', () => {
  function run(input: string, max: number, pieces = 1) {
    const events: StreamEvent[] = []
    const overflows: number[] = []
    const parser = createSseParser({ onEvent: (e) => events.push(e), maxEventChars: max, onOverflow: (o) => overflows.push(o.chars) })
    const size = Math.ceil(input.length / pieces)
    for (let i = 0; i < input.length; i += size) parser.feed(input.slice(i, i + size))
    return { events, overflows, parser }
  }

  it('an endless line: the events before it are delivered, then one overflow, then nothing', () => {
    for (const pieces of [1, 3, 200]) {
      const { events, overflows } = run(`data: a\n\ndata: ${'x'.repeat(5000)}`, 1000, pieces)
      expect(events).toEqual([ev('a')])
      expect(overflows).toHaveLength(1)
      expect(overflows[0]).toBeGreaterThan(1000)
    }
  })

  it('an event of many short data lines counts its whole data', () => {
    const { events, overflows } = run(`data: a\n\n${'data: 0123456789\n'.repeat(200)}\ndata: b\n\n`, 1000)
    expect(events).toEqual([ev('a')])
    expect(overflows).toHaveLength(1)
  })

  it('a long complete line in one chunk (an event: or id: field) counts too', () => {
    expect(run(`event: ${'e'.repeat(2000)}\ndata: a\n\n`, 1000).overflows).toHaveLength(1)
  })

  it('exactly at the limit is fine, and reset() starts over', () => {
    const { events, overflows, parser } = run(`data: ${'y'.repeat(994)}\n\n`, 1000)
    expect(overflows).toEqual([])
    expect(events[0]!.data).toHaveLength(994)
    parser.feed(`data: ${'z'.repeat(2000)}`)
    parser.feed('\n\n')
    parser.reset()
    parser.feed('data: again\n\n')
    expect(events.map((e) => e.data.slice(0, 5))).toEqual(['yyyyy', 'again'])
  })
})

describe('admit: a block can be dropped before its id takes effect (the client’s replay guard)', () => {
  it('a dropped block neither dispatches nor moves the last event ID; id-only blocks are asked too', () => {
    const events: StreamEvent[] = []
    const asked: string[] = []
    const parser = createSseParser({
      onEvent: (e) => events.push(e),
      admit: (id, ownId) => (asked.push(`${id}${ownId ? '' : '*'}`), id !== '2'),
    })
    parser.feed('id: 1\ndata: a\n\nid: 2\ndata: b\n\ndata: c\n\nid: 3\n\nid: 4\ndata: d\n\n')
    expect(events).toEqual([ev('a', '1'), ev('c', '1'), ev('d', '4')])
    expect(asked).toEqual(['1', '2', '1*', '3', '4'])
    expect(parser.lastEventId).toBe('4')
  })
})
