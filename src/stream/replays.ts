// What counts as progress on one connection of a stream, and the replay guard: numeric event ids only go forward.

/** A numeric event id (decimal digits, what the contract sends) as a number; undefined for any other id. */
export function numericId(id: string): number | undefined {
  const length = id.length
  if (length === 0 || length > 15) return undefined
  let value = 0
  for (let i = 0; i < length; i++) {
    const code = id.charCodeAt(i)
    if (code < 48 || code > 57) return undefined
    value = value * 10 + (code - 48)
  }
  return value
}

/**
 * Progress (what resets the failure count): the last event ID moved forward on this connection, or — on a stream
 * without ids, where nothing can be compared — an event arrived. A connection that brought only replays made none.
 */
export class ReplayGuard {
  /** This connection made progress. */
  progressed = false
  /** Events skipped as replays on this connection. */
  replayedNow = 0
  /** Connections in a row that brought only replays. */
  replays = 0
  /** The last event ID when this connection opened (opaque ids "move" when they differ from it). */
  private idAtConnect: string
  /** The highest numeric id seen: an event whose own numeric id is not above it is a replay. */
  private highest: number | undefined
  /** Inside a replayed stretch: blocks without an id of their own belong to it. */
  private replaying = false

  /** `skipReplays`: compare numeric ids (off: every block is delivered). `lastEventId`: where the stream starts. */
  constructor(
    private readonly skipReplays: boolean,
    lastEventId: string,
  ) {
    this.idAtConnect = lastEventId
    this.highest = skipReplays ? numericId(lastEventId) : undefined
  }

  /** A new connection opens, resuming from `lastEventId`. */
  connecting(lastEventId: string): void {
    this.progressed = false
    this.replaying = false
    this.replayedNow = 0
    this.idAtConnect = lastEventId
  }

  /** An event was delivered (the hot path: one comparison). */
  delivered(id: string): void {
    if (!this.progressed && id === '' && this.idAtConnect === '') this.progressed = true
  }

  /**
   * Asked by the parser at the end of every block. A block whose own numeric id is not above the highest seen is a
   * replay (a resume endpoint that repeats instead of continuing): it is skipped, with the blocks without an id of
   * their own that follow it, and the last event ID does not move back. Opaque ids cannot be ordered: they are
   * delivered, and count as progress when they differ from the id the connection started with.
   */
  admit(id: string, ownId: boolean): boolean {
    if (!ownId) {
      if (!this.replaying) return true
      this.replayedNow++
      return false
    }
    const n = this.skipReplays ? numericId(id) : undefined
    if (n !== undefined) {
      if (this.highest !== undefined && n <= this.highest) {
        this.replaying = true
        this.replayedNow++
        return false
      }
      this.highest = n
      this.progressed = true
    } else if (id !== this.idAtConnect) {
      this.progressed = true
    }
    this.replaying = false
    return true
  }

  /** The connection ended without completing the stream: `replayed` when it brought replays and nothing new. */
  ended(): { progressed: boolean; replayed: boolean } {
    if (this.progressed) this.replays = 0
    const replayed = !this.progressed && this.replayedNow > 0
    if (replayed) this.replays++
    return { progressed: this.progressed, replayed }
  }
}
