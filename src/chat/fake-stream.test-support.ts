import type { EventStream, OpenEventStreamOptions, StreamEvent, StreamMetrics } from '../stream/types'

/** A scripted EventStream for store tests: push events, end or fail it, see what was opened. */
export interface FakeStream extends EventStream {
  readonly url: string
  readonly options: OpenEventStreamOptions
  readonly closed: boolean
  push(event: string, data: unknown, id?: string): void
  end(): void
  fail(error: unknown): void
}

export function createFakeStream(url: string, options: OpenEventStreamOptions): FakeStream {
  const queue: (StreamEvent | { end: true } | { error: unknown })[] = []
  let wake: (() => void) | undefined
  let closed = false
  let lastId = ''
  const notify = () => {
    wake?.()
    wake = undefined
  }
  async function* iterate(): AsyncGenerator<StreamEvent> {
    for (;;) {
      if (closed) return
      const next = queue.shift()
      if (!next) {
        await new Promise<void>((resolve) => (wake = resolve))
        continue
      }
      if ('end' in next) return
      if ('error' in next) throw next.error
      yield next
    }
  }
  return {
    url,
    options,
    get closed() {
      return closed
    },
    push(event, data, id) {
      if (id !== undefined) lastId = id
      queue.push({ event, data: typeof data === 'string' ? data : JSON.stringify(data), id: lastId })
      notify()
    },
    end() {
      queue.push({ end: true })
      notify()
    },
    fail(error) {
      queue.push({ error })
      notify()
    },
    close() {
      closed = true
      notify()
    },
    subscribe: () => () => {},
    redact: (value) => value,
    metrics: () => ({ state: closed ? 'closed' : 'open', lastEventId: lastId }) as StreamMetrics,
    [Symbol.asyncIterator]: iterate,
  }
}

/** An `openStream` that records every stream it opens. */
export function createFakeOpener() {
  const streams: FakeStream[] = []
  const open = (url: string, options: OpenEventStreamOptions): FakeStream => {
    const stream = createFakeStream(url, options)
    streams.push(stream)
    return stream
  }
  return { open, streams, last: () => streams[streams.length - 1]! }
}
