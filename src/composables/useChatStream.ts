import { computed, onScopeDispose, getCurrentScope, shallowRef, toValue, type ComputedRef, type MaybeRefOrGetter, type ShallowRef } from 'vue'
import { openEventStream } from '../stream'
import type { EventStream, OpenEventStreamOptions, RetryOptions, TokenSource, TransportOption } from '../stream/types'
import type { ChatMessage, MessageStatus, StreamErrorInfo } from '../types'
import { answerEndedEarly } from '../errors'
import { consumeChatStream } from '../stores/consume'
import { emitPublish, isPublishObserved } from '../instrumentation/hooks'
import { createFrameBatcher, createFrameScheduler, type FrameInfo, type FrameScheduler } from '../stores/publisher'
import type { OpenStream } from '../stores/sessions'

export interface UseChatStreamOptions {
  /** The `POST` endpoint, e.g. `/api/sessions/abc/messages`. */
  url: MaybeRefOrGetter<string>
  /**
   * Where a dropped answer is resumed with `GET` + `Last-Event-ID`, from the server's message id.
   * @default (id) => `${url}/${id}/stream`
   */
  resumeUrl?: (serverMessageId: string) => string
  /** Sent as `Authorization: Bearer <token>`. @default undefined */
  token?: TokenSource
  /** @default 'auto' */
  transport?: TransportOption
  /** @default the client's defaults */
  retry?: RetryOptions
  /** @default the client's default */
  stallTimeoutMs?: number
  /** @default {} */
  headers?: Record<string, string>
  /** The JSON body for a question. @default (content) => ({ content }) */
  body?: (content: string) => Record<string, unknown>
  /** @default openEventStream */
  openStream?: OpenStream
  /** @default requestAnimationFrame, a timer when hidden or outside a browser */
  scheduler?: FrameScheduler
  /** Id of the answer message. @default crypto.randomUUID() */
  generateId?: () => string
  /** @default Date.now */
  now?: () => number
}

export interface UseChatStreamReturn {
  /** The answer as an immutable snapshot; a new object per publish (at most one per frame). */
  message: Readonly<ShallowRef<ChatMessage | undefined>>
  /** 'idle' before the first send. */
  status: ComputedRef<MessageStatus | 'idle'>
  error: ComputedRef<StreamErrorInfo | undefined>
  /** The stream in flight (for the debug panel). */
  stream: Readonly<ShallowRef<EventStream | undefined>>
  /** Streams an answer to `content` into a fresh message. Resolves with its final snapshot; never rejects for stream errors. */
  send(content: string): Promise<ChatMessage>
  /** Keeps the text so far; status 'stopped'. */
  stop(): void
  /** Resumes when the server's message id is known, else sends the last question again. */
  retry(): Promise<ChatMessage>
}

/** Binds one stream to one message, without the store: the same frame-batched immutable snapshots. */
export function useChatStream(options: UseChatStreamOptions): UseChatStreamReturn {
  const message = shallowRef<ChatMessage | undefined>()
  const stream = shallowRef<EventStream | undefined>()
  let parts: string[] = []
  let reset = false
  let nextStatus: MessageStatus | undefined
  let nextError: StreamErrorInfo | null | undefined
  let deltas = 0
  let prompt = ''
  let serverMessageId: string | undefined
  let lastEventId = ''
  let generation = 0
  let waiters: (() => void)[] = []
  let scheduler: FrameScheduler | undefined

  const batcher = createFrameBatcher(publish, () => (scheduler ??= options.scheduler ?? createFrameScheduler()))

  function publish(info: FrameInfo): void {
    const old = message.value
    if (old) {
      const observed = isPublishObserved()
      const started = observed ? performance.now() : 0
      const text = parts.join('')
      let status = nextStatus ?? old.status
      if (!nextStatus && text && status === 'pending') status = 'streaming'
      const next: { -readonly [K in keyof ChatMessage]: ChatMessage[K] } = {
        ...old,
        content: (reset ? '' : old.content) + text,
        status,
      }
      if (nextError === null) delete next.error
      else if (nextError) next.error = Object.freeze({ ...nextError })
      message.value = Object.freeze(next)
      if (observed) {
        const at = performance.now()
        emitPublish({ at, durationMs: at - started, messageIds: [old.id], deltas, inFrame: info.inFrame, source: 'chat-stream' })
      }
    }
    parts = []
    reset = false
    nextStatus = undefined
    nextError = undefined
    deltas = 0
    const settled = waiters
    waiters = []
    for (const resolve of settled) resolve()
  }

  function change(status: MessageStatus, error?: StreamErrorInfo | null, clear = false): void {
    nextStatus = status
    if (error !== undefined) nextError = error
    if (clear) {
      parts = []
      reset = true
    }
    batcher.schedule()
  }

  function settled(): Promise<void> {
    if (!batcher.scheduled) return Promise.resolve()
    return new Promise((resolve) => waiters.push(resolve))
  }

  async function run(mode: 'send' | 'resume'): Promise<ChatMessage> {
    const current = ++generation
    const open = options.openStream ?? openEventStream
    const url = toValue(options.url)
    const resumeUrl = (id: string) => options.resumeUrl?.(id) ?? `${url}/${encodeURIComponent(id)}/stream`
    const common: OpenEventStreamOptions = {
      headers: { Accept: 'text/event-stream', ...options.headers },
      resumeUrl: () => (serverMessageId ? resumeUrl(serverMessageId) : undefined),
      endOn: ['done', 'error'],
    }
    if (options.token !== undefined) common.token = options.token
    if (options.transport) common.transport = options.transport
    if (options.retry) common.retry = options.retry
    if (options.stallTimeoutMs !== undefined) common.stallTimeoutMs = options.stallTimeoutMs
    const opened =
      mode === 'resume' && serverMessageId
        ? open(resumeUrl(serverMessageId), { ...common, method: 'GET', lastEventId })
        : open(url, {
            ...common,
            method: 'POST',
            headers: { ...common.headers, 'Content-Type': 'application/json' },
            body: JSON.stringify(options.body?.(prompt) ?? { content: prompt }),
          })
    stream.value = opened
    const outcome = await consumeChatStream(
      opened,
      {
        isCurrent: () => generation === current,
        onStart: (id) => (serverMessageId = id),
        onDelta: (delta) => {
          parts.push(delta)
          deltas++
          batcher.schedule()
        },
        onEventId: (id) => (lastEventId = id),
      },
      mode === 'resume' ? lastEventId : undefined,
    )
    if (generation === current) {
      opened.close()
      stream.value = undefined
      if (outcome.kind === 'done') change('done', null)
      else if (outcome.kind === 'error') change('error', outcome.error)
      else {
        change('error', answerEndedEarly())
      }
    }
    await settled()
    return message.value as ChatMessage
  }

  function stop(): void {
    if (!stream.value) return
    generation++
    stream.value.close()
    stream.value = undefined
    change('stopped')
    batcher.flush()
  }

  function send(content: string): Promise<ChatMessage> {
    stop()
    batcher.flush()
    prompt = content
    serverMessageId = undefined
    lastEventId = ''
    const id = options.generateId?.() ?? globalThis.crypto?.randomUUID?.() ?? `m-${Date.now().toString(36)}`
    message.value = Object.freeze({ id, role: 'assistant', content: '', status: 'pending', createdAt: (options.now ?? Date.now)() })
    return run('send')
  }

  function retry(): Promise<ChatMessage> {
    if (!message.value) return Promise.reject(new Error('Nothing to retry: call send() first.'))
    stop()
    if (serverMessageId) {
      change('streaming', null)
      return run('resume')
    }
    lastEventId = ''
    change('pending', null, true)
    return run('send')
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      generation++
      stream.value?.close()
      batcher.cancel()
    })
  }

  return {
    message,
    status: computed(() => message.value?.status ?? 'idle'),
    error: computed(() => message.value?.error),
    stream,
    send,
    stop,
    retry,
  }
}
