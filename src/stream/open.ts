import { StreamError, cannotResumeError, gaveUpError, networkError, tokenError, type RequestContext } from '../errors'
import { DEFAULT_STALL_TIMEOUT_MS, backoffDelay, resolveBackoff, sleep } from './backoff'
import { MetricsRecorder } from './metrics'
import { browserNetwork } from './network'
import { classifyOutcome, isEventStreamHead, type Verdict } from './outcome'
import { createSseParser } from './parse'
import { AsyncQueue } from './queue'
import { buildRequest, firstTarget, hasIdempotencyKey, resumeTarget, type RequestTarget } from './request'
import { eventSourceTransport } from './transports/eventsource'
import { fetchTransport, supportsFetchStreaming } from './transports/fetch'
import type { Transport, TransportSink } from './transports/types'
import { xhrTransport } from './transports/xhr'
import type {
  EventStream,
  OpenEventStreamOptions,
  StreamEvent,
  TokenSource,
  StreamLifecycleEvent,
  StreamLifecycleListener,
  TokenTransport,
  TransportName,
  TransportOption,
} from './types'

const TRANSPORTS: Record<TransportName, Transport> = {
  fetch: fetchTransport,
  xhr: xhrTransport,
  eventsource: eventSourceTransport,
}

const now = () => performance.now()

/** `auto`: fetch when response bodies stream here, else xhr. `eventsource` is only ever used when asked for. */
export function pickTransport(option: TransportOption = 'auto'): TransportName {
  if (option !== 'auto') return option
  if (supportsFetchStreaming()) return 'fetch'
  if (typeof XMLHttpRequest === 'function') return 'xhr'
  return 'fetch'
}

/** A listener and the event types it asked for (`undefined`: every type). */
type Listeners = ReadonlyMap<StreamLifecycleListener, ReadonlySet<string> | undefined>

/** Lifecycle events are built only while someone listens; a throwing listener never breaks the stream. */
function emitTo(listeners: Listeners, make: () => StreamLifecycleEvent): void {
  if (listeners.size === 0) return
  const event = make()
  for (const [listener, types] of listeners) {
    if (types && !types.has(event.type)) continue
    try {
      listener(event)
    } catch (error) {
      // Report it where unhandled errors go.
      queueMicrotask(() => {
        throw error
      })
    }
  }
}

/** A token function is asked before every connection, so a reconnect gets a fresh token. */
async function resolveToken(token: TokenSource | undefined): Promise<string | undefined> {
  return typeof token === 'function' ? await token() : token
}

/**
 * Calls `onStall` once nothing arrived for `timeoutMs` (`lastByteAt` moves with every chunk, heartbeats included).
 * One timer per window instead of one per chunk: it re-arms for the remainder when bytes came meanwhile.
 * `0` disables it. Returns the function that stops watching.
 */
function watchStall(timeoutMs: number, lastByteAt: () => number, onStall: (idleMs: number) => void): () => void {
  if (!timeoutMs) return () => {}
  let timer: ReturnType<typeof setTimeout>
  const check = () => {
    const idle = now() - lastByteAt()
    if (idle >= timeoutMs - 1) onStall(idle)
    else timer = setTimeout(check, timeoutMs - idle)
  }
  timer = setTimeout(check, timeoutMs)
  return () => clearTimeout(timer)
}

/**
 * Opens a server-sent event stream over fetch (default), xhr or — for rollback only — EventSource. Iterate the
 * result for events; it reconnects with backoff and Last-Event-ID, resumes POST streams with GET on
 * `resumeUrl`, and ends with a `StreamError` value when it cannot go on. See docs/streaming.md.
 */
export function openEventStream(url: string, options: OpenEventStreamOptions = {}): EventStream {
  const transportName = pickTransport(options.transport)
  const transport = TRANSPORTS[transportName]
  const tokenTransport: TokenTransport =
    options.token === undefined || options.token === '' ? 'none' : transportName === 'eventsource' ? 'url' : 'header'
  const backoff = resolveBackoff(options.retry)
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS
  const random = options.random ?? Math.random
  const endOn = new Set(options.endOn ?? [])
  const { onEvent } = options
  const first = firstTarget(url, options)
  const metrics = new MetricsRecorder(transportName, tokenTransport)
  const queue = new AsyncQueue<StreamEvent>()
  const listeners = new Map<StreamLifecycleListener, ReadonlySet<string> | undefined>()
  /** Listeners that receive `chunk` and `message` events: only these make the hot path build lifecycle objects. */
  let hotListeners = 0
  const network = options.network ?? browserNetwork
  const idempotent = first.method === 'POST' && hasIdempotencyKey(options)
  const closer = new AbortController()

  let ended = false
  let connection: AbortController | undefined
  let serverRetryMs: number | undefined
  let firstEvent: StreamEvent | undefined
  let lastEvent: StreamEvent | undefined
  let progressed = false
  let lastByteAt = 0

  const emit = (make: () => StreamLifecycleEvent) => emitTo(listeners, make)

  // The hot path: no clock read (events share their chunk's time), no allocation unless someone listens.
  const dispatch = (event: StreamEvent) => {
    if (ended) return
    metrics.event(lastByteAt)
    if (firstEvent === undefined) firstEvent = event
    lastEvent = event
    progressed = true
    if (onEvent) onEvent(event)
    else queue.push(event)
    if (hotListeners > 0) emit(() => ({ type: 'message', at: now(), event }))
    if (endOn.size > 0 && endOn.has(event.event)) finish('done')
  }

  // The parser owns the last event ID: it moves with every event (EventSource's too, through `accept`).
  const parser = createSseParser({
    lastEventId: options.lastEventId ?? '',
    onEvent: dispatch,
    onRetry: (ms) => {
      serverRetryMs = ms
    },
  })

  function unsubscribe(listener: StreamLifecycleListener) {
    if (!listeners.has(listener)) return
    const types = listeners.get(listener)
    if (!types || types.has('chunk') || types.has('message')) hotListeners--
    listeners.delete(listener)
  }

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

  function fail(error: StreamError) {
    if (ended) return
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

      const conn = new AbortController()
      connection = conn
      progressed = false
      parser.reset()
      metrics.connecting()
      metrics.state = 'connecting'
      const ctx: RequestContext = { url: target.url, method: target.method, transport: transportName, tokenTransport }
      emit(() => ({ type: 'connecting', at: now(), attempt, url: target.url, method: target.method, transport: transportName }))

      let stalledFor: number | undefined
      lastByteAt = now()
      const stopWatch = watchStall(stallTimeoutMs, () => lastByteAt, (idleMs) => {
        stalledFor = idleMs
        emit(() => ({ type: 'stall', at: now(), idleMs }))
        conn.abort()
      })
      const sink: TransportSink = {
        head(head) {
          const at = now()
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
              url: target.url,
            }))
          }
          return ok
        },
        bytes(count) {
          const at = now()
          lastByteAt = at
          metrics.chunk(count, at)
          if (hotListeners > 0) emit(() => ({ type: 'chunk', at, bytes: count, totalBytes: metrics.bytes }))
        },
        text: (text) => parser.feed(text),
        event: (event) => parser.accept(event),
        canRecycle: () => parser.lastEventId !== '' && resumeUrl(0) !== undefined,
      }

      let verdict: Verdict
      const outcomeContext = () => ({ request: ctx, lastEventId: parser.lastEventId, reconnects: backoff.maxAttempts > 0 })
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
        verdict = classifyOutcome({ outcome }, outcomeContext())
      } catch (error) {
        if (ended) return
        verdict = classifyOutcome({ thrown: error, stalledForMs: stalledFor }, outcomeContext())
      } finally {
        stopWatch()
        connection = undefined
      }

      if (verdict.type === 'done') return finish('done')
      if (verdict.type === 'fatal') return fail(verdict.error)
      if (verdict.type === 'recycle') {
        metrics.retries++
        emit(() => ({ type: 'retry', at: now(), attempt: 0, delayMs: 0, reason: 'recycle' }))
        continue
      }
      const failure = verdict.error
      lastRefused = verdict.refused
      if (progressed) attempt = 0
      lastError = failure
      // Dropped because the network went away: no attempt is spent; the top of the loop waits for it.
      if (!network.online()) {
        emit(() => ({ type: 'error', at: now(), error: failure }))
        continue
      }
      attempt++
      if (attempt > backoff.maxAttempts) return fail(gaveUpError(failure, attempt, backoff.maxAttempts === 0))
      emit(() => ({ type: 'error', at: now(), error: failure }))
      const delayMs = backoffDelay(attempt, backoff, random, { retryMs: serverRetryMs, retryAfterMs: verdict.retryAfterMs })
      metrics.retries++
      metrics.state = 'retrying'
      emit(() => ({
        type: 'retry',
        at: now(),
        attempt,
        delayMs,
        reason: failure.kind === 'http' ? `http ${failure.status}` : failure.kind,
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
    subscribe(listener, types) {
      const wanted = types ? new Set<string>(types) : undefined
      const hot = !wanted || wanted.has('chunk') || wanted.has('message')
      if (listeners.has(listener)) unsubscribe(listener)
      listeners.set(listener, wanted)
      if (hot) hotListeners++
      return () => unsubscribe(listener)
    },
    metrics: () => metrics.snapshot(parser.lastEventId),
  }
}
