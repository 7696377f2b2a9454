import { createDecoder, createSseParser } from '../stream/parse'
import type { StreamEvent } from '../stream/types'

/** A dispatched event and when it arrived (ms since the request was sent). */
export interface TimedEvent extends StreamEvent {
  at: number
}

/** Everything the checks read from one event-stream body. Times are ms since the request was sent. */
export interface ObservedStream {
  events: TimedEvent[]
  /** Arrival of each `:` comment (heartbeat). */
  comments: number[]
  /** Arrival and size of each network chunk. */
  chunks: { at: number; bytes: number }[]
  bytes: number
  /** When the response head arrived. */
  headAt: number
  /** When reading stopped. */
  endAt: number
  /** How reading stopped: the server closed the body, it broke, the doctor gave up waiting, or stopped on purpose. */
  end: 'closed' | 'broken' | 'timeout' | 'stopped'
  error?: string
  /** Every byte was valid UTF-8. */
  utf8: boolean
  /** The body ended inside an event (no blank line after its last field): the client drops that event. */
  truncated: boolean
  /** What the parser skipped: unknown fields, invalid `retry:` values (first few). */
  parseErrors: string[]
  /** The last `retry:` the server sent. */
  retryMs: number | undefined
}

export interface ObserveOptions {
  /** `performance.now()` when the request was sent. */
  startedAt: number
  /** Stop waiting for more bytes after this long (since `startedAt`). */
  timeoutMs: number
  signal?: AbortSignal
  /** Stop reading once this says so (e.g. a replay is proven after one event). */
  stopWhen?: (event: TimedEvent, events: readonly TimedEvent[]) => boolean
  /** Stop after this many bytes. @default 32 MiB */
  maxBytes?: number
}

const now = () => performance.now()
const MAX_PARSE_ERRORS = 5

/**
 * Reads an event-stream body with the client's own decoder and parser (src/stream/parse.ts), noting when every
 * chunk, event and comment arrived. Never throws: a broken body or a timeout is recorded in `end`.
 */
export async function observeStream(response: Response, options: ObserveOptions): Promise<ObservedStream> {
  const t = () => now() - options.startedAt
  const out: ObservedStream = {
    events: [],
    comments: [],
    chunks: [],
    bytes: 0,
    headAt: t(),
    endAt: 0,
    end: 'closed',
    utf8: true,
    truncated: false,
    parseErrors: [],
    retryMs: undefined,
  }
  let at = out.headAt
  let probingTail = false
  let stop = false
  const parser = createSseParser({
    onEvent(event) {
      if (probingTail) {
        out.truncated = true
        return
      }
      const timed = event as TimedEvent
      timed.at = at
      out.events.push(timed)
      if (options.stopWhen?.(timed, out.events)) stop = true
    },
    onRetry: (ms) => (out.retryMs = ms),
    onComment: () => void out.comments.push(at),
    onSkip(message) {
      if (out.parseErrors.length < MAX_PARSE_ERRORS) out.parseErrors.push(message)
    },
  })
  const decoder = createDecoder()
  const strict = new TextDecoder('utf-8', { fatal: true })
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024
  const reader = response.body?.getReader()
  if (!reader) {
    out.endAt = t()
    return out
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, options.timeoutMs - t()))
  })
  const aborted = new Promise<'aborted'>((resolve) => {
    if (options.signal?.aborted) resolve('aborted')
    options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true })
  })
  try {
    for (;;) {
      const result = await Promise.race([reader.read(), timedOut, aborted])
      at = t()
      if (result === 'timeout' || result === 'aborted') {
        out.end = result === 'timeout' ? 'timeout' : 'stopped'
        break
      }
      if (result.done) break
      const bytes = result.value
      out.chunks.push({ at, bytes: bytes.byteLength })
      out.bytes += bytes.byteLength
      if (out.utf8) {
        try {
          strict.decode(bytes, { stream: true })
        } catch {
          out.utf8 = false
        }
      }
      parser.feed(decoder.decode(bytes))
      if (stop || out.bytes >= maxBytes) {
        out.end = 'stopped'
        break
      }
    }
    if (out.end === 'closed') {
      parser.feed(decoder.flush())
      if (out.utf8) {
        try {
          strict.decode()
        } catch {
          out.utf8 = false
        }
      }
      // Two line ends complete any event still open: if one is dispatched now, the body ended inside it.
      probingTail = true
      parser.feed('\n\n')
      parser.end()
    }
  } catch (error) {
    out.end = 'broken'
    out.error = error instanceof Error ? error.message : String(error)
  } finally {
    clearTimeout(timer)
    out.endAt = at
    if (out.end !== 'closed') void reader.cancel().catch(() => {})
  }
  return out
}
