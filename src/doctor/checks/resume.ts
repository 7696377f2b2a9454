import { isEventStream } from '../probes'
import { answerOf, detailOf, needsStream, result } from '../words'
import type { Check } from './context'

const NUMERIC = /^\d+$/

/** 6. `GET` on the resume URL with `Last-Event-ID: n` continues with the events after `n`: no replay, no gap. */
export const resume: Check = {
  id: 'resume',
  async run({ probes }) {
    const id = 'resume'
    const main = await probes.main()
    if (!isEventStream(main) || !main.stream) return needsStream(id, main)
    const events = main.stream.events
    if (!(await probes.messageId())) {
      return result(id, 'warn', 'Not checked: the stream’s first event is not `start` with a messageId, so there is no resume URL to build.', 'See “SSE framing”; or pass --resume-url with the full URL.')
    }
    if (events.length < 3 || !events.every((e) => NUMERIC.test(e.id))) {
      return result(id, 'warn', 'Not checked: the stream needs at least 3 events with numeric ids to resume from its middle.', 'See “SSE framing”.')
    }
    const probe = (await probes.resume())!
    const sent = `GET ${await probes.resumeUrl()} with Last-Event-ID: ${probe.lastEventId}`
    const after = Number(probe.lastEventId)
    if (probe.status === 204) {
      return result(id, 'fail', `${sent} → 204 (stream over), but ${probe.expected.length} events came after id ${after}.`, 'Keep an answer’s events after it ends (for a few minutes at least) and continue after Last-Event-ID; 204 only when nothing follows it.')
    }
    if (!isEventStream(probe) || !probe.stream) {
      const where =
        probe.status === 404 || probe.status === 405
          ? 'No resume endpoint there: implement GET /api/sessions/:sessionId/messages/:messageId/stream, or tell the doctor (and the client’s resumeUrl) where it is with --resume-url.'
          : 'Answer the resume GET with 200 text/event-stream, continuing after Last-Event-ID.'
      return result(id, 'fail', `${sent} → ${answerOf(probe)}${detailOf(probe)}.`, `${where} Without it a dropped connection loses the rest of the answer: the client never sends the prompt twice.`)
    }
    const got = probe.stream.events
    const replayed = got.filter((e) => NUMERIC.test(e.id) && Number(e.id) <= after)
    if (replayed.length > 0) {
      return result(
        id,
        'fail',
        `${sent} → the first event had id ${got[0]!.id} (${got[0]!.event}): the server replays events the client already has instead of continuing after ${after}.`,
        'Continue after Last-Event-ID. The stream client skips events whose numeric id is not newer (its replay guard), so no text comes twice, but every resume re-sends the answer, and a resume that replays and drops again is given up on.',
      )
    }
    const expected = probe.expected
    const firstMismatch = expected.findIndex((e, i) => got[i]?.id !== e.id || got[i]?.event !== e.event || got[i]?.data !== e.data)
    if (firstMismatch !== -1) {
      const want = expected[firstMismatch]!
      const have = got[firstMismatch]
      const what = have ? `got id ${have.id} (${have.event})` : probe.stream.end === 'closed' ? 'the stream ended' : 'nothing more arrived'
      return result(
        id,
        'fail',
        `${sent} → expected id ${want.id} (${want.event}) as event ${firstMismatch + 1} after the resume, ${what}: the resumed stream has a gap or different content.`,
        'Resume exactly after Last-Event-ID with the same ids and data as the first time: a gap loses text, different data garbles it.',
      )
    }
    const last = expected.at(-1)
    return result(
      id,
      'pass',
      `${sent} → 200 text/event-stream continuing with id ${expected[0]?.id ?? '–'}${last ? `, the same ${expected.length} events up to id ${last.id} (${last.event})` : ''}: no replay, no gap.`,
    )
  },
}
