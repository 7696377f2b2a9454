import type { StreamErrorInfo } from '../types'
import type { StreamMetrics, StreamState, TokenTransport, TransportName } from './types'

const now = () => performance.now()

/** O(1) counters updated on the hot path; rates and times are derived only when `snapshot()` is read. */
export class MetricsRecorder {
  state: StreamState = 'connecting'
  status: number | undefined
  contentType: string | undefined
  bytes = 0
  chunks = 0
  events = 0
  retries = 0
  largestGapMs = 0
  error: StreamErrorInfo | undefined
  readonly startedAt = now()
  private firstHeadAt: number | undefined
  private firstByteAt: number | undefined
  private firstEventAt: number | undefined
  private lastByteAt: number | undefined
  private lastEventAt: number | undefined
  private closedAt: number | undefined
  /** Gaps are measured within one connection, not across a reconnect's wait. */
  private connectionLastByteAt: number | undefined

  constructor(
    readonly transport: TransportName,
    readonly tokenTransport: TokenTransport,
  ) {}

  connecting(): void {
    this.connectionLastByteAt = undefined
  }

  head(status: number, contentType: string, at: number): void {
    this.status = status
    this.contentType = contentType
    this.firstHeadAt ??= at
  }

  chunk(bytes: number, at: number): void {
    this.bytes += bytes
    this.chunks++
    this.firstByteAt ??= at
    if (this.connectionLastByteAt !== undefined) {
      const gap = at - this.connectionLastByteAt
      if (gap > this.largestGapMs) this.largestGapMs = gap
    }
    this.connectionLastByteAt = at
    this.lastByteAt = at
  }

  event(at: number): void {
    this.events++
    this.firstEventAt ??= at
    this.lastEventAt = at
  }

  close(state: StreamState): void {
    this.state = state
    this.closedAt ??= now()
  }

  /** `lastEventId` is the stream's own (the parser keeps it); the recorder keeps no copy. */
  snapshot(lastEventId: string): StreamMetrics {
    const end = this.closedAt ?? now()
    const byteSpan = this.firstByteAt === undefined ? 0 : ((this.lastByteAt ?? end) - this.firstByteAt) / 1000
    const eventSpan = this.firstEventAt === undefined ? 0 : ((this.lastEventAt ?? end) - this.firstEventAt) / 1000
    return {
      state: this.state,
      transport: this.transport,
      tokenTransport: this.tokenTransport,
      status: this.status,
      contentType: this.contentType,
      startedAt: this.startedAt,
      ttfbMs: this.firstHeadAt === undefined ? undefined : this.firstHeadAt - this.startedAt,
      timeToFirstEventMs: this.firstEventAt === undefined ? undefined : this.firstEventAt - this.startedAt,
      bytes: this.bytes,
      chunks: this.chunks,
      events: this.events,
      bytesPerSecond: byteSpan > 0 ? this.bytes / byteSpan : 0,
      eventsPerSecond: eventSpan > 0 ? this.events / eventSpan : 0,
      largestGapMs: this.largestGapMs,
      retries: this.retries,
      lastEventId,
      error: this.error,
    }
  }
}
