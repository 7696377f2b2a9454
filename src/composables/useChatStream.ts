import { computed, getCurrentScope, onScopeDispose, shallowRef, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type ShallowRef } from 'vue'
import { createChatEngine, resumeRoute, type ConnectionOptions } from '../chat/engine'
import { createFrameScheduler, type FrameScheduler } from '../chat/frames'
import { createIdGenerator } from '../chat/ids'
import type { EventStream } from '../stream/types'
import type { ChatMessage, MessageConnection, MessageStatus, StreamErrorInfo } from '../types'

export interface UseChatStreamOptions extends ConnectionOptions {
  /** The `POST` endpoint, e.g. `/api/sessions/abc/messages`. */
  url: MaybeRefOrGetter<string>
  /**
   * Where a dropped answer is resumed with `GET` + `Last-Event-ID`, from the server's message id.
   * @default (id) => `${url}/${id}/stream`
   */
  resumeUrl?: (serverMessageId: string) => string
  /** The JSON body for a question. @default (content) => ({ content }) */
  body?: (content: string) => Record<string, unknown>
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
  /** The answer's connection while it streams: connected, reconnecting (with the next try's time), offline, gave-up. */
  connection: ComputedRef<MessageConnection | undefined>
  /** The stream in flight (for the debug panel). */
  stream: Readonly<ShallowRef<EventStream | undefined>>
  /** Streams an answer to `content` into a fresh message. Resolves with its final snapshot; never rejects for stream errors. */
  send(content: string): Promise<ChatMessage>
  /** Keeps the text so far; status 'stopped'. */
  stop(): void
  /** Resumes when the server's message id is known, else sends the last question again. */
  retry(): Promise<ChatMessage>
}

/** The engine's one session here: it holds the current answer only. */
const ANSWER = 'answer'

/**
 * One stream bound to one message, without the store: the same engine (src/chat/), so the same frame-batched
 * immutable snapshots, resume and errors as `useSessionsStore`.
 */
export function useChatStream(options: UseChatStreamOptions): UseChatStreamReturn {
  const ids = createIdGenerator()
  let frames: FrameScheduler | undefined
  const engine = createChatEngine({
    connection: () => options,
    routes() {
      const send = toValue(options.url)
      return { send, resume: (serverMessageId) => options.resumeUrl?.(serverMessageId) ?? resumeRoute(send, serverMessageId) }
    },
    body: options.body,
    scheduler: () => (frames ??= options.scheduler ?? createFrameScheduler()),
    source: 'chat-stream',
    now: () => (options.now ?? Date.now)(),
    newId: (kind) => options.generateId?.() ?? ids(kind),
  })
  engine.book.addSession(ANSWER, '', [])

  // The engine publishes arrays of messages; this composable shows the one answer in it, in the same publish.
  const message = shallowRef<ChatMessage | undefined>()
  const stream = shallowRef<EventStream | undefined>()
  watch(engine.book.messagesRef(ANSWER), (messages) => (message.value = messages[0]), { flush: 'sync' })
  watch(engine.streams, (streams) => (stream.value = streams.values().next().value), { flush: 'sync' })

  function retry(): Promise<ChatMessage> {
    if (!message.value) return Promise.reject(new Error('Nothing to retry: call send() first.'))
    return engine.retry(ANSWER)
  }

  if (getCurrentScope()) onScopeDispose(engine.dispose)

  return {
    message,
    status: computed(() => message.value?.status ?? 'idle'),
    error: computed(() => message.value?.error),
    connection: computed(() => message.value?.connection),
    stream,
    send: (content) => engine.ask(ANSWER, content, { replace: true }),
    stop: () => engine.stop(ANSWER),
    retry,
  }
}
