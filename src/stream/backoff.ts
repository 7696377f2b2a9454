import type { RetryOptions } from './types'

/** Resolved retry settings (see `RetryOptions`). */
export interface Backoff {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_BACKOFF: Backoff = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 }

/** The longest delay `setTimeout` takes (2^31 - 1 ms, ~24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** A count or a time from the options: a finite number ≥ 0 (else the default), at most `max`. */
function bounded(value: number | undefined, fallback: number, max: number): number {
  return typeof value === 'number' && value >= 0 ? Math.min(value, max) : fallback
}

/** `RetryOptions` with the defaults filled in; delays never beyond what a timer can wait. */
export function resolveBackoff(retry: RetryOptions | undefined): Backoff {
  return {
    maxAttempts: bounded(retry?.maxAttempts, DEFAULT_BACKOFF.maxAttempts, Number.MAX_SAFE_INTEGER),
    baseDelayMs: bounded(retry?.baseDelayMs, DEFAULT_BACKOFF.baseDelayMs, MAX_TIMER_MS),
    maxDelayMs: bounded(retry?.maxDelayMs, DEFAULT_BACKOFF.maxDelayMs, MAX_TIMER_MS),
  }
}

/** `stallTimeoutMs` when none is given: no byte for this long after the response head, and the client drops the connection and resumes. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000
/** `connectTimeoutMs` when none is given: no response head for this long after the request, and the client tries again. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000
/** `maxEventChars` when none is given: 8 Mi characters (8 MiB of ASCII) in one line or one event's data. */
export const DEFAULT_MAX_EVENT_CHARS = 8 * 1024 * 1024

/** A timeout option: the default when not given, `0` (off) when 0, else at most what a timer can wait. */
export function resolveTimeout(value: number | undefined, fallback: number): number {
  return bounded(value, fallback, MAX_TIMER_MS)
}

/**
 * The wait before reconnect `attempt` (1-based): "full jitter", uniform in [0, min(max, base · 2^(attempt-1))],
 * so many clients dropped at once do not come back in lockstep. A `retry:` field from the server replaces the
 * base; a `Retry-After` header is the server's explicit answer and is used as is, up to `maxDelayMs`.
 */
export function backoffDelay(
  attempt: number,
  backoff: Backoff,
  random: () => number,
  server: { retryMs?: number; retryAfterMs?: number } = {},
): number {
  if (server.retryAfterMs !== undefined) return Math.min(server.retryAfterMs, backoff.maxDelayMs)
  const base = server.retryMs ?? backoff.baseDelayMs
  const ceiling = Math.min(backoff.maxDelayMs, base * 2 ** Math.min(64, Math.max(0, attempt - 1)))
  return Math.floor(random() * ceiling)
}

/**
 * `Retry-After` is delta-seconds or an HTTP date (a date in the past means now); anything else is ignored. The
 * result is what the server asked for, however long — `backoffDelay` caps what the client waits.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, Number.MAX_VALUE)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** Resolves after `ms` (at most `MAX_TIMER_MS`: a longer timer would fire at once), or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || !(ms > 0)) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS))
    signal.addEventListener('abort', done)
  })
}
