import { analyzeArrival, longestSilence } from '../arrival'
import { isEventStream } from '../probes'
import { ms, needsStream, result } from '../words'
import type { Check } from './context'

/** 5. Comment lines during silences, so no silence reaches the client's stall timeout. */
export const heartbeats: Check = {
  id: 'heartbeats',
  async run({ probes, options }) {
    const id = 'heartbeats'
    const main = await probes.main()
    if (!isEventStream(main) || !main.stream) return needsStream(id, main)
    const s = main.stream
    const stall = options.stallTimeoutMs
    if (analyzeArrival(s, options.minDurationMs).verdict === 'buffered') {
      return result(
        id,
        'warn',
        `Not judged: every byte arrived at once at the end (see “No buffering”), so heartbeats could not reach the client either.`,
        'Fix the buffering first, then run again.',
      )
    }
    const silence = longestSilence(s)
    const seen = s.comments.length
    const comments = seen === 0 ? 'no heartbeat comment' : `${seen} heartbeat comment${seen === 1 ? '' : 's'}`
    const observed = `${comments}; the longest silence (not a byte) was ${ms(silence.ms)}, the client’s stall timeout is ${ms(stall)}`
    const send = `Send a comment line (": ping") at least every ${ms(stall / 2)} while the answer is quiet (model thinking, tools running).`
    if (silence.ms >= stall) {
      return result(id, 'fail', `${observed}: the client would have called the stream stalled and reconnected mid-answer.`, `${send} Or raise the app’s stallTimeoutMs above the server’s longest silence.`)
    }
    if (silence.ms >= stall / 2) {
      return result(id, 'warn', `${observed}: little margin — a slightly slower answer stalls.`, send)
    }
    if (seen === 0) {
      return result(
        id,
        'pass',
        `${observed}: the answer never went quiet long enough to need one.`,
        `The doctor only sees heartbeats when the answer goes quiet; to see them, ask something your model thinks about for longer than ${ms(stall / 2)} (--prompt).`,
      )
    }
    return result(id, 'pass', `${observed}.`)
  },
}
