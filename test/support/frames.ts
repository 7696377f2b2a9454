// Waiting for the browser to draw: the one frame helper for browser tests, play functions, the visual setup and
// benchmarks. Browser-only (requestAnimationFrame).

/**
 * Resolves after `count` animation frames with the timestamp of the last one. After a change, wait at least one
 * frame before reading what the browser laid out for it; effects that run in a ResizeObserver or a scroll event
 * need one or two more.
 */
export async function nextFrames(count = 1): Promise<number> {
  let time = performance.now()
  for (let i = 0; i < count; i++) time = await new Promise<number>((resolve) => requestAnimationFrame(resolve))
  return time
}
