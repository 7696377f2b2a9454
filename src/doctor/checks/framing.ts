import type { TimedEvent } from '../observe'
import { isEventStream } from '../probes'
import type { CheckStatus } from '../types'
import { ms, needsStream, result, worst } from '../words'
import type { Check } from './context'

const CONTRACT_EVENTS = new Set(['start', 'delta', 'done', 'error'])
const TERMINAL = new Set(['done', 'error'])
const NUMERIC = /^\d+$/

interface Finding {
  status: CheckStatus
  text: string
  advice: string
}

const NOT_JSON = Symbol('not json')

/** A field of the event's JSON data; `NOT_JSON` when the data does not parse. */
function field(event: TimedEvent, name: string): unknown {
  try {
    const data: unknown = JSON.parse(event.data)
    return data && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined
  } catch {
    return NOT_JSON
  }
}
const at = (e: TimedEvent, i: number) => `event ${i + 1} (id ${e.id || 'none'}, ${e.event})`

/** The contract's frames, one by one: what the store reads from each. */
function contractFindings(events: TimedEvent[]): Finding[] {
  const out: Finding[] = []
  const first = events[0]!
  const messageId = field(first, 'messageId')
  if (first.event !== 'start' || (typeof messageId !== 'string' && typeof messageId !== 'number')) {
    out.push({
      status: 'fail',
      text: `the first event is ${first.event}${first.event === 'start' ? ' without a messageId' : ', not start'}`,
      advice: 'Send event: start with {"messageId": …} first: the client builds the resume URL from it.',
    })
  }
  const badDelta = events.findIndex((e) => e.event === 'delta' && typeof field(e, 'delta') !== 'string')
  if (badDelta !== -1) {
    const e = events[badDelta]!
    out.push({
      status: 'fail',
      text: `${at(e, badDelta)} has ${field(e, 'delta') === NOT_JSON ? 'data that is not JSON' : 'no string "delta"'}`,
      advice: 'Send each delta as data: {"messageId": …, "delta": "text"} on one frame; a frame the store cannot read is skipped, and its text lost.',
    })
  }
  const end = events.findIndex((e) => TERMINAL.has(e.event))
  if (end === -1) {
    out.push({
      status: 'fail',
      text: 'the body ended without event: done or event: error',
      advice: 'End every answer with event: done {"messageId", "finishReason"} (or event: error {"message"}). A body that ends without one looks like a dropped connection: the client resumes it (up to retry.maxAttempts times in a row), then reports an error.',
    })
  } else if (end !== events.length - 1) {
    out.push({
      status: 'fail',
      text: `${events.length - 1 - end} event(s) after ${events[end]!.event}`,
      advice: `Send nothing after ${events[end]!.event}: the client closes the stream on it and drops the rest.`,
    })
  } else if (events[end]!.event === 'error' && typeof field(events[end]!, 'message') !== 'string') {
    out.push({ status: 'warn', text: 'event: error has no "message"', advice: 'Send event: error with {"message": "…"}: the user reads it.' })
  }
  const unknown = [...new Set(events.map((e) => e.event).filter((t) => !CONTRACT_EVENTS.has(t)))]
  if (unknown.length > 0) {
    out.push({
      status: 'warn',
      text: `event types outside the contract: ${unknown.slice(0, 5).join(', ')}`,
      advice: 'The store ignores event types other than start, delta, done and error; rename them if they carry text.',
    })
  }
  return out
}

/** Ids: numeric and increasing on every frame, which resume and the replay guard rely on. */
function idFindings(events: TimedEvent[]): Finding[] {
  const missing = events.findIndex((e, i) => e.id === '' || (i > 0 && e.id === events[i - 1]!.id))
  if (missing !== -1) {
    return [
      {
        status: 'fail',
        text: `${at(events[missing]!, missing)} has no id of its own`,
        advice: 'Put id: <n> on every frame: Last-Event-ID is the last id the client saw, so a frame without one is resumed twice or not at all.',
      },
    ]
  }
  const textual = events.findIndex((e) => !NUMERIC.test(e.id))
  if (textual !== -1) {
    return [
      {
        status: 'fail',
        text: `ids are not numeric (${at(events[textual]!, textual)})`,
        advice: 'Use increasing integers as ids (1, 2, 3 …): the stream client’s replay guard compares them as numbers to skip events it already has after a resume.',
      },
    ]
  }
  const backwards = events.findIndex((e, i) => i > 0 && Number(e.id) <= Number(events[i - 1]!.id))
  if (backwards !== -1) {
    return [
      {
        status: 'fail',
        text: `ids do not increase (${at(events[backwards]!, backwards)} follows id ${events[backwards - 1]!.id})`,
        advice: 'Number the frames of one answer 1, 2, 3 …: the stream client’s replay guard skips any event whose id is not newer than the highest one.',
      },
    ]
  }
  return []
}

/** 8. Valid SSE in UTF-8, ids numeric and increasing, `start` … `done`/`error` as the contract says. */
export const framing: Check = {
  id: 'framing',
  async run({ probes }) {
    const id = 'framing'
    const main = await probes.main()
    if (!isEventStream(main) || !main.stream) return needsStream(id, main)
    const s = main.stream
    const findings: Finding[] = []
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(main.headers?.get('content-type') ?? '')?.[1]
    if (charset && !/^utf-?8$/i.test(charset)) {
      findings.push({ status: 'fail', text: `Content-Type says charset=${charset}`, advice: 'Event streams are always UTF-8: drop the charset or say utf-8, and encode as UTF-8.' })
    }
    if (!s.utf8) {
      findings.push({ status: 'fail', text: 'the body is not valid UTF-8', advice: 'Encode the stream as UTF-8: other bytes show up as � in the answer.' })
    }
    if (s.end === 'broken') findings.push({ status: 'fail', text: `the body broke off (${s.error})`, advice: 'The connection dropped before the answer ended; look at server and proxy timeouts.' })
    if (s.end === 'timeout') {
      findings.push({ status: 'fail', text: `the stream was still open after ${ms(s.endAt)}`, advice: 'End the response after event: done; the doctor stopped waiting.' })
    }
    if (s.truncated) {
      findings.push({ status: 'fail', text: 'the body ended inside an event (no blank line after it)', advice: 'End every frame with a blank line (\\n\\n): the client drops an unfinished last event.' })
    }
    if (s.parseErrors.length > 0) {
      findings.push({ status: 'warn', text: `lines the parser skipped: ${s.parseErrors.join('; ')}`, advice: 'Use only the SSE fields id, event, data and retry (and ":" comments).' })
    }
    if (s.events.length === 0) {
      findings.push({ status: 'fail', text: 'no events at all', advice: 'Send frames as "event: …\\ndata: …\\n\\n".' })
    } else findings.push(...idFindings(s.events), ...contractFindings(s.events))

    const counts = new Map<string, number>()
    for (const e of s.events) counts.set(e.event, (counts.get(e.event) ?? 0) + 1)
    const summary = [...counts].map(([type, n]) => (n === 1 ? type : `${n} × ${type}`)).join(', ')
    const ids = s.events.length > 0 ? `ids ${s.events[0]!.id || '–'} … ${s.events.at(-1)!.id || '–'}` : ''
    const base = `${s.events.length} events (${summary || 'none'})${ids ? `, ${ids}` : ''}${s.retryMs !== undefined ? `, retry: ${s.retryMs} ms` : ''}`
    const status = worst(findings.map((f) => f.status))
    if (status === 'pass') return result(id, 'pass', `${base}; UTF-8; every frame complete, ids increasing, start first, ${s.events.at(-1)!.event} last.`)
    return result(
      id,
      status,
      `${base}: ${findings.map((f) => f.text).join('; ')}.`,
      findings.map((f) => f.advice).join(' '),
    )
  },
}
