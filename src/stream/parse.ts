import { createParser, type ParseError } from 'eventsource-parser'
import type { StreamEvent } from './types'

export interface SseParser {
  /** Feed decoded text; events are dispatched synchronously. */
  feed(text: string): void
  /** The body ended: complete a final bare CR line ending (the parser holds a trailing CR, waiting for LF). */
  end(): void
  /** A new connection: forget the half-read event and line (the last event ID stays). */
  reset(): void
  /** An event parsed elsewhere (EventSource's own parser): it moves the last event ID like a parsed one. */
  accept(event: StreamEvent): void
  /** The last event ID in effect: the stream's one copy (the client reads it for Last-Event-ID and metrics). */
  readonly lastEventId: string
}

export interface SseParserInit {
  lastEventId?: string
  onEvent(event: StreamEvent): void
  onRetry?(ms: number): void
  /** A `:` comment line (heartbeats), without the colon. */
  onComment?(comment: string): void
  /** What eventsource-parser reports and skips: unknown fields, an invalid `retry:`. */
  onError?(error: ParseError): void
}

/**
 * The WHATWG "event stream interpretation" on top of eventsource-parser, which already handles line endings,
 * comments, fields and `retry:`. What it leaves to us: the `message` default type, and the last event ID,
 * which persists across events until the server sets another (an empty `id:` resets it to '').
 * Known gap: an event with an `id:` but no `data:` is not dispatched by eventsource-parser, and its id is
 * not seen, so it does not move the last event ID (browsers would move it).
 */
export function createSseParser(init: SseParserInit): SseParser {
  let lastEventId = init.lastEventId ?? ''
  const { onEvent } = init
  const parser = createParser({
    onEvent(message) {
      if (message.id !== undefined) lastEventId = message.id
      // The parser hands over a fresh object per event: complete it in place instead of copying it.
      const event = message as StreamEvent
      event.event = message.event ?? 'message'
      event.id = lastEventId
      onEvent(event)
    },
    onRetry: init.onRetry,
    onComment: init.onComment,
    onError: init.onError,
  })
  let endsWithCR = false
  return {
    feed(text) {
      if (!text) return
      endsWithCR = text.charCodeAt(text.length - 1) === 13
      parser.feed(text)
    },
    end() {
      if (endsWithCR) parser.feed('\n')
      endsWithCR = false
    },
    reset() {
      endsWithCR = false
      parser.reset()
    },
    accept(event) {
      lastEventId = event.id
      onEvent(event)
    },
    get lastEventId() {
      return lastEventId
    },
  }
}

/**
 * Bytes → text for one connection. `stream: true` keeps a UTF-8 sequence split across chunks; the decoder
 * drops one leading BOM per connection, as the spec asks.
 */
export function createDecoder(): { decode(bytes: Uint8Array): string; flush(): string } {
  const decoder = new TextDecoder('utf-8')
  return {
    decode: (bytes) => decoder.decode(bytes, { stream: true }),
    flush: () => decoder.decode(),
  }
}
