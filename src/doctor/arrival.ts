import type { ObservedStream } from './observe'

/** How the events of one stream arrived over time. */
export interface Arrival {
  events: number
  /** From sending the request to the last event, ms. */
  durationMs: number
  firstEventAt: number
  lastEventAt: number
  /** Events that arrived in the final window. */
  inFinalWindow: number
  /** `max(100 ms, 10 % of the duration)`. */
  finalWindowMs: number
  /** `buffered`: everything, the first event included, came at once at the end. `short`: too quick (or too few events) to tell. */
  verdict: 'spread' | 'buffered' | 'short'
}

/** The longest stretch without a single byte (heartbeats count), from the response head to the end of the body. */
export function longestSilence(stream: ObservedStream): { ms: number; endsAt: number } {
  let previous = stream.headAt
  let longest = { ms: 0, endsAt: stream.headAt }
  for (const at of [...stream.chunks.map((c) => c.at), stream.endAt]) {
    if (at - previous > longest.ms) longest = { ms: at - previous, endsAt: at }
    previous = at
  }
  return longest
}

/**
 * Streaming or buffering? A server that streams sends `start` at once and the rest as it is generated; a buffer
 * on the way (a proxy, compression) delivers every event in one burst at the end. So: did the first event arrive
 * in the final window, together with everything else? Fast answers cannot tell the two apart (`short`).
 */
export function analyzeArrival(stream: ObservedStream, minDurationMs: number): Arrival {
  const times = stream.events.map((e) => e.at)
  const firstEventAt = times[0] ?? stream.endAt
  const lastEventAt = times.at(-1) ?? stream.endAt
  const durationMs = lastEventAt
  const finalWindowMs = Math.max(100, durationMs * 0.1)
  const inFinalWindow = times.filter((t) => t >= lastEventAt - finalWindowMs).length
  let verdict: Arrival['verdict'] = 'spread'
  if (times.length < 3 || durationMs < minDurationMs) verdict = 'short'
  else if (firstEventAt >= lastEventAt - finalWindowMs) verdict = 'buffered'
  return { events: times.length, durationMs, firstEventAt, lastEventAt, inFinalWindow, finalWindowMs, verdict }
}
