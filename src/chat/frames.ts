/**
 * Frame-batched publishing: any number of `schedule()` calls between two frames cost one flag check each and
 * lead to a single publish in the next animation frame.
 */

/** Something that runs a callback "at the next frame" and can cancel it. Injectable for tests. */
export interface FrameScheduler {
  /** Run `callback` once at the next opportunity; returns a function that cancels it. */
  request(callback: (info: FrameInfo) => void): () => void
}

/** How a scheduled callback came to run. */
export interface FrameInfo {
  /** True when the callback runs inside a `requestAnimationFrame` callback (the paint of this frame follows). */
  readonly inFrame: boolean
}

export interface FrameSchedulerOptions {
  /**
   * Delay of the timer used when there is no `requestAnimationFrame` (Node, workers) or the page is hidden
   * (browsers pause rAF in background tabs; the text must keep arriving).
   * @default 16
   */
  timerMs?: number
  /**
   * Safety net while visible: if the frame has not come after this long (the tab was hidden after the
   * request), a timer publishes instead.
   * @default 250
   */
  frameTimeoutMs?: number
}

/** rAF when the page is visible; a timer when hidden or when rAF does not exist. */
export function createFrameScheduler(options: FrameSchedulerOptions = {}): FrameScheduler {
  const timerMs = options.timerMs ?? 16
  const frameTimeoutMs = options.frameTimeoutMs ?? 250
  return {
    request(callback) {
      const hasFrames = typeof requestAnimationFrame === 'function'
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden'
      if (!hasFrames || hidden) {
        const timer = setTimeout(() => callback({ inFrame: false }), timerMs)
        return () => clearTimeout(timer)
      }
      let done = false
      const frame = requestAnimationFrame(() => {
        if (done) return
        done = true
        clearTimeout(timer)
        callback({ inFrame: true })
      })
      const timer = setTimeout(() => {
        if (done) return
        done = true
        cancelAnimationFrame(frame)
        callback({ inFrame: false })
      }, frameTimeoutMs)
      return () => {
        done = true
        cancelAnimationFrame(frame)
        clearTimeout(timer)
      }
    },
  }
}

/** A scheduler driven by hand: `frame()` runs what is waiting, as one frame. For tests and benchmarks (not public). */
export interface ManualScheduler extends FrameScheduler {
  /** Runs the waiting callbacks (one frame). Returns how many ran. */
  frame(): number
  /** Callbacks waiting for the next frame. */
  readonly waiting: number
}

export function createManualScheduler(): ManualScheduler {
  let queue: ((info: FrameInfo) => void)[] = []
  return {
    request(callback) {
      queue.push(callback)
      return () => {
        queue = queue.filter((c) => c !== callback)
      }
    },
    frame() {
      const due = queue
      queue = []
      for (const callback of due) callback({ inFrame: true })
      return due.length
    },
    get waiting() {
      return queue.length
    },
  }
}

export interface FrameBatcher {
  /** Ask for a publish at the next frame; O(1), idempotent until it runs. */
  schedule(): void
  /** Publish now (if anything is scheduled) and cancel the scheduled frame. */
  flush(): void
  /** Drop the scheduled frame without publishing. */
  cancel(): void
  readonly scheduled: boolean
}

export function createFrameBatcher(publish: (info: FrameInfo) => void, scheduler: () => FrameScheduler): FrameBatcher {
  let cancelFrame: (() => void) | undefined
  const fire = (info: FrameInfo) => {
    cancelFrame = undefined
    publish(info)
  }
  return {
    schedule() {
      if (cancelFrame) return
      cancelFrame = scheduler().request(fire)
    },
    flush() {
      if (!cancelFrame) return
      cancelFrame()
      fire({ inFrame: false })
    },
    cancel() {
      cancelFrame?.()
      cancelFrame = undefined
    },
    get scheduled() {
      return cancelFrame !== undefined
    },
  }
}
