import type { StreamPlan } from './plan.js'
import type { ChunkingSpec } from './scenarios/chunking.js'

/** Where a played stream goes: a ReadableStream controller (MSW) or a node:http response. */
export interface StreamSink {
  write(chunk: Uint8Array): void
  /** End the body cleanly. */
  close(): void
  /** Break the connection (the reader sees a network error). */
  fail(): void
  /** True while the reader has not taken what was written: an endless body waits instead of piling up. */
  busy?(): boolean
}

export interface PlayOptions {
  /** Multiplies every planned delay: 1 = real time, 0 = as fast as possible (same frames). @default 1 */
  timeScale?: number
}

/** A timed network write. */
export interface PlannedWrite {
  delay: number
  chunk: Uint8Array
}

/** Cut the plan's steps into network writes (one per step, or N-byte pieces that split frames and characters). */
export function planWrites(plan: StreamPlan, bytes: ChunkingSpec['bytes'] = plan.scenario.chunking.bytes): PlannedWrite[] {
  const encoder = new TextEncoder()
  const writes: PlannedWrite[] = []
  for (const step of plan.steps) {
    const chunk = encoder.encode(step.text)
    if (bytes === 'frame' || chunk.length <= bytes) {
      writes.push({ delay: step.delay, chunk })
      continue
    }
    for (let offset = 0; offset < chunk.length; offset += bytes) {
      writes.push({ delay: offset === 0 ? step.delay : 0, chunk: chunk.subarray(offset, offset + bytes) })
    }
  }
  return writes
}

/**
 * Play a plan into a sink on timers. Writes due at the same moment go out synchronously, so `timeScale: 0`
 * plays even the 100 KB answer in milliseconds. Returns `stop()`, which clears the pending timer; call it when
 * the request is aborted or the body is cancelled.
 */
export function playStream(plan: StreamPlan, sink: StreamSink, options: PlayOptions = {}): () => void {
  const scale = options.timeScale ?? 1
  const writes = planWrites(plan)
  let index = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  const finish = () => {
    if (plan.end === 'endless') {
      timer = playEndless(sink, () => stopped, (next) => (timer = next))
      return
    }
    stopped = true
    if (plan.end === 'close') sink.close()
    else if (plan.end === 'drop') sink.fail()
    // 'hang': keep the body open until the reader goes away.
  }

  const run = () => {
    timer = undefined
    while (!stopped) {
      const write = writes[index]
      if (!write) return finish()
      sink.write(write.chunk)
      index++
      const wait = (writes[index]?.delay ?? 0) * scale
      if (wait > 0) {
        timer = setTimeout(run, wait)
        return
      }
    }
  }

  const first = (writes[0]?.delay ?? 0) * scale
  if (first > 0) timer = setTimeout(run, first)
  else queueMicrotask(run)

  return () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
}

let endless: Uint8Array | undefined
/** How long an endless body waits for a reader that stopped reading before it gives up. */
const ENDLESS_GIVE_UP_MS = 5000

/**
 * Writes 64 KiB without a line ending, one write per timer tick, for as long as the reader takes them (a hostile
 * server's endless line or body). Waits while `sink.busy()` says the reader is behind. Returns the first timer;
 * `onTimer` gets each next one (so `stop()` can clear it) and `isStopped` ends it.
 */
export function playEndless(
  sink: StreamSink,
  isStopped: () => boolean,
  onTimer: (timer: ReturnType<typeof setTimeout>) => void,
): ReturnType<typeof setTimeout> {
  endless ??= new TextEncoder().encode('x'.repeat(64 * 1024))
  const chunk = endless
  // A reader that stopped taking writes for this long is gone (an abort that never reached the handler): stop.
  let waitedMs = 0
  const tick = () => {
    if (isStopped() || waitedMs > ENDLESS_GIVE_UP_MS) return
    const busy = sink.busy?.() ?? false
    if (busy) waitedMs += 5
    else {
      waitedMs = 0
      sink.write(chunk)
    }
    onTimer(setTimeout(tick, busy ? 5 : 0))
  }
  return setTimeout(tick, 0)
}
