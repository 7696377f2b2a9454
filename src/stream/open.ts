import {
  StreamError,
  cannotResumeError,
  gaveUpError,
  networkError,
  replayError,
  tokenError,
  type RequestContext,
} from '../errors'
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_EVENT_CHARS,
  DEFAULT_STALL_TIMEOUT_MS,
  backoffDelay,
  resolveBackoff,
  resolveTimeout,
  sleep,
} from './backoff'
import { LifecycleListeners } from './listeners'
import { MetricsRecorder } from './metrics'
import { browserNetwork } from './network'
import { classifyOutcome, isEventStreamHead, type Verdict } from './outcome'
import { createSseParser } from './parse'
import { AsyncQueue } from './queue'
import { SentTokens, shownUrl } from './redaction'
import { ReplayGuard } from './replays'
import { buildRequest, firstTarget, hasIdempotencyKey, resumeTarget, type RequestTarget } from './request'
import { TRANSPORTS, pickTransport, tokenTransportOf } from './transports/pick'
import type { TransportSink } from './transports/types'
import { ConnectionWatchdog, type WatchdogTimeouts } from './watchdog'
import type { EventStream, OpenEventStreamOptions, StreamEvent, StreamLifecycleEvent, TokenSource } from './types'

export { pickTransport }

const now = () => performance.now()

/** The xhr transport recycles its connection only while the parser holds less than this of an unfinished event. */
const RECYCLE_MAX_BUFFERED = 64 * 1024

/** A token function is asked before every connection, so a reconnect gets a fresh token. */
async function resolveToken(token: TokenSource | undefined): Promise<string | undefined> {
  return typeof token === 'function' ? await token() : token
}

/**
 * Opens a server-sent event stream over fetch (default), xhr or — for rollback only — EventSource. Iterate the
 * result for events; it reconnects with backoff and Last-Event-ID, resumes POST streams with GET on
 * `resumeUrl`, and ends with a `StreamError` value when it cannot go on. See docs/streaming.md.
 */
export function openEventStream(url: string, options: OpenEventStreamOptions = {}): EventStream {
  const transportName = pickTransport(options.transport)
  const transport = TRANSPORTS[transportName]
  const tokenTransport = tokenTransportOf(transportName, options.token)
  const backoff = resolveBackoff(options.retry)
  const timeouts: WatchdogTimeouts = {
    connectTimeoutMs: resolveTimeout(options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS),
    stallTimeoutMs: resolveTimeout(options.stallTimeoutMs, DEFAULT_STALL_TIMEOUT_MS),
  }
  const maxEventChars = options.maxEventChars !== undefined && options.maxEventChars > 0 ? options.maxEventChars : DEFAULT_MAX_EVENT_CHARS
  const skipReplays = options.skipReplays ?? true
  const random = options.random ?? Math.random
  const endOn = new Set(options.endOn ?? [])
  const { onEvent } = options
  const first = firstTarget(url, options)
  const metrics = new MetricsRecorder(transportName, tokenTransport)
  const queue = new AsyncQueue<StreamEvent>()
  const listeners = new LifecycleListeners()
  const network = options.network ?? browserNetwork
  const idempotent = first.method === 'POST' && hasIdempotencyKey(options)
  const closer = new AbortController()

  let ended = false
  let connection: AbortController | undefined
  let serverRetryMs: number | undefined
  let firstEvent: StreamEvent | undefined
  let lastEvent: StreamEvent | undefined
  let lastByteAt = 0
  const guard = new ReplayGuard(skipReplays, options.lastEventId ?? '')
  /** Over-long line or event seen on this connection (its size), which aborted it. */
  let tooLarge: number | undefined
  /** Every token this stream sent: never in what it reports. */
  const tokens = new SentTokens()

  const emit = (make: () => StreamLifecycleEvent) => listeners.emit(make)

  // The hot path: no clock read (events share their chunk's time), no allocation unless someone listens.
  const dispatch = (event: StreamEvent) => {
    if (ended) return
    metrics.event(lastByteAt)
    if (firstEvent === undefined) firstEvent = event
    lastEvent = event
    guard.delivered(event.id)
    if (onEvent) onEvent(event)
    else queue.push(event)
    if (listeners.hot > 0) emit(() => ({ type: 'message', at: now(), event: tokens.event(event) }))
    if (endOn.size > 0 && endOn.has(event.event)) finish('done')
  }

  // The parser owns the last event ID: it moves with every admitted block (EventSource's events too, through `accept`).
  const parser = createSseParser({
    lastEventId: options.lastEventId ?? '',
    onEvent: dispatch,
    onRetry: (ms) => {
      serverRetryMs = ms
    },
    admit: (id, ownId) => guard.admit(id, ownId),
    maxEventChars,
    onOverflow: ({ chars }) => {
      tooLarge = chars
      connection?.abort()
    },
  })

  function stopConnections() {
    connection?.abort()
    closer.abort()
    options.signal?.removeEventListener('abort', close)
  }

  function finish(reason: 'done' | 'closed') {
    if (ended) return
    ended = true
    metrics.close('closed')
    stopConnections()
    queue.end()
    emit(() => ({ type: 'close', at: now(), reason }))
  }

  function fail(failure: StreamError) {
    if (ended) return
    const error = tokens.error(failure)
    ended = true
    metrics.error = error.toJSON()
    metrics.close('error')
    stopConnections()
    queue.fail(error)
    emit(() => ({ type: 'error', at: now(), error }))
    emit(() => ({ type: 'close', at: now(), reason: 'error' }))
  }

  function close() {
    if (ended) return
    queue.clear()
    finish('closed')
  }

  function resumeUrl(attempt: number): string | undefined {
    const { resumeUrl } = options
    if (typeof resumeUrl === 'function') {
      return resumeUrl({ url, lastEventId: parser.lastEventId, attempt, eventsSeen: metrics.events, firstEvent, lastEvent })
    }
    return resumeUrl ?? (first.method === 'GET' ? url : undefined)
  }

  /** Connects, reads, and reconnects with backoff until the stream is complete, closed or failed. */
  async function connectLoop() {
    let attempt = 0
    let connections = 0
    let postOpened = false
    let lastRefused = false
    let lastError: StreamError | undefined

    while (!ended) {
      // Offline: wait for the network instead of spending attempts (or sending anything) into the void.
      if (!network.online()) {
        metrics.state = 'retrying'
        emit(() => ({ type: 'offline', at: now() }))
        await network.whenOnline(closer.signal)
        if (ended) return
      }
      let target: RequestTarget
      // The same POST again only when the server refused it before any stream opened.
      if (connections === 0 || (first.method === 'POST' && !postOpened && lastRefused)) {
        target = first
      } else {
        const resume = resumeUrl(attempt)
        // With an Idempotency-Key the server continues the same answer for the same POST, so sending it again is safe.
        if (resume === undefined && !idempotent) return fail(cannotResumeError(lastError))
        target = resume === undefined ? first : resumeTarget(resume)
      }
      connections++

      let token: string | undefined
      try {
        token = await resolveToken(options.token)
      } catch (error) {
        return fail(tokenError(error))
      }
      if (ended) return
      tokens.remember(token)

      const conn = new AbortController()
      connection = conn
      guard.connecting(parser.lastEventId)
      tooLarge = undefined
      parser.reset()
      metrics.connecting()
      metrics.state = 'connecting'
      // What is really requested: the legacy transport's URL carries the token (shown redacted) and the resume point.
      const shown = shownUrl(target, token, { transport: transportName, tokenQueryParam: options.tokenQueryParam, lastEventId: parser.lastEventId }, tokens)
      const ctx: RequestContext = { url: shown, method: target.method, transport: transportName, tokenTransport }
      emit(() => ({ type: 'connecting', at: now(), attempt, url: shown, method: target.method, transport: transportName }))

      // Until the response head: the connect timeout. After it: the stall timeout (silence between bytes).
      const onStall = (idleMs: number) => emit(() => ({ type: 'stall', at: now(), idleMs }))
      const watchdog = new ConnectionWatchdog(conn, timeouts, () => lastByteAt, onStall)
      const sink: TransportSink = {
        head(head) {
          const at = now()
          if (watchdog.head()) lastByteAt = at
          metrics.head(head.status, head.contentType, at)
          const ok = isEventStreamHead(head)
          if (ok) {
            metrics.state = 'open'
            if (target.method === 'POST') postOpened = true
            emit(() => ({
              type: 'open',
              at,
              status: head.status,
              contentType: head.contentType,
              transport: transportName,
              tokenTransport,
              url: shown,
            }))
          }
          return ok
        },
        bytes(count) {
          const at = now()
          lastByteAt = at
          metrics.chunk(count, at)
          if (listeners.hot > 0) emit(() => ({ type: 'chunk', at, bytes: count, totalBytes: metrics.bytes }))
        },
        text: (text) => parser.feed(text),
        event: (event) => parser.accept(event),
        // Not while a big unfinished line or event is held: the resume would send it again (an endless line would
        // be fetched again and again, 4 Mi characters at a time); the size limit ends that instead.
        canRecycle: () => parser.lastEventId !== '' && parser.bufferedChars < RECYCLE_MAX_BUFFERED && resumeUrl(0) !== undefined,
      }

      let verdict: Verdict
      const outcomeContext = () => ({
        request: ctx,
        lastEventId: parser.lastEventId,
        reconnects: backoff.maxAttempts > 0,
        maxDelayMs: backoff.maxDelayMs,
      })
      try {
        const request = buildRequest(target, options, { transport: transportName, token, lastEventId: parser.lastEventId, signal: conn.signal })
        const outcome = await transport(request, sink)
        if (ended) return
        // The eventsource transport learns the status from its probe, after the fact.
        if (outcome.type === 'refused' && transportName === 'eventsource') metrics.head(outcome.head.status, outcome.head.contentType, now())
        if (outcome.type === 'end') {
          parser.end()
          if (ended) return
        }
        verdict = tooLarge !== undefined ? classifyOutcome({ thrown: undefined, tooLarge: maxEventChars }, outcomeContext()) : classifyOutcome({ outcome }, outcomeContext())
      } catch (error) {
        if (ended) return
        const end = { thrown: error, stalledForMs: watchdog.stalledForMs, connectTimedOutMs: watchdog.connectTimedOutMs, tooLarge: tooLarge === undefined ? undefined : maxEventChars }
        verdict = classifyOutcome(end, outcomeContext())
      } finally {
        watchdog.stop()
        connection = undefined
      }

      if (verdict.type === 'done') return finish('done')
      if (verdict.type === 'fatal') return fail(verdict.error)
      if (verdict.type === 'recycle') {
        metrics.retries++
        emit(() => ({ type: 'retry', at: now(), attempt: 0, delayMs: 0, reason: 'recycle' }))
        continue
      }
      const failure = tokens.error(verdict.error)
      lastRefused = verdict.refused
      const { progressed, replayed } = guard.ended()
      if (progressed) attempt = 0
      lastError = failure
      // Dropped because the network went away: no attempt is spent; the top of the loop waits for it.
      if (!network.online()) {
        emit(() => ({ type: 'error', at: now(), error: failure }))
        continue
      }
      attempt++
      if (attempt > backoff.maxAttempts) {
        return fail(guard.replays > 0 ? replayError(failure, parser.lastEventId, guard.replays) : gaveUpError(failure, attempt, backoff.maxAttempts === 0))
      }
      emit(() => ({ type: 'error', at: now(), error: failure }))
      const delayMs = backoffDelay(attempt, backoff, random, { retryMs: serverRetryMs, retryAfterMs: verdict.retryAfterMs })
      metrics.retries++
      metrics.state = 'retrying'
      emit(() => ({
        type: 'retry',
        at: now(),
        attempt,
        delayMs,
        reason: replayed ? 'replay' : verdict.reason,
        error: failure.toJSON(),
      }))
      await sleep(delayMs, closer.signal)
    }
  }

  if (options.signal?.aborted) {
    queueMicrotask(close)
  } else {
    options.signal?.addEventListener('abort', close)
    // Started in a microtask so that `subscribe()` right after opening sees `connecting`.
    queueMicrotask(() => {
      connectLoop().catch((error: unknown) => fail(error instanceof StreamError ? error : networkError(error, parser.lastEventId)))
    })
  }

  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => queue.next(),
        return: () => {
          close()
          return Promise.resolve({ value: undefined, done: true as const })
        },
        [Symbol.asyncIterator]() {
          return this
        },
      }
    },
    close,
    subscribe: (listener, types) => listeners.subscribe(listener, types),
    metrics: () => metrics.snapshot(parser.lastEventId),
    redact: (value) => tokens.value(value),
  }
}
