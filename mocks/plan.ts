import { mulberry32 } from './prng.js'
import { encodeMessageId, resolveScenario, type ResolvedScenario, type Scenario } from './scenario.js'
import { tokenize } from './scenarios/chunking.js'
import type { Fixture } from './scenarios/messages.js'
import { planGaps } from './scenarios/speeds.js'
import { encodeSseFrame, type SseFrame } from './sse.js'

/** One timed write of the planned stream. */
export interface PlannedStep {
  /** Wait before this step, ms (scaled by the player's `timeScale`). */
  delay: number
  /** `frame` = a well-formed frame, `comment` = heartbeat, `raw` = deliberately broken bytes. */
  kind: 'frame' | 'comment' | 'raw'
  /** Wire text of this step. */
  text: string
  frame?: SseFrame
}

/** The complete, deterministic description of one response body. */
export interface StreamPlan {
  scenario: ResolvedScenario
  messageId: string
  steps: PlannedStep[]
  /**
   * After the last step: end the body, break the connection, keep it open forever, or (`endless`, a hostile
   * server) keep writing 64 KiB of `x` with no line ending for as long as the reader reads.
   */
  end: 'close' | 'drop' | 'hang' | 'endless'
  /** The full answer the deltas add up to (also when this response is cut short). */
  content: string
  /** Id of the last frame of the complete answer (`done` or the fixture's `error`). */
  lastId: number
}

export interface PlanOptions {
  /** @default encodeMessageId(1, scenario) */
  messageId?: string
  /** Plan a resume (`GET …/stream`) after this `Last-Event-ID` instead of the first response. */
  resumeAfter?: number
  /** Fixtures beyond the built-in ones. */
  fixtures?: Record<string, Fixture>
}

/** `retry:` sent with the first frame: how long a client should wait before resuming. */
export const SERVER_RETRY_MS = 1000

interface TimedFrame {
  delay: number
  frame: SseFrame
}

function completeAnswer(s: ResolvedScenario, messageId: string): TimedFrame[] {
  const deltas = tokenize(s.fixture, s.chunking)
  const gaps = planGaps(s.speed, deltas.length, mulberry32(s.seed))
  const out: TimedFrame[] = [
    { delay: 0, frame: { id: '1', event: 'start', retry: SERVER_RETRY_MS, data: JSON.stringify({ messageId }) } },
  ]
  deltas.forEach((delta, i) => {
    out.push({ delay: gaps[i]!, frame: { id: String(i + 2), event: 'delta', data: JSON.stringify({ messageId, delta }) } })
  })
  const id = String(deltas.length + 2)
  const last = gaps[deltas.length]!
  out.push(
    s.fixture.serverError !== undefined
      ? { delay: last, frame: { id, event: 'error', data: JSON.stringify({ message: s.fixture.serverError }) } }
      : { delay: last, frame: { id, event: 'done', data: JSON.stringify({ messageId, finishReason: 'stop' }) } },
  )
  return out
}

function toSteps(frames: TimedFrame[], heartbeatMs: number, quiet?: TimedFrame): PlannedStep[] {
  const steps: PlannedStep[] = []
  for (const timed of frames) {
    let delay = timed.delay
    // Heartbeats keep long planned waits alive, except during a stall, which is silence by definition.
    if (timed !== quiet && heartbeatMs > 0) {
      while (delay > heartbeatMs) {
        steps.push({ delay: heartbeatMs, kind: 'comment', text: encodeSseFrame({ comment: 'ping' }), frame: { comment: 'ping' } })
        delay -= heartbeatMs
      }
    }
    steps.push({ delay, kind: 'frame', text: encodeSseFrame(timed.frame), frame: timed.frame })
  }
  return steps
}

function halfOf(text: string): string {
  const points = Array.from(text)
  return points.slice(0, Math.max(1, Math.floor(points.length / 2))).join('')
}

/**
 * The deterministic body of one response: every frame, comment and broken byte with its delay. The same
 * scenario (and seed) always gives the same plan; MSW and the loopback server both play it.
 */
export function planStream(scenario: Partial<Scenario> | ResolvedScenario = {}, options: PlanOptions = {}): StreamPlan {
  const s = resolveScenario(scenario, options.fixtures)
  const messageId = options.messageId ?? encodeMessageId(1, s)
  const all = completeAnswer(s, messageId)
  const deltaCount = all.length - 2
  const it = s.interruption
  const cut = 'at' in it ? 1 + Math.min(deltaCount, Math.floor(it.at * deltaCount)) : all.length
  const base = { scenario: s, messageId, content: s.fixture.content, lastId: all.length }
  const hb = s.speed.heartbeatMs

  if (options.resumeAfter !== undefined) {
    const after = options.resumeAfter
    if (it.kind === 'frozen') return { ...base, steps: toSteps(all.slice(0, cut).filter((f) => Number(f.frame.id) > after), hb), end: 'hang' }
    return { ...base, steps: toSteps(all.filter((f) => Number(f.frame.id) > after), hb), end: 'close' }
  }

  const before = all.slice(0, cut)
  const next = all[cut]
  switch (it.kind) {
    case 'drop':
    case 'http-500': {
      const steps = toSteps(before, hb)
      if (next && (it.kind === 'http-500' || it.midFrame)) {
        steps.push({ delay: Math.floor(next.delay / 2), kind: 'raw', text: halfOf(encodeSseFrame(next.frame)) })
      }
      return { ...base, steps, end: 'drop' }
    }
    case 'stall': {
      if (!next) return { ...base, steps: toSteps(all, hb), end: 'close' }
      const stalled = { ...next, delay: next.delay + it.seconds * 1000 }
      return { ...base, steps: toSteps([...before, stalled, ...all.slice(cut + 1)], hb, stalled), end: 'close' }
    }
    case 'error-event': {
      const error: TimedFrame = {
        delay: next?.delay ?? 0,
        frame: { id: String(cut + 1), event: 'error', data: JSON.stringify({ message: it.message }) },
      }
      return { ...base, steps: toSteps([...before, error], hb), end: 'close' }
    }
    case 'malformed': {
      const steps = toSteps(before, hb)
      // No id of its own: a frame that repeated the last id would be a replay, which a client may skip.
      const broken = `event: delta\ndata: {"messageId":"${messageId}","delta":"unterminated\n\n`
      steps.push({ delay: Math.floor((next?.delay ?? 0) / 2), kind: 'raw', text: broken })
      return { ...base, steps: [...steps, ...toSteps(all.slice(cut), hb)], end: 'close' }
    }
    case 'no-done':
      return { ...base, steps: toSteps(all.slice(0, Math.min(cut, all.length - 1)), hb), end: 'close' }
    case 'frozen':
      return { ...base, steps: toSteps(before, hb), end: 'hang' }
    default:
      return { ...base, steps: toSteps(all, hb), end: 'close' }
  }
}

/** Total planned time of a plan at `timeScale` 1, ms (stalls and first-token waits included). */
export function planDuration(plan: StreamPlan): number {
  return plan.steps.reduce((sum, step) => sum + step.delay, 0)
}
