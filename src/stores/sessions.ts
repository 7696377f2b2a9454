import { defineStore } from 'pinia'
import { shallowRef, type ShallowRef } from 'vue'
import { openEventStream } from '../stream'
import type { EventStream, OpenEventStreamOptions, RetryOptions, TokenSource, TransportOption } from '../stream/types'
import type { ChatMessage, ChatSession, StreamErrorInfo } from '../types'
import { answerEndedEarly, toErrorInfo } from '../errors'
import { consumeChatStream, type ChatStreamOutcome } from './consume'
import { createFrameScheduler, type FrameScheduler } from './publisher'
import { createSnapshotBook } from './snapshots'

/** Opens one event stream; `openEventStream` by default, injectable for tests. */
export type OpenStream = (url: string, options: OpenEventStreamOptions) => EventStream

export interface SessionsOptions {
  /** Prefix of the API paths (`${baseUrl}/api/sessions/...`). @default '' (same origin) */
  baseUrl?: string
  /** Sent as `Authorization: Bearer <token>`; a function is asked before every connection. @default undefined */
  token?: TokenSource
  /** @default 'auto' */
  transport?: TransportOption
  /** Reconnects of one stream (the client resumes with `Last-Event-ID`). @default the client's defaults */
  retry?: RetryOptions
  /** @default the client's default (30 s) */
  stallTimeoutMs?: number
  /** Extra request headers. @default {} */
  headers?: Record<string, string>
  /** @default openEventStream */
  openStream?: OpenStream
  /** When publishes run. @default requestAnimationFrame, a timer when hidden or outside a browser */
  scheduler?: FrameScheduler
  /** Clock for `createdAt`. @default Date.now */
  now?: () => number
  /** Id generator for sessions and messages. @default crypto.randomUUID() */
  generateId?: (kind: 'session' | 'message') => string
}

export interface CreateSessionOptions {
  /** @default a generated id */
  id?: string
  /** @default 'New chat' (replaced by the first question) */
  title?: string
  /** History to start from. @default [] */
  messages?: readonly ChatMessage[]
}

const DEFAULT_TITLE = 'New chat'
const globalOptions: SessionsOptions = {}

/** Defaults for every sessions store (call before the first `sendMessage`); `store.configure()` overrides them. */
export function configureSessions(options: SessionsOptions): void {
  Object.assign(globalOptions, options)
}

/** Per answer: what is needed to stop, retry or resume it. */
interface Run {
  sessionId: string
  messageId: string
  prompt: string
  serverMessageId?: string
  lastEventId: string
  stream?: EventStream
  stopped: boolean
  generation: number
  /** Last snapshot of an answer that was removed (regenerate, removeSession) while its promise was pending. */
  detached?: ChatMessage
}

let defaultScheduler: FrameScheduler | undefined
let counter = 0
function randomId(kind: 'session' | 'message'): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${(counter++).toString(36)}`
  return `${kind === 'session' ? 's' : 'm'}-${random}`
}

export const useSessionsStore = defineStore('vcs-sessions', () => {
  const localOptions: SessionsOptions = {}
  const options = (): SessionsOptions => ({ ...globalOptions, ...localOptions })
  const book = createSnapshotBook(
    () => options().scheduler ?? (defaultScheduler ??= createFrameScheduler()),
  )
  const runs = new Map<string, Run>()
  /** Streams in flight, for the debug panel. Not returned: live streams are not serializable store state. */
  const streaming = shallowRef<ReadonlyMap<string, EventStream>>(new Map())

  function configure(next: SessionsOptions): void {
    Object.assign(localOptions, next)
  }

  function now(): number {
    return (options().now ?? Date.now)()
  }

  function newId(kind: 'session' | 'message'): string {
    return (options().generateId ?? randomId)(kind)
  }

  function createSession(init: CreateSessionOptions = {}): ChatSession {
    return book.addSession(init.id ?? newId('session'), init.title ?? DEFAULT_TITLE, init.messages ?? [])
  }

  function removeSession(sessionId: string): void {
    detach([...runs.values()].filter((run) => run.sessionId === sessionId))
    book.removeSession(sessionId)
  }

  /** Stops the runs of messages about to be removed and keeps their final snapshots for pending promises. */
  function detach(removed: Run[]): void {
    for (const run of removed) stopRun(run)
    book.flush()
    for (const run of removed) {
      run.detached = book.message(run.sessionId, run.messageId)
      runs.delete(run.messageId)
    }
  }

  /** The published messages of a session: a new array per publish, unchanged messages keep their identity. */
  function getMessages(sessionId: string): Readonly<ShallowRef<readonly ChatMessage[]>> {
    return book.messagesRef(sessionId)
  }

  /** Append streamed text. O(1) whatever the history length; the UI sees it at the next frame. */
  function updateMessageContent(sessionId: string, messageId: string, delta: string): boolean {
    return book.append(sessionId, messageId, delta)
  }

  function setStreaming(messageId: string, stream: EventStream | undefined): void {
    const next = new Map(streaming.value)
    if (stream) next.set(messageId, stream)
    else next.delete(messageId)
    streaming.value = next
  }

  function activeStream(messageId: string): EventStream | undefined {
    return streaming.value.get(messageId)
  }

  function apiUrl(sessionId: string, path = ''): string {
    return `${options().baseUrl ?? ''}/api/sessions/${encodeURIComponent(sessionId)}/messages${path}`
  }

  function resumeUrlOf(run: Run): string | undefined {
    return run.serverMessageId
      ? apiUrl(run.sessionId, `/${encodeURIComponent(run.serverMessageId)}/stream`)
      : undefined
  }

  /** Opens a stream for `run` (a POST of its prompt, or a resume GET) and reads it to the end. */
  async function start(run: Run, mode: 'send' | 'resume'): Promise<ChatMessage> {
    const generation = ++run.generation
    run.stopped = false
    const opts = options()
    const open = opts.openStream ?? openEventStream
    const common: OpenEventStreamOptions = {
      headers: { Accept: 'text/event-stream', ...opts.headers },
      resumeUrl: () => resumeUrlOf(run),
      endOn: ['done', 'error'],
    }
    if (opts.token !== undefined) common.token = opts.token
    if (opts.transport) common.transport = opts.transport
    if (opts.retry) common.retry = opts.retry
    if (opts.stallTimeoutMs !== undefined) common.stallTimeoutMs = opts.stallTimeoutMs
    const openFor = (how: 'send' | 'resume', resumeUrl: string | undefined): EventStream =>
      how === 'resume' && resumeUrl
        ? open(resumeUrl, { ...common, method: 'GET', lastEventId: run.lastEventId })
        : open(apiUrl(run.sessionId), {
            ...common,
            method: 'POST',
            headers: { ...common.headers, 'Content-Type': 'application/json' },
            body: JSON.stringify({ content: run.prompt }),
          })
    const resumeUrl = resumeUrlOf(run)
    let stream: EventStream
    try {
      stream = openFor(mode, resumeUrl)
    } catch (error) {
      finish(run, { kind: 'error', error: toErrorInfo(error) })
      await book.settled()
      return latest(run)
    }
    run.stream = stream
    setStreaming(run.messageId, stream)
    const current = () => run.generation === generation && !run.stopped
    const outcome = await consumeChatStream(
      stream,
      {
        isCurrent: current,
        onStart: (id) => {
          run.serverMessageId = id
        },
        onDelta: (delta) => {
          book.append(run.sessionId, run.messageId, delta)
        },
        onEventId: (id) => {
          run.lastEventId = id
        },
      },
      mode === 'resume' ? run.lastEventId : undefined,
    )
    if (run.generation !== generation) return latest(run)
    run.stream = undefined
    setStreaming(run.messageId, undefined)
    stream.close()
    if (!run.stopped) finish(run, outcome)
    await book.settled()
    return latest(run)
  }

  function finish(run: Run, outcome: ChatStreamOutcome): void {
    if (outcome.kind === 'done') {
      book.change(run.sessionId, run.messageId, { status: 'done', error: null })
    } else {
      const error: StreamErrorInfo = outcome.kind === 'error' ? outcome.error : answerEndedEarly()
      book.change(run.sessionId, run.messageId, { status: 'error', error })
    }
  }

  function latest(run: Run): ChatMessage {
    const message = book.message(run.sessionId, run.messageId) ?? run.detached
    if (!message) throw new Error(`Message "${run.messageId}" was removed while it streamed.`)
    return message
  }

  function stopRun(run: Run): void {
    if (!run.stream) return
    run.stopped = true
    run.generation++
    run.stream.close()
    run.stream = undefined
    setStreaming(run.messageId, undefined)
    book.change(run.sessionId, run.messageId, { status: 'stopped' })
  }

  function lastAssistant(sessionId: string): ChatMessage | undefined {
    return book.list(sessionId).findLast((m) => m.role === 'assistant')
  }

  function runOf(sessionId: string, messageId?: string): Run {
    const id = messageId ?? lastAssistant(sessionId)?.id
    const run = id === undefined ? undefined : runs.get(id)
    if (!run || run.sessionId !== sessionId) {
      throw new Error(`No answer ${messageId ? `"${messageId}" ` : ''}was streamed in session "${sessionId}".`)
    }
    return run
  }

  function addAnswer(sessionId: string, prompt: string, question?: ChatMessage): Run {
    const message: ChatMessage = { id: newId('message'), role: 'assistant', content: '', status: 'pending', createdAt: now() }
    if (question) book.push(sessionId, question, message)
    else book.push(sessionId, message)
    const run: Run = { sessionId, messageId: message.id, prompt, lastEventId: '', stopped: false, generation: 0 }
    runs.set(message.id, run)
    return run
  }

  /**
   * Adds the user's message and a pending answer, then streams the answer into it.
   * Resolves with the answer's final snapshot (done, stopped or error); never rejects for stream errors.
   */
  async function sendMessage(sessionId: string, content: string): Promise<ChatMessage> {
    const user: ChatMessage = { id: newId('message'), role: 'user', content, status: 'done', createdAt: now() }
    const session = book.sessions.value.find((s) => s.id === sessionId)
    if (session?.title === DEFAULT_TITLE && !book.list(sessionId).some((m) => m.role === 'user')) {
      book.setTitle(sessionId, content.length > 60 ? `${content.slice(0, 59)}…` : content)
    }
    return start(addAnswer(sessionId, content, user), 'send')
  }

  /** Stops the streaming answer (the last one by default). Its text so far is kept; status 'stopped'. */
  function stop(sessionId: string, messageId?: string): void {
    if (messageId) {
      const run = runs.get(messageId)
      if (run) stopRun(run)
    } else {
      for (const run of runs.values()) if (run.sessionId === sessionId) stopRun(run)
    }
    book.flush()
  }

  /** Continues a dropped answer with `Last-Event-ID`: the same message, no text twice. */
  async function resume(sessionId: string, messageId?: string): Promise<ChatMessage> {
    const run = runOf(sessionId, messageId)
    if (!run.serverMessageId) {
      throw new Error('This answer cannot be resumed: the server never sent its message id. Use retry() to ask again.')
    }
    stopRun(run)
    book.change(sessionId, run.messageId, { status: 'streaming', error: null })
    return start(run, 'resume')
  }

  /** After an error or a stop: resumes when the server's message id is known, else sends the question again. */
  async function retry(sessionId: string, messageId?: string): Promise<ChatMessage> {
    const run = runOf(sessionId, messageId)
    if (run.serverMessageId) return resume(sessionId, run.messageId)
    stopRun(run)
    run.lastEventId = ''
    book.change(sessionId, run.messageId, { status: 'pending', error: null, reset: true })
    return start(run, 'send')
  }

  /** A new answer to the last question: later messages are removed, the question is sent again. */
  async function regenerate(sessionId: string): Promise<ChatMessage> {
    const messages = book.list(sessionId)
    const lastUser = messages.findLastIndex((m) => m.role === 'user')
    const question = messages[lastUser]
    if (!question) throw new Error(`Session "${sessionId}" has no question to answer again.`)
    detach(messages.slice(lastUser + 1).flatMap((m) => runs.get(m.id) ?? []))
    book.truncate(sessionId, lastUser + 1)
    return start(addAnswer(sessionId, question.content), 'send')
  }

  /** Publish pending changes now instead of at the next frame (tests, before unmount). */
  function flush(): void {
    book.flush()
  }

  return {
    sessions: book.sessions,
    configure,
    createSession,
    removeSession,
    getMessages,
    updateMessageContent,
    sendMessage,
    stop,
    retry,
    regenerate,
    resume,
    activeStream,
    flush,
  }
})

export type SessionsStore = ReturnType<typeof useSessionsStore>
