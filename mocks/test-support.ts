// Helpers for the harness's own tests (Node). Not exported from the package entries.
import { planStream, type PlanOptions, type StreamPlan } from './plan.js'
import { parseSseFrame, splitSseFrames, type SseFrame } from './sse.js'
import type { Scenario } from './scenario.js'

export interface Collected {
  status: number
  contentType: string | null
  retryAfter: string | null
  text: string
  /** The body broke (network error). */
  errored: boolean
  /** Nothing more arrived for `idleMs` and the body was still open (cancelled by us). */
  hung: boolean
  /** Byte chunks as they arrived, with ms since the response. */
  chunks: { at: number; bytes: number }[]
}

/**
 * Read a response to its end (or until it goes idle), decoding UTF-8 across chunk boundaries. Idle only counts
 * once `expectChars` characters have arrived, so a busy machine does not look like a frozen stream.
 */
export async function collect(response: Response, idleMs = 1000, expectChars = 0): Promise<Collected> {
  const started = performance.now()
  const out: Collected = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    text: '',
    errored: false,
    hung: false,
    chunks: [],
  }
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined
    const wait = out.text.length >= expectChars ? idleMs : Math.max(idleMs, 20_000)
    const idle = new Promise<'idle'>((resolve) => (timer = setTimeout(() => resolve('idle'), wait)))
    try {
      const result = await Promise.race([reader.read(), idle])
      if (result === 'idle') {
        out.hung = true
        void reader.cancel().catch(() => {})
        break
      }
      if (result.done) break
      out.chunks.push({ at: performance.now() - started, bytes: result.value.byteLength })
      out.text += decoder.decode(result.value, { stream: true })
    } catch {
      out.errored = true
      break
    } finally {
      clearTimeout(timer)
    }
  }
  out.text += decoder.decode()
  return out
}

/** Complete frames of a body (a trailing partial frame is dropped, as a client would). */
export function framesOf(text: string): SseFrame[] {
  return splitSseFrames(text).frames.map(parseSseFrame)
}

/** The answer text the delta frames add up to. */
export function deltaText(frames: SseFrame[]): string {
  return frames
    .filter((f) => f.event === 'delta')
    .map((f) => {
      try {
        return (JSON.parse(f.data ?? '') as { delta: string }).delta
      } catch {
        return '' // the malformed frame
      }
    })
    .join('')
}

/** The exact body text a plan writes. */
export function planText(scenario: Partial<Scenario>, options?: PlanOptions): { plan: StreamPlan; text: string } {
  const plan = planStream(scenario, options)
  return { plan, text: plan.steps.map((s) => s.text).join('') }
}

export function lastId(frames: SseFrame[]): number {
  const ids = frames.map((f) => Number(f.id)).filter((n) => Number.isFinite(n) && n > 0)
  return ids.length > 0 ? ids[ids.length - 1]! : 0
}
