// The two timeouts of one connection: no response head in time (connect), then silence between bytes (stall).

export interface WatchdogTimeouts {
  /** No response head for this long drops the connection; `0`: off. */
  connectTimeoutMs: number
  /** After the head, no byte for this long drops the connection; `0`: off. */
  stallTimeoutMs: number
}

/**
 * Watches one connection and aborts it when a timeout fires, remembering which one (for the verdict). Until the
 * response head: the connect timeout. After it: the stall timeout, measured from `lastByteAt()` (it moves with
 * every chunk, heartbeats included) — one timer per window instead of one per chunk: it re-arms for the remainder
 * when bytes came meanwhile.
 */
export class ConnectionWatchdog {
  /** The connect timeout fired (its length). */
  connectTimedOutMs: number | undefined
  /** The stall timeout fired after this much silence. */
  stalledForMs: number | undefined
  private headSeen = false
  private connectTimer: ReturnType<typeof setTimeout> | undefined
  private stallTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly connection: AbortController,
    private readonly timeouts: WatchdogTimeouts,
    private readonly lastByteAt: () => number,
    /** Told about a stall just before the connection is aborted. */
    private readonly onStall: (idleMs: number) => void,
  ) {
    const { connectTimeoutMs } = timeouts
    if (connectTimeoutMs) {
      this.connectTimer = setTimeout(() => {
        this.connectTimedOutMs = connectTimeoutMs
        connection.abort()
      }, connectTimeoutMs)
    }
  }

  /** A response head arrived. The first one stops the connect timeout and starts the stall timeout: true then. */
  head(): boolean {
    if (this.headSeen) return false
    this.headSeen = true
    clearTimeout(this.connectTimer)
    const { stallTimeoutMs } = this.timeouts
    if (stallTimeoutMs) {
      const check = () => {
        const idle = performance.now() - this.lastByteAt()
        if (idle >= stallTimeoutMs - 1) {
          this.stalledForMs = idle
          this.onStall(idle)
          this.connection.abort()
        } else this.stallTimer = setTimeout(check, stallTimeoutMs - idle)
      }
      this.stallTimer = setTimeout(check, stallTimeoutMs)
    }
    return true
  }

  /** The connection ended: no timer stays. */
  stop(): void {
    clearTimeout(this.connectTimer)
    clearTimeout(this.stallTimer)
  }
}
