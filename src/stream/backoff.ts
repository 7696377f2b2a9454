import type { RetryOptions } from './types'

/** Resolved retry settings (see `RetryOptions`). */
export interface Backoff {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_BACKOFF: Backoff = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 }

/** `RetryOptions` with the defaults filled in. */
export function resolveBackoff(retry: RetryOptions | undefined): Backoff {
  return {
    maxAttempts: retry?.maxAttempts ?? DEFAULT_BACKOFF.maxAttempts,
    baseDelayMs: retry?.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
    maxDelayMs: retry?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
  }
}

/** `stallTimeoutMs` when none is given: no byte for this long and the client drops the connection and resumes. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000

/**
 * The wait before reconnect `attempt` (1-based): "full jitter", uniform in [0, min(max, base · 2^(attempt-1))],
 * so many clients dropped at once do not come back in lockstep. A `retry:` field from the server replaces the
 * base; a `Retry-After` header is the server's explicit answer and is used as is.
 */
export function backoffDelay(
  attempt: number,
  backoff: Backoff,
  random: () => number,
  server: { retryMs?: number; retryAfterMs?: number } = {},
): number {
  if (server.retryAfterMs !== undefined) return server.retryAfterMs
  const base = server.retryMs ?? backoff.baseDelayMs
  const ceiling = Math.min(backoff.maxDelayMs, base * 2 ** Math.max(0, attempt - 1))
  return Math.floor(random() * ceiling)
}

/** `Retry-After` is delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}
