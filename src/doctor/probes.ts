import { DEFAULT_STALL_TIMEOUT_MS, parseRetryAfter, sleep } from '../stream/backoff'
import { observeStream, type ObservedStream, type TimedEvent } from './observe'
import type { DoctorOptions, FetchLike } from './types'
import { trimTrailingSlashes, withoutQuery } from './url'

/** The question the doctor asks when none is given: long enough that streaming and buffering look different. */
export const DEFAULT_PROMPT =
  'Endpoint check: please answer with a numbered list from 1 to 20, one short sentence per line.'

/** A token no server should accept (the wrong-token probe). */
export const INVALID_TOKEN = 'vcs-doctor-not-a-valid-token'

const MAX_ERROR_BODY_CHARS = 4096

/** One request and what came back. `stream` is set for a 2xx `text/event-stream` answer the doctor read. */
export interface Probe {
  method: string
  /** For output: the URL with any token in it already redacted. */
  shownUrl: string
  /** `performance.now()` when the request was sent. */
  startedAt: number
  status?: number
  headers?: Headers
  /** The body of a non-stream answer (first 4 KB). */
  body?: string
  stream?: ObservedStream
  /** The request failed before any answer (network, DNS, the browser's CORS). */
  error?: string
}

/** The main POST, after at most one polite retry of a 503/429. */
export interface MainProbe extends Probe {
  /** Refusals seen before the answer: status and Retry-After as sent. */
  refusals: { status: number; retryAfter: string | null; waitedMs: number }[]
}

export interface ResumeProbe extends Probe {
  lastEventId: string
  /** The main stream's events after `lastEventId`: what the resumed stream must repeat exactly. */
  expected: TimedEvent[]
}

export function isEventStream(probe: Probe | undefined): boolean {
  return (
    probe?.status !== undefined &&
    probe.status >= 200 &&
    probe.status < 300 &&
    probe.status !== 204 &&
    /^\s*text\/event-stream\b/i.test(probe.headers?.get('content-type') ?? '')
  )
}

/** Options with their defaults, as every check sees them. */
export interface ResolvedOptions {
  url: string
  token: string
  origin: string | undefined
  resumeUrl: string
  runtime: 'node' | 'browser'
  stallTimeoutMs: number
  minDurationMs: number
  timeoutMs: number
  maxRetryAfterMs: number
  tokenQueryParam: string
  /** Where the page runs (browser) or the given `origin` (Node). */
  pageOrigin: string | undefined
  httpVersion: DoctorOptions['httpVersion']
}

export function resolveOptions(options: DoctorOptions): ResolvedOptions {
  const runtime = options.runtime ?? 'node'
  const url = options.url.trim()
  const pageOrigin = runtime === 'browser' ? globalThis.location?.origin : (options.origin === undefined ? undefined : trimTrailingSlashes(options.origin))
  return {
    url,
    token: options.token ?? '',
    origin: runtime === 'node' ? pageOrigin : undefined,
    resumeUrl: options.resumeUrl ?? `${trimTrailingSlashes(withoutQuery(url))}/{messageId}/stream`,
    runtime,
    stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    minDurationMs: options.minDurationMs ?? 1000,
    timeoutMs: options.timeoutMs ?? 120_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
    tokenQueryParam: options.tokenQueryParam ?? 'token',
    pageOrigin,
    httpVersion: options.httpVersion,
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as { cause?: unknown }).cause
  const why = cause instanceof Error ? cause.message : typeof cause === 'object' && cause && 'code' in cause ? String(cause.code) : ''
  return why && !error.message.includes(why) ? `${error.name}: ${error.message} (${why})` : `${error.name}: ${error.message}`
}

/**
 * The requests the checks share, each sent once (memoized): one answer is generated per run however many checks
 * read it. Requests that must be refused go out in parallel with the main stream.
 */
export function createProbes(options: DoctorOptions, o: ResolvedOptions) {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const signal = options.signal
  const never = new AbortController().signal
  const base = globalThis.location?.href
  const bodyText = JSON.stringify(options.body ?? { content: options.prompt ?? DEFAULT_PROMPT })

  function headers(extra: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = { ...options.headers, ...extra }
    if (o.origin) out.Origin = o.origin
    return out
  }

  /** Sends a request; reads an event stream with timings (or stops at its head), anything else as text. */
  async function send(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string },
    read: { shownUrl?: string; stream: 'read' | 'head'; stopWhen?: Parameters<typeof observeStream>[1]['stopWhen'] },
  ): Promise<Probe> {
    const probe: Probe = { method: init.method, shownUrl: read.shownUrl ?? url, startedAt: performance.now() }
    const controller = new AbortController()
    const onAbort = () => controller.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const response = await doFetch(new URL(url, base).href, { ...init, signal: controller.signal, redirect: 'follow' })
      probe.status = response.status
      probe.headers = response.headers
      if (isEventStream(probe)) {
        if (read.stream === 'read') {
          probe.stream = await observeStream(response, {
            startedAt: probe.startedAt,
            timeoutMs: o.timeoutMs,
            signal: controller.signal,
            stopWhen: read.stopWhen,
          })
        }
      } else {
        probe.body = (await response.text().catch(() => '')).slice(0, MAX_ERROR_BODY_CHARS)
      }
    } catch (error) {
      probe.error = messageOf(error)
    } finally {
      // Whatever was not read (an accepted ?token= stream, a stopped resume) is not generated further.
      controller.abort()
      signal?.removeEventListener('abort', onAbort)
    }
    return probe
  }

  const streamHeaders = (token: string | undefined, extra: Record<string, string> = {}) =>
    headers({
      Accept: 'text/event-stream',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...extra,
    })

  function memo<T>(make: () => Promise<T>): () => Promise<T> {
    let value: Promise<T> | undefined
    return () => (value ??= make())
  }

  const main = memo(async (): Promise<MainProbe> => {
    const refusals: MainProbe['refusals'] = []
    const post = () => send(o.url, { method: 'POST', headers: streamHeaders(o.token, { 'Content-Type': 'application/json' }), body: bodyText }, { stream: 'read' })
    let probe = await post()
    // The client posts again only after a refusal (503/429: the prompt was not taken), once here.
    if (probe.status === 503 || probe.status === 429) {
      const retryAfter = probe.headers?.get('retry-after') ?? null
      const asked = parseRetryAfter(retryAfter)
      if (asked === undefined || asked <= o.maxRetryAfterMs) {
        const wait = asked ?? 1000
        refusals.push({ status: probe.status, retryAfter, waitedMs: wait })
        await sleep(wait, signal ?? never)
        probe = await post()
      } else refusals.push({ status: probe.status, retryAfter, waitedMs: 0 })
    }
    return { ...probe, refusals }
  })

  const tokenInQuery = memo(() => {
    const url = new URL(o.url, base)
    url.searchParams.set(o.tokenQueryParam, o.token)
    const shown = new URL(o.url, base)
    shown.searchParams.set(o.tokenQueryParam, '[redacted]')
    return send(
      url.href,
      { method: 'POST', headers: streamHeaders(undefined, { 'Content-Type': 'application/json' }), body: bodyText },
      { stream: 'head', shownUrl: decodeURI(shown.href) },
    )
  })

  const wrongToken = memo(() =>
    send(o.url, { method: 'POST', headers: streamHeaders(INVALID_TOKEN, { 'Content-Type': 'application/json' }), body: bodyText }, { stream: 'head' }),
  )

  /** The browser's CORS preflight for a request with these headers (Node only: browsers send their own). */
  function preflight(url: string, method: string, requestHeaders: string): Promise<Probe> {
    return send(
      url,
      {
        method: 'OPTIONS',
        headers: headers({ 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': requestHeaders }),
      },
      { stream: 'head' },
    )
  }

  /** The message id from the main stream's `start` event, when it has one. */
  const messageId = memo(async () => {
    const first = (await main()).stream?.events[0]
    if (first?.event !== 'start') return undefined
    try {
      const id = (JSON.parse(first.data) as { messageId?: unknown }).messageId
      return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined
    } catch {
      return undefined
    }
  })

  const resumeUrl = memo(async () => {
    const id = await messageId()
    return id === undefined ? undefined : o.resumeUrl.replaceAll('{messageId}', encodeURIComponent(id))
  })

  /** Resume from the middle of the main stream's answer with `Last-Event-ID`. */
  const resume = memo(async (): Promise<ResumeProbe | undefined> => {
    const events = (await main()).stream?.events ?? []
    const url = await resumeUrl()
    if (url === undefined || events.length < 3) return undefined
    const from = events[Math.floor((events.length - 1) / 2)]!
    const after = Number(from.id)
    const expected = events.filter((e) => Number(e.id) > after)
    const probe = await send(
      url,
      { method: 'GET', headers: streamHeaders(o.token, { 'Last-Event-ID': from.id }) },
      {
        stream: 'read',
        // A replay is proven by the first event; the rest need not be generated again.
        stopWhen: (event, seen) => Number(event.id) <= after || seen.length >= expected.length,
      },
    )
    return { ...probe, lastEventId: from.id, expected }
  })

  return { main, tokenInQuery, wrongToken, preflight, messageId, resumeUrl, resume }
}

export type Probes = ReturnType<typeof createProbes>
