import type { StreamEvent } from './types'

/** A line or event grew past `maxEventChars`: the parser stopped (until `reset()`). */
export interface SseOverflow {
  /** Characters buffered for the line or event when it was stopped. */
  chars: number
  limit: number
}

export interface SseParser {
  /** Feed decoded text; events are dispatched synchronously. */
  feed(text: string): void
  /** The body ended: complete a final bare CR line ending, discard the incomplete event (WHATWG). */
  end(): void
  /** A new connection: forget the half-read event and line (the last event ID stays). */
  reset(): void
  /** An event parsed elsewhere (EventSource's own parser): it moves the last event ID like a parsed one. */
  accept(event: StreamEvent): void
  /** The last event ID in effect: the stream's one copy (the client reads it for Last-Event-ID and metrics). */
  readonly lastEventId: string
  /** Characters held for the unfinished line and event (what `reset()` would throw away). */
  readonly bufferedChars: number
}

export interface SseParserInit {
  lastEventId?: string
  onEvent(event: StreamEvent): void
  onRetry?(ms: number): void
  /** A `:` comment line (heartbeats), without the colon and one leading space. */
  onComment?(comment: string): void
  /**
   * Asked at the end of every block, data or not, before its id takes effect: `id` is the last event ID the block
   * would leave in effect, `ownId` whether the block had an `id:` field of its own (else the id persists from an
   * earlier block). `false` drops the block: no event, and the last event ID does not move. The client's replay
   * guard lives here.
   */
  admit?(id: string, ownId: boolean): boolean
  /** Longest line, and longest event data, in characters. @default Infinity */
  maxEventChars?: number
  /** Called once when a line or an event's data passes `maxEventChars`; nothing more is parsed until `reset()`. */
  onOverflow?(overflow: SseOverflow): void
  /** A line the algorithm ignores: an unknown field, or `retry:` that is not ASCII digits (the endpoint doctor lists them). */
  onSkip?(message: string): void
}

const LF = 10
const CR = 13
const COLON = 58
const SPACE = 32

/**
 * The WHATWG "interpreting an event stream" algorithm (HTML § 9.2.6), on decoded text: CR, LF and CRLF line
 * endings; comments; `field: value` with one leading space removed; `event`, `data` (joined with LF), `id`
 * (ignored when it contains NULL; persists across events; an empty `id` resets it), `retry` (ASCII digits only);
 * a blank line dispatches — and sets the last event ID even when the block had no data, as browsers do; an
 * incomplete last event is discarded. The decoder (`createDecoder`) drops the BOM. Two additions for a client that
 * must stay bounded: lines and event data longer than `maxEventChars` stop the parser (`onOverflow`), and `admit`
 * may drop a block (a replay) before its id takes effect.
 */
export function createSseParser(init: SseParserInit): SseParser {
  const { onEvent, onRetry, onComment, admit, onOverflow, onSkip } = init
  const max = init.maxEventChars ?? Infinity
  let lastEventId = init.lastEventId ?? ''
  // Block state (WHATWG buffers); the id buffer starts each block at the committed last event ID.
  let idBuffer = lastEventId
  let ownId = false
  let data = ''
  let hasData = false
  let eventType = ''
  // The unterminated end of the text fed so far, in pieces (joined once a line ending arrives).
  let pending: string[] = []
  let pendingChars = 0
  // A CR ended the last piece: an LF at the start of the next one belongs to it.
  let skipLF = false
  let stopped = false

  function overflow(chars: number): void {
    stopped = true
    pending = []
    pendingChars = 0
    data = ''
    onOverflow?.({ chars, limit: max })
  }

  function dispatch(): void {
    const id = idBuffer
    const own = ownId
    ownId = false
    const hadData = hasData
    const text = data
    const type = eventType
    data = ''
    hasData = false
    eventType = ''
    if (admit !== undefined && !admit(id, own)) {
      idBuffer = lastEventId
      return
    }
    lastEventId = id
    if (!hadData) return
    onEvent({ event: type === '' ? 'message' : type, data: text, id })
  }

  function field(name: string, value: string): void {
    switch (name) {
      case 'event':
        eventType = value
        return
      case 'data':
        if (hasData) {
          data = `${data}\n${value}`
          if (data.length > max) overflow(data.length)
        } else {
          data = value
          hasData = true
        }
        return
      case 'id':
        if (value.indexOf('\0') === -1) {
          idBuffer = value
          ownId = true
        }
        return
      case 'retry':
        if (value !== '' && isDigits(value)) onRetry?.(Number(value))
        else onSkip?.(`Invalid \`retry\` value: "${value.slice(0, 20)}"`)
        return
      default:
        onSkip?.(`Unknown field "${name.length > 20 ? `${name.slice(0, 20)}…` : name}"`)
    }
  }

  /** One line, `text.slice(start, end)` without its line ending. */
  function line(text: string, start: number, end: number): void {
    if (start === end) return dispatch()
    if (end - start > max) return overflow(end - start)
    const first = text.charCodeAt(start)
    // The common fields first, without a search for the colon.
    if (first === 100 && isData(text, start)) {
      return field('data', text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end))
    }
    if (first === 105 && text.charCodeAt(start + 1) === 100 && text.charCodeAt(start + 2) === COLON) {
      return field('id', text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end))
    }
    if (first === 101 && isEvent(text, start)) {
      eventType = text.slice(text.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end)
      return
    }
    if (first === COLON) {
      if (onComment) onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end))
      return
    }
    const colon = text.indexOf(':', start)
    if (colon === -1 || colon >= end) return field(text.slice(start, end), '')
    field(text.slice(start, colon), text.slice(text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1, end))
  }

  /** Parses every complete line of `text`; returns where the unterminated rest begins. */
  function lines(text: string): number {
    let start = 0
    if (skipLF) {
      skipLF = false
      if (text.charCodeAt(0) === LF) start = 1
    }
    const length = text.length
    if (text.indexOf('\r', start) === -1) {
      // LF only, the usual case: the common fields inline, and a one-line event dispatched without the buffer.
      let lf = text.indexOf('\n', start)
      while (lf !== -1) {
        if (lf === start) {
          dispatch()
          start = lf + 1
          lf = text.indexOf('\n', start)
          continue
        }
        if (lf - start > max) {
          overflow(lf - start)
          return length
        }
        const first = text.charCodeAt(start)
        if (first === 100 && isData(text, start)) {
          const value = text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, lf)
          if (!hasData && text.charCodeAt(lf + 1) === LF) {
            // `data:` then a blank line: the event is complete, no buffer needed.
            const type = eventType
            const own = ownId
            eventType = ''
            ownId = false
            if (admit === undefined || admit(idBuffer, own)) {
              lastEventId = idBuffer
              onEvent({ event: type === '' ? 'message' : type, data: value, id: lastEventId })
            } else {
              idBuffer = lastEventId
            }
            start = lf + 2
            lf = text.indexOf('\n', start)
            continue
          }
          field('data', value)
        } else if (first === 105 && text.charCodeAt(start + 1) === 100 && text.charCodeAt(start + 2) === COLON) {
          const value = text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, lf)
          if (value.indexOf('\0') === -1) {
            idBuffer = value
            ownId = true
          }
        } else if (first === 101 && isEvent(text, start)) {
          eventType = text.slice(text.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, lf)
        } else {
          line(text, start, lf)
        }
        if (stopped) return length
        start = lf + 1
        lf = text.indexOf('\n', start)
      }
      return start
    }
    while (start < length) {
      let end = start
      let code = 0
      while (end < length) {
        code = text.charCodeAt(end)
        if (code === LF || code === CR) break
        end++
      }
      if (end === length) break
      line(text, start, end)
      if (stopped) return length
      start = end + 1
      if (code === CR) {
        if (start === length) skipLF = true
        else if (text.charCodeAt(start) === LF) start++
      }
    }
    return start
  }

  function feed(chunk: string): void {
    if (stopped || chunk === '') return
    let text = chunk
    if (pending.length > 0) {
      if (chunk.indexOf('\n') === -1 && chunk.indexOf('\r') === -1) {
        pending.push(chunk)
        pendingChars += chunk.length
        if (pendingChars + data.length > max) overflow(pendingChars + data.length)
        return
      }
      pending.push(chunk)
      text = pending.join('')
      pending = []
      pendingChars = 0
    }
    const rest = lines(text)
    if (stopped) return
    if (rest < text.length) {
      const tail = rest === 0 ? text : text.slice(rest)
      pending.push(tail)
      pendingChars = tail.length
    }
    if (pendingChars + data.length > max) overflow(pendingChars + data.length)
  }

  function discardBlock(): void {
    pending = []
    pendingChars = 0
    data = ''
    hasData = false
    eventType = ''
    idBuffer = lastEventId
    ownId = false
    skipLF = false
    stopped = false
  }

  return {
    feed,
    end() {
      // A trailing CR already ended its line; everything else unterminated is discarded.
      discardBlock()
    },
    reset: discardBlock,
    accept(event) {
      if (admit !== undefined && !admit(event.id, event.id !== lastEventId)) return
      lastEventId = event.id
      idBuffer = event.id
      onEvent(event)
    },
    get lastEventId() {
      return lastEventId
    },
    get bufferedChars() {
      return pendingChars + data.length
    },
  }
}

function isData(text: string, i: number): boolean {
  return text.charCodeAt(i + 1) === 97 && text.charCodeAt(i + 2) === 116 && text.charCodeAt(i + 3) === 97 && text.charCodeAt(i + 4) === COLON
}

function isEvent(text: string, i: number): boolean {
  return (
    text.charCodeAt(i + 1) === 118 &&
    text.charCodeAt(i + 2) === 101 &&
    text.charCodeAt(i + 3) === 110 &&
    text.charCodeAt(i + 4) === 116 &&
    text.charCodeAt(i + 5) === COLON
  )
}

function isDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 48 || code > 57) return false
  }
  return true
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
