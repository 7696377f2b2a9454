import type { EventStream, OpenEventStreamOptions, StreamEvent, StreamLifecycleEvent, StreamLifecycleListener, StreamMetrics } from '../stream/types'

/** A scripted EventStream for store tests: push events, end or fail it, see what was opened. */
export interface FakeStream extends EventStream {
  readonly url: string
  readonly options: OpenEventStreamOptions
  readonly closed: boolean
  push(event: string, data: unknown, id?: string): void
  end(): void
  fail(error: unknown): void
  /** Delivers a lifecycle event to the listeners that asked for its type (`at` filled in). */
  lifecycle(event: DistributiveOmit<StreamLifecycleEvent, 'at'>): void
  /** How many lifecycle listeners are subscribed. */
  readonly listeners: number
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

export function createFakeStream(url: string, options: OpenEventStreamOptions): FakeStream {
  const queue: (StreamEvent | { end: true } | { error: unknown })[] = []
  let wake: (() => void) | undefined
  let closed = false
  let lastId = ''
  const listeners = new Map<StreamLifecycleListener, readonly string[] | undefined>()
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
    subscribe(listener, types) {
      listeners.set(listener, types)
      return () => listeners.delete(listener)
    },
    lifecycle(event) {
      const full = { ...event, at: 0 } as StreamLifecycleEvent
      for (const [listener, types] of listeners) if (!types || types.includes(full.type)) listener(full)
    },
    get listeners() {
      return listeners.size
    },
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
