// The answer engine: send, resume, retry, stop and regenerate for answers streamed into a snapshot book. The Pinia
// store and useChatStream are thin adapters over it; it holds no module-level state.
import { shallowRef } from 'vue'
import { answerEndedEarly, toErrorInfo } from '../errors'
import { openEventStream } from '../stream/open'
import type { EventStream, OpenEventStreamOptions, RetryOptions, StreamLifecycleEvent, TokenSource, TransportOption } from '../stream/types'
import type { ChatMessage, MessageConnection, StreamErrorInfo } from '../types'
import { createSnapshotBook, type SnapshotBookOptions } from './book'
import { CONNECTION_EVENTS, connectionAfter, connectionAfterFailure, sameConnection } from './connection'
import { devWarn } from './dev'
import { readAnswer, type AnswerOutcome } from './protocol'

/** Opens one event stream; `openEventStream` by default, injectable for tests. */
export type OpenStream = (url: string, options: OpenEventStreamOptions) => EventStream

/** How answers connect. Read before every connection, so a change applies from the next one. */
export interface ConnectionOptions {
  /** Sent as `Authorization: Bearer <token>`; a function is asked before every connection. @default undefined */
  token?: TokenSource
  /** `fetch` where response bodies stream, else `xhr`; `eventsource` only for rollback. @default 'auto' */
  transport?: TransportOption
  /** Reconnects of one stream (the client resumes with `Last-Event-ID`). @default the client's defaults */
  retry?: RetryOptions
  /** After the response head, no bytes for this long counts as a stall and reconnects. @default 30000 */
  stallTimeoutMs?: number
  /** No response head for this long after a request fails that connection (it reconnects). @default 30000 */
  connectTimeoutMs?: number
  /** The longest line or event the client reads, in characters; more ends the answer with an error. @default 8388608 */
  maxEventChars?: number
  /** Extra request headers (the stream client adds `Accept`, `Content-Type` and `Authorization`). @default {} */
  headers?: Record<string, string>
  /**
   * Send an `Idempotency-Key` with each question: `true` makes one key per question (`crypto.randomUUID()`), a
   * function makes it yourself. A question whose POST got no response is then sent again with the same key (so is
   * a retry of it), and the server must continue the same answer for a key it has seen, never start a second one.
   * Off, such a question fails instead: it is never sent twice. See docs/streaming.md. @default false
   */
  idempotencyKey?: boolean | (() => string)
  /** Opens the stream of an answer; a test can pass a fake. @default openEventStream */
  openStream?: OpenStream
}

/** Where a session's questions are posted and its dropped answers resumed. */
export interface AnswerRoutes {
  /** `POST` the question here. */
  send: string
  /** `GET` a dropped answer again here, with `Last-Event-ID`. */
  resume(serverMessageId: string): string
}

/** The resume URL of the server contract: `${send}/${serverMessageId}/stream`. */
export function resumeRoute(send: string, serverMessageId: string): string {
  return `${send}/${encodeURIComponent(serverMessageId)}/stream`
}

export interface ChatEngineConfig extends SnapshotBookOptions {
  connection(): ConnectionOptions
  routes(sessionId: string): AnswerRoutes
  /** The JSON body of a question. @default (content) => ({ content }) */
  body?: (content: string) => Record<string, unknown>
  now(): number
  newId(kind: 'session' | 'message'): string
}

/** One streamed answer: what is needed to stop, retry or resume it. */
interface Answer {
  readonly sessionId: string
  readonly messageId: string
  readonly prompt: string
  serverMessageId?: string
  /** The latest stream opened for it, kept after it ended: its `lastEventId` is where a resume continues. */
  stream?: EventStream
  /** The stream is being read. */
  live: boolean
  /** Bumped by every connect, stop and dispose; a reader whose attempt is not current stops applying. */
  attempt: number
  /** The `Idempotency-Key` of its question, made at the first send and kept for re-sends of the same question. */
  idempotencyKey?: string
  /** The connection state last published for it. */
  connection?: MessageConnection
  /** Last snapshot of an answer that was removed (regenerate, removeSession) while its promise was pending. */
  detached?: ChatMessage
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

/** Creates sessions of immutable message snapshots and streams answers into them. */
export function createChatEngine(config: ChatEngineConfig) {
  const book = createSnapshotBook(config)
  const answers = new Map<string, Answer>()
  /** Streams being read, by message id (for the debug panel). */
  const streams = shallowRef<ReadonlyMap<string, EventStream>>(new Map())

  /**
   * The one append path: `updateMessageContent` and the stream reader both come here. O(1): a map lookup and an
   * array push; the text is published at the next frame. A delta that is not a string throws a `TypeError` here,
   * before anything is queued. False, with a warning in development builds, for an unknown session or message and
   * for a finished message (`done`, `stopped`, `error`): its text no longer changes.
   */
  function append(sessionId: string, messageId: string, delta: string): boolean {
    if (typeof delta !== 'string') {
      throw new TypeError(`updateMessageContent: the delta must be a string, got ${describeValue(delta)}; nothing was appended.`)
    }
    const result = book.append(sessionId, messageId, delta)
    if (result === 'appended') return true
    devWarn(
      result === 'unknown-session'
        ? `updateMessageContent: no session "${sessionId}"; nothing was appended.`
        : result === 'unknown-message'
          ? `updateMessageContent: no message "${messageId}" in session "${sessionId}"; nothing was appended.`
          : `updateMessageContent: message "${messageId}" is ${result}, so its text no longer changes; the delta was refused.`,
    )
    return false
  }

  function setStream(messageId: string, stream: EventStream | undefined): void {
    const next = new Map(streams.value)
    if (stream) next.set(messageId, stream)
    else next.delete(messageId)
    streams.value = next
  }

  function openFor(answer: Answer, mode: 'send' | 'resume'): EventStream {
    const connection = config.connection()
    const routes = config.routes(answer.sessionId)
    const open = connection.openStream ?? openEventStream
    const common: OpenEventStreamOptions = {
      resumeUrl: () => (answer.serverMessageId ? routes.resume(answer.serverMessageId) : undefined),
      endOn: ['done', 'error'],
    }
    if (connection.headers) common.headers = connection.headers
    if (connection.token !== undefined) common.token = connection.token
    if (connection.transport) common.transport = connection.transport
    if (connection.retry) common.retry = connection.retry
    if (connection.stallTimeoutMs !== undefined) common.stallTimeoutMs = connection.stallTimeoutMs
    if (connection.connectTimeoutMs !== undefined) common.connectTimeoutMs = connection.connectTimeoutMs
    if (connection.maxEventChars !== undefined) common.maxEventChars = connection.maxEventChars
    if (mode === 'resume' && answer.serverMessageId) {
      const lastEventId = answer.stream?.metrics().lastEventId ?? ''
      return open(routes.resume(answer.serverMessageId), { ...common, method: 'GET', lastEventId })
    }
    // JSON text: the client sends a string body as `application/json` (it builds every header).
    const body = JSON.stringify(config.body?.(answer.prompt) ?? { content: answer.prompt })
    const options: OpenEventStreamOptions = { ...common, method: 'POST', body }
    if (connection.idempotencyKey) {
      answer.idempotencyKey ??= typeof connection.idempotencyKey === 'function' ? connection.idempotencyKey() : newKey()
      options.idempotencyKey = answer.idempotencyKey
    }
    return open(routes.send, options)
  }

  /** Publishes the answer's connection state (through the same frame batch as its text) when it changed. */
  function setConnection(answer: Answer, next: MessageConnection | undefined): void {
    if (sameConnection(answer.connection, next)) return
    answer.connection = next
    book.change(answer.sessionId, answer.messageId, { connection: next ?? null })
  }

  /** The stream client's reconnect lifecycle as the answer's connection state. */
  function followConnection(answer: Answer, attempt: number, event: StreamLifecycleEvent): void {
    if (answer.attempt !== attempt) return
    const next = connectionAfter(event)
    if (next) setConnection(answer, next)
  }

  /** Opens a stream for `answer` (a POST of its prompt, or a resume GET) and reads it to the end. */
  async function connect(answer: Answer, mode: 'send' | 'resume'): Promise<ChatMessage> {
    const attempt = ++answer.attempt
    setConnection(answer, undefined)
    let stream: EventStream
    try {
      stream = openFor(answer, mode)
    } catch (error) {
      finish(answer, { kind: 'error', error: toErrorInfo(error) })
      await book.settled()
      return latest(answer)
    }
    answer.stream = stream
    answer.live = true
    setStream(answer.messageId, stream)
    const unfollow = stream.subscribe((event) => followConnection(answer, attempt, event), CONNECTION_EVENTS)
    const outcome = await readAnswer(stream, {
      isCurrent: () => answer.attempt === attempt,
      start: (id) => {
        answer.serverMessageId = id
      },
      delta: (text) => append(answer.sessionId, answer.messageId, text),
      redact: (value) => stream.redact(value),
    })
    unfollow()
    if (answer.attempt !== attempt) return latest(answer)
    answer.live = false
    setStream(answer.messageId, undefined)
    stream.close()
    finish(answer, outcome)
    await book.settled()
    return latest(answer)
  }

  /** The final status rides in the same publish as the last text. */
  function finish(answer: Answer, outcome: AnswerOutcome): void {
    if (outcome.kind === 'done') {
      setConnection(answer, undefined)
      book.change(answer.sessionId, answer.messageId, { status: 'done', error: null })
    } else {
      const error: StreamErrorInfo = outcome.kind === 'error' ? outcome.error : answerEndedEarly()
      // Nothing streams any more: the state goes, or — failing while it reconnected — says the client gave up.
      setConnection(answer, connectionAfterFailure(answer.connection))
      book.change(answer.sessionId, answer.messageId, { status: 'error', error })
    }
  }

  function latest(answer: Answer): ChatMessage {
    const message = book.message(answer.sessionId, answer.messageId) ?? answer.detached
    if (!message) throw new Error(`Message "${answer.messageId}" was removed while it streamed.`)
    return message
  }

  /** Stops reading `answer`; its text so far stays, with status 'stopped'. */
  function disconnect(answer: Answer): void {
    if (!answer.live) return
    answer.attempt++
    answer.live = false
    answer.stream?.close()
    setStream(answer.messageId, undefined)
    setConnection(answer, undefined)
    book.change(answer.sessionId, answer.messageId, { status: 'stopped' })
  }

  /** Stops the answers of messages about to be removed and keeps their final snapshots for pending promises. */
  function detach(removed: Answer[]): void {
    for (const answer of removed) disconnect(answer)
    book.flush()
    for (const answer of removed) {
      answer.detached = book.message(answer.sessionId, answer.messageId)
      answers.delete(answer.messageId)
    }
  }

  function answersOf(sessionId: string): Answer[] {
    return [...answers.values()].filter((answer) => answer.sessionId === sessionId)
  }

  function answerOf(sessionId: string, messageId?: string): Answer {
    const id = messageId ?? book.list(sessionId).findLast((m) => m.role === 'assistant')?.id
    const answer = id === undefined ? undefined : answers.get(id)
    if (!answer || answer.sessionId !== sessionId) {
      throw new Error(`No answer ${messageId ? `"${messageId}" ` : ''}was streamed in session "${sessionId}".`)
    }
    return answer
  }

  function addAnswer(sessionId: string, prompt: string, place: { question?: ChatMessage; replace?: boolean }): Answer {
    const message: ChatMessage = { id: config.newId('message'), role: 'assistant', content: '', status: 'pending', createdAt: config.now() }
    if (place.replace) book.replaceAll(sessionId, [message])
    else if (place.question) book.push(sessionId, place.question, message)
    else book.push(sessionId, message)
    const answer: Answer = { sessionId, messageId: message.id, prompt, live: false, attempt: 0 }
    answers.set(message.id, answer)
    return answer
  }

  /**
   * Adds a pending answer (after `question`, or replacing every message with `replace`) and streams it.
   * Resolves with the answer's final snapshot (done, stopped or error); never rejects for stream errors.
   */
  async function ask(sessionId: string, prompt: string, place: { question?: ChatMessage; replace?: boolean } = {}): Promise<ChatMessage> {
    if (place.replace) detach(answersOf(sessionId))
    return connect(addAnswer(sessionId, prompt, place), 'send')
  }

  /** Stops one answer, or every answer of the session. The text so far stays; status 'stopped'. */
  function stop(sessionId: string, messageId?: string): void {
    if (messageId) {
      const answer = answers.get(messageId)
      if (answer) disconnect(answer)
    } else {
      for (const answer of answersOf(sessionId)) disconnect(answer)
    }
    book.flush()
  }

  /** Continues a dropped answer with `Last-Event-ID`: the same message, no text twice. */
  async function resume(sessionId: string, messageId?: string): Promise<ChatMessage> {
    const answer = answerOf(sessionId, messageId)
    if (!answer.serverMessageId) {
      throw new Error('This answer cannot be resumed: the server never sent its message id. Use retry() to ask again.')
    }
    disconnect(answer)
    book.change(sessionId, answer.messageId, { status: 'streaming', error: null })
    return connect(answer, 'resume')
  }

  /** Resumes when the server's message id is known, else asks the same question again into the same message. */
  async function retry(sessionId: string, messageId?: string): Promise<ChatMessage> {
    const answer = answerOf(sessionId, messageId)
    if (answer.serverMessageId) return resume(sessionId, answer.messageId)
    disconnect(answer)
    book.change(sessionId, answer.messageId, { status: 'pending', error: null, reset: true })
    return connect(answer, 'send')
  }

  /** A new answer to the last question: later messages are removed, the question is sent again. */
  async function regenerate(sessionId: string): Promise<ChatMessage> {
    const messages = book.list(sessionId)
    const lastUser = messages.findLastIndex((m) => m.role === 'user')
    const question = messages[lastUser]
    if (!question) throw new Error(`Session "${sessionId}" has no question to answer again.`)
    detach(messages.slice(lastUser + 1).flatMap((m) => answers.get(m.id) ?? []))
    book.truncate(sessionId, lastUser + 1)
    return connect(addAnswer(sessionId, question.content, {}), 'send')
  }

  function removeSession(sessionId: string): void {
    detach(answersOf(sessionId))
    book.removeSession(sessionId)
  }

  /** The stream being read for a message, if any. */
  function activeStream(messageId: string): EventStream | undefined {
    return streams.value.get(messageId)
  }

  /** Stops listening without changing any message (the owner's scope ended). */
  function dispose(): void {
    for (const answer of answers.values()) {
      answer.attempt++
      if (answer.live) answer.stream?.close()
      answer.live = false
    }
    streams.value = new Map()
    book.cancel()
  }

  return { book, streams, append, ask, stop, resume, retry, regenerate, removeSession, activeStream, dispose }
}

export type ChatEngine = ReturnType<typeof createChatEngine>

/** What a value is, for a message, without converting it (a symbol or an object without a prototype would throw). */
function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  const type = typeof value
  return type === 'object' ? 'an object' : type === 'undefined' ? 'undefined' : `a ${type}`
}
