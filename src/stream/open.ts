import { DEFAULT_BACKOFF, DEFAULT_STALL_TIMEOUT_MS, backoffDelay, parseRetryAfter, sleep, type Backoff } from './backoff'
import {
  StreamError,
  cannotResumeError,
  contentTypeError,
  gaveUpError,
  httpError,
  isRefusal,
  networkError,
  parseErrorBody,
  serverClosedError,
  stallError,
  tokenError,
  type RequestContext,
} from './errors'
import { MetricsRecorder } from './metrics'
import { createSseParser } from './parse'
import { AsyncQueue } from './queue'
import { eventSourceTransport } from './transports/eventsource'
import { fetchTransport, supportsFetchStreaming } from './transports/fetch'
import type { ResponseHead, Transport, TransportSink } from './transports/types'
import { xhrTransport } from './transports/xhr'
import type {
  EventStream,
  OpenEventStreamOptions,
  StreamEvent,
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

function encodeBody(body: OpenEventStreamOptions['body']): { body: BodyInit | null; contentType?: string } {
  if (body === undefined) return { body: null }
  if (typeof body === 'string') return { body, contentType: 'application/json' }
  if (
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) ||
    (typeof Blob !== 'undefined' && body instanceof Blob)
  ) {
    return { body }
  }
  return { body: JSON.stringify(body), contentType: 'application/json' }
}

function isEventStreamHead(head: ResponseHead): boolean {
  return head.status >= 200 && head.status < 300 && head.status !== 204 && /^\s*text\/event-stream\b/i.test(head.contentType)
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
  const backoff: Backoff = {
    maxAttempts: options.retry?.maxAttempts ?? DEFAULT_BACKOFF.maxAttempts,
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
  }
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS
  const random = options.random ?? Math.random
  const endOn = new Set(options.endOn ?? [])
  const { onEvent } = options
  const method = options.method ?? (options.body !== undefined ? 'POST' : 'GET')
  const firstBody = encodeBody(options.body)
  const metrics = new MetricsRecorder(transportName, tokenTransport)
  const queue = new AsyncQueue<StreamEvent>()
  const listeners = new Set<StreamLifecycleListener>()
  const closer = new AbortController()

  let ended = false
  let connection: AbortController | undefined
  let lastEventId = options.lastEventId ?? ''
  let serverRetryMs: number | undefined
  let firstEvent: StreamEvent | undefined
  let lastEvent: StreamEvent | undefined
  let progressed = false
  let lastByteAt = 0

  const emit = (make: () => StreamLifecycleEvent) => {
    if (listeners.size === 0) return
    const event = make()
    for (const listener of listeners) {
      try {
        listener(event)
      } catch (error) {
        // A broken listener must not break the stream; report it where unhandled errors go.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  // The hot path: no clock read (events share their chunk's time), no allocation unless someone listens.
  const dispatch = (event: StreamEvent) => {
    if (ended) return
    lastEventId = event.id
    metrics.event(event.id, lastByteAt)
    if (firstEvent === undefined) firstEvent = event
    lastEvent = event
    progressed = true
    if (onEvent) onEvent(event)
    else queue.push(event)
    if (listeners.size > 0) emit(() => ({ type: 'message', at: now(), event }))
    if (endOn.size > 0 && endOn.has(event.event)) finish('done')
  }

  const parser = createSseParser({
    lastEventId,
    onEvent: dispatch,
    onRetry: (ms) => {
      serverRetryMs = ms
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

  function resumeTarget(attempt: number): string | undefined {
    const { resumeUrl } = options
    if (typeof resumeUrl === 'function') {
      return resumeUrl({ url, lastEventId, attempt, eventsSeen: metrics.events, firstEvent, lastEvent })
    }
    return resumeUrl ?? (method === 'GET' ? url : undefined)
  }

  async function resolveToken(): Promise<string | undefined> {
    const { token } = options
    return typeof token === 'function' ? await token() : token
  }

  function buildHeaders(requestMethod: string, token: string | undefined, contentType: string | undefined) {
    const headers: Record<string, string> = { Accept: 'text/event-stream' }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (requestMethod === 'GET' && name.toLowerCase() === 'content-type') continue
      headers[name] = value
    }
    if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = contentType
    }
    if (token && transportName !== 'eventsource') headers.Authorization = `Bearer ${token}`
    if (lastEventId) headers['Last-Event-ID'] = lastEventId
    return headers
  }

  function watchStall(conn: AbortController, onStall: (idleMs: number) => void): () => void {
    if (!stallTimeoutMs) return () => {}
    lastByteAt = now()
    let timer: ReturnType<typeof setTimeout>
    const check = () => {
      const idle = now() - lastByteAt
      // One timer per window instead of one per chunk: re-arm for the remainder when bytes came meanwhile.
      if (idle >= stallTimeoutMs - 1) {
        onStall(idle)
        conn.abort()
      } else timer = setTimeout(check, stallTimeoutMs - idle)
    }
    timer = setTimeout(check, stallTimeoutMs)
    return () => clearTimeout(timer)
  }

  async function run() {
    let attempt = 0
    let connections = 0
    let postOpened = false
    let lastRefused = false
    let lastError: StreamError | undefined

    while (!ended) {
      let target: { url: string; method: 'GET' | 'POST'; body: BodyInit | null; contentType?: string }
      const rePost = method === 'POST' && !postOpened && lastRefused
      if (connections === 0 || rePost) {
        target = { url, method, body: firstBody.body, contentType: firstBody.contentType }
      } else {
        const resume = resumeTarget(attempt)
        if (resume === undefined) return fail(cannotResumeError(lastError))
        target = { url: resume, method: 'GET', body: null }
      }
      connections++

      let token: string | undefined
      try {
        token = await resolveToken()
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
      const stopWatch = watchStall(conn, (idleMs) => {
        stalledFor = idleMs
        emit(() => ({ type: 'stall', at: now(), idleMs }))
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
          emit(() => ({ type: 'chunk', at, bytes: count, totalBytes: metrics.bytes }))
        },
        text: (text) => parser.feed(text),
        event: dispatch,
        canRecycle: () => lastEventId !== '' && resumeTarget(0) !== undefined,
      }

      let failure: StreamError
      let retryAfterMs: number | undefined
      let recycle = false
      lastRefused = false
      try {
        const outcome = await transport(
          {
            url: target.url,
            method: target.method,
            headers: buildHeaders(target.method, token, target.contentType),
            body: target.body,
            credentials: options.credentials ?? 'same-origin',
            signal: conn.signal,
            token,
            tokenQueryParam: options.tokenQueryParam,
            lastEventId,
            eventTypes: options.eventTypes,
            recycleChars: transportName === 'xhr' ? (options.xhrRecycleChars ?? 4 * 1024 * 1024) : 0,
            fetch: options.fetch,
          },
          sink,
        )
        if (ended) return
        if (outcome.type === 'refused') {
          const { head, body } = outcome
          // The eventsource transport learns the status from its probe, after the fact.
          if (transportName === 'eventsource') metrics.head(head.status, head.contentType, now())
          // 204 is the server's way to say "do not reconnect" (WHATWG).
          if (head.status === 204) return finish('done')
          retryAfterMs = parseRetryAfter(head.retryAfter)
          failure =
            head.status >= 200 && head.status < 300
              ? contentTypeError(head.status, head.contentType, ctx)
              : httpError(head.status, parseErrorBody(body, head.contentType), ctx, retryAfterMs)
          if (!failure.retryable) return fail(failure)
          lastRefused = target.method === 'POST' && isRefusal(head.status)
        } else if (outcome.type === 'recycle') {
          recycle = true
          failure = serverClosedError(lastEventId)
        } else {
          parser.end()
          if (ended) return
          if (backoff.maxAttempts === 0) return finish('done')
          failure = serverClosedError(lastEventId)
        }
      } catch (error) {
        if (ended) return
        failure = stalledFor !== undefined ? stallError(stalledFor) : networkError(error, lastEventId)
      } finally {
        stopWatch()
        connection = undefined
      }

      if (recycle) {
        metrics.retries++
        emit(() => ({ type: 'retry', at: now(), attempt: 0, delayMs: 0, reason: 'recycle' }))
        continue
      }
      if (progressed) attempt = 0
      attempt++
      lastError = failure
      if (attempt > backoff.maxAttempts) return fail(gaveUpError(failure, attempt, backoff.maxAttempts === 0))
      emit(() => ({ type: 'error', at: now(), error: failure }))
      const delayMs = backoffDelay(attempt, backoff, random, { retryMs: serverRetryMs, retryAfterMs })
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
      run().catch((error: unknown) => fail(error instanceof StreamError ? error : networkError(error, lastEventId)))
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
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    metrics: () => ({ ...metrics.snapshot(), lastEventId }),
  }
}
