import { formatDetail, isMissingAuthorization } from '../errors'
import { formatMs } from './format'
import type { DiagnosticsFile } from './schema'

export type FindingSeverity = 'error' | 'warning' | 'info' | 'ok'

/** One line of the panel's verdict: what is wrong, and what to do. */
export interface Finding {
  /** Stable id, e.g. `token-in-url`, `http-422`, `stalls`, `jank`. */
  id: string
  severity: FindingSeverity
  title: string
  detail: string
}

/** Thresholds above which the verdict calls a figure out. */
export interface ExplainThresholds {
  /** @default 2000 */
  slowFirstTokenMs?: number
  /** @default 2000 */
  largeGapMs?: number
  /** Update → paint p95. @default 50 */
  slowPaintMs?: number
  /** Dropped frames per publish above which rendering counts as janky. @default 0.2 */
  droppedFramesPerPublish?: number
}

/**
 * Reads the figures the way support would: the most likely cause first. Pure: the panel shows what this returns,
 * and so can a ticket bot.
 */
export function explainDiagnostics(file: DiagnosticsFile, thresholds: ExplainThresholds = {}): Finding[] {
  const slowFirstToken = thresholds.slowFirstTokenMs ?? 2000
  const largeGap = thresholds.largeGapMs ?? 2000
  const slowPaint = thresholds.slowPaintMs ?? 50
  const droppedPerPublish = thresholds.droppedFramesPerPublish ?? 0.2
  const out: Finding[] = []
  const s = file.stream
  if (s) {
    const detail = formatDetail(s.error?.detail)
    if (s.tokenTransport === 'url') {
      out.push({
        id: 'token-in-url',
        severity: 'error',
        title: 'The token travels in the URL',
        detail:
          'EventSource cannot send an Authorization header, so the backend never sees the token and answers 422 (header authorization: Field required). Use the fetch or xhr transport with the `token` option.',
      })
    }
    if (s.status === 422 && isMissingAuthorization(s.error?.detail)) {
      out.push({
        id: 'http-422',
        severity: 'error',
        title: '422: the Authorization header did not reach the server',
        detail:
          s.tokenTransport === 'none'
            ? `${detail}. No token was given to the client: pass \`token\`.`
            : s.tokenTransport === 'url'
              ? `${detail}. The token was only in the URL.`
              : `${detail}. The client sent it: a proxy dropped it, or CORS does not allow the Authorization header.`,
      })
    } else if (s.status === 422) {
      out.push({ id: 'http-422', severity: 'error', title: '422: the server rejected the request', detail: detail || 'No detail was sent.' })
    } else if (s.status === 401 || s.status === 403) {
      out.push({
        id: `http-${s.status}`,
        severity: 'error',
        title: `${s.status}: the token was refused`,
        detail: `${detail ? `The server said "${detail}". ` : ''}The user must sign in again, or the app must pass a fresh token (a \`token\` function is asked on every reconnect).`,
      })
    } else if (s.error) {
      out.push({
        id: `error-${s.error.kind}`,
        severity: 'error',
        title: `The stream failed (${s.error.kind}${s.error.status ? ` ${s.error.status}` : ''})`,
        detail: s.error.message,
      })
    }
    const overloaded = s.retryLog.filter((r) => r.status === 503 || r.status === 429)
    if (overloaded.length) {
      const waited = overloaded.reduce((sum, r) => sum + r.delayMs, 0)
      out.push({
        id: 'overloaded',
        severity: 'warning',
        title: `The server was overloaded (${overloaded[0]!.status}) ${overloaded.length}×`,
        detail: `The client waited ${formatMs(waited)} as the server asked (Retry-After), then ${s.error ? 'gave up' : 'went on'}.`,
      })
    }
    if (s.stalls.length) {
      const longest = s.stalls.reduce((max, x) => Math.max(max, x.idleMs), 0)
      out.push({
        id: 'stalls',
        severity: 'warning',
        title: `Stalled ${s.stalls.length}× (no bytes for ${formatMs(longest)}, not even a heartbeat)`,
        detail: `The connection went silent; the client reconnected with Last-Event-ID ${s.lastEventId || '(none)'}. A proxy that buffers or times out idle connections is the usual cause.`,
      })
    }
    const drops = s.retryLog.filter((r) => r.reason === 'network')
    if (drops.length) {
      out.push({
        id: 'drops',
        severity: 'warning',
        title: `The connection dropped ${drops.length}×`,
        detail: `Resumed with Last-Event-ID; ${s.error ? 'it could not resume.' : 'no text was lost or repeated.'}`,
      })
    }
    if (s.ttfbMs !== undefined && s.ttfbMs >= slowFirstToken) {
      out.push({
        id: 'slow-response',
        severity: 'warning',
        title: `Slow response: the server took ${formatMs(s.ttfbMs)} to answer`,
        detail: 'Time before the first byte: connection setup, a queue in front of the model, or a cold start — not the model writing.',
      })
    } else if (s.firstTokenMs !== undefined && s.firstTokenMs - (s.ttfbMs ?? 0) >= slowFirstToken) {
      out.push({
        id: 'slow-first-token',
        severity: 'warning',
        title: `Slow first token: ${formatMs(s.firstTokenMs)}`,
        detail: `The server answered in ${formatMs(s.ttfbMs)} but the first text came ${formatMs(s.firstTokenMs - (s.ttfbMs ?? 0))} later: the model is slow to start, not the network.`,
      })
    } else if (s.largestGapMs >= largeGap && !s.stalls.length) {
      out.push({
        id: 'large-gap',
        severity: 'warning',
        title: `Largest gap between chunks: ${formatMs(s.largestGapMs)}`,
        detail: 'Text arrives in bursts: a proxy buffering the response (e.g. nginx without X-Accel-Buffering: no) or a slow model.',
      })
    }
  }
  if (s && !out.some((f) => f.severity === 'error' || f.severity === 'warning')) {
    out.unshift({
      id: 'healthy',
      severity: 'ok',
      title: s.state === 'closed' ? 'The stream is healthy' : `The stream is healthy so far (${s.state})`,
      detail: `${s.events} events, ${s.chars.toLocaleString('en-US')} characters in ${formatMs(s.durationMs)}, first token after ${formatMs(s.firstTokenMs)}, no retries.`,
    })
  }
  const r = file.reactivity
  if (r && r.publishes > 0) {
    const p95 = r.updateToPaint.p95Ms
    const janky = (p95 !== undefined && p95 > slowPaint) || r.droppedFrames / r.publishes > droppedPerPublish || r.longTasks.count > 0
    if (janky) {
      out.push({
        id: 'jank',
        severity: 'warning',
        title: `Rendering cannot keep up: update → paint p95 ${formatMs(p95)}, ${r.droppedFrames} dropped frames, ${r.longTasks.count} long tasks`,
        detail: 'The page is slow to render each update. Look for expensive work per render (markdown, highlighting) and for messages that re-render without changing.',
      })
    }
    // A few unchanged renders happen when a render lands after the next publish; a pattern is what matters.
    if (r.maxRendersPerMessagePerPublish > 1 || r.unchangedRenders > Math.max(2, r.publishes / 4)) {
      out.push({
        id: 'wasted-renders',
        severity: 'warning',
        title: `Wasted renders: up to ${r.maxRendersPerMessagePerPublish} per message per publish, ${r.unchangedRenders} of unchanged messages`,
        detail: 'A message re-renders without changing: it is mutated in place or a parent passes new props on every publish.',
      })
    }
  }
  if (file.list?.virtualization === 'paused') {
    out.push({
      id: 'virtualization-paused',
      severity: 'info',
      title: 'Virtualization is paused while the answer streams',
      detail: 'Every message renders until the stream ends; the switch back can move the view. `streamingStrategy: "outside"` avoids it.',
    })
  }
  return out
}
