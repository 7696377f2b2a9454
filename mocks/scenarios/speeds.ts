/** How fast deltas arrive. Delays are planned up front from the seed, so a replay has the same timings. */
export interface SpeedSpec {
  /** Deltas per second; `Infinity` (or 0) means no delay at all. */
  tokensPerSecond: number
  /** Extra wait between the `start` frame and the first delta, ms. @default 0 */
  firstTokenMs: number
  /** 0..1: how much each gap varies around 1/tokensPerSecond (seeded). @default 0 */
  jitter: number
  /** Bursts: `size` deltas at full speed, then `pauseMs` of silence. */
  burst?: { size: number; pauseMs: number }
  /** A `: ping` comment is sent whenever a planned gap is longer than this, ms. @default 15000 */
  heartbeatMs: number
}

/** Built-in speeds. */
export const speeds = {
  /** Everything at once (still one frame per delta). */
  instant: { tokensPerSecond: Infinity, firstTokenMs: 0, jitter: 0, heartbeatMs: 15_000 },
  /** ~5 tokens/s: a slow model. */
  slow: { tokensPerSecond: 5, firstTokenMs: 0, jitter: 0.1, heartbeatMs: 15_000 },
  /** ~30 tokens/s: reading speed. */
  typing: { tokensPerSecond: 30, firstTokenMs: 0, jitter: 0.2, heartbeatMs: 15_000 },
  /** ~200 tokens/s: a fast model. */
  fast: { tokensPerSecond: 200, firstTokenMs: 0, jitter: 0.1, heartbeatMs: 15_000 },
  /** 40 deltas at 1000/s, then 1.2 s of silence, repeated (a proxy flushing its buffer). */
  burst: { tokensPerSecond: 1000, firstTokenMs: 0, jitter: 0, burst: { size: 40, pauseMs: 1200 }, heartbeatMs: 15_000 },
  /** ~40 tokens/s with strongly varying gaps and occasional long pauses (seeded). */
  jittery: { tokensPerSecond: 40, firstTokenMs: 0, jitter: 1, heartbeatMs: 15_000 },
  /** 4 s before the first delta (heartbeats every second meanwhile), then typing speed. */
  'slow-first-token': { tokensPerSecond: 30, firstTokenMs: 4000, jitter: 0.2, heartbeatMs: 1000 },
} as const satisfies Record<string, SpeedSpec>

export type SpeedName = keyof typeof speeds
export const speedNames = Object.keys(speeds) as SpeedName[]

/**
 * The gap before each of `count` deltas, in whole ms. Index 0 is the wait after `start`; the last extra entry is
 * the gap before the final frame (`done`/`error`).
 */
export function planGaps(speed: SpeedSpec, count: number, rand: () => number): number[] {
  const base = speed.tokensPerSecond > 0 && Number.isFinite(speed.tokensPerSecond) ? 1000 / speed.tokensPerSecond : 0
  const gaps: number[] = []
  for (let i = 0; i <= count; i++) {
    // Always draw two numbers so a gap's value depends only on its index and the seed.
    const r1 = rand()
    const r2 = rand()
    let gap = base * (1 + speed.jitter * (2 * r1 - 1))
    if (speed.jitter >= 0.5 && r2 < 0.04 * speed.jitter) gap += base * 15
    if (speed.burst && i > 0 && i % speed.burst.size === 0) gap += speed.burst.pauseMs
    if (i === 0) gap += speed.firstTokenMs
    gaps.push(Math.max(0, Math.round(gap)))
  }
  return gaps
}
