// The Pinia adapter over the chat engine (src/chat/): sessions, their messages and the streaming actions as a
// setup store. Everything that streams, patches and publishes lives in the engine.
import { defineStore } from 'pinia'
import { hasInjectionContext, inject, type InjectionKey, type Plugin, type ShallowRef } from 'vue'
import { createChatEngine, resumeRoute, type ConnectionOptions } from '../chat/engine'
import { createFrameScheduler, type FrameScheduler } from '../chat/frames'
import { createIdGenerator } from '../chat/ids'
import type { ChatMessage, ChatSession } from '../types'

export type { OpenStream } from '../chat/engine'

export interface SessionsOptions extends ConnectionOptions {
  /** Prefix of the API paths (`${baseUrl}/api/sessions/...`). @default '' (same origin) */
  baseUrl?: string
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
const SESSIONS_OPTIONS: InjectionKey<SessionsOptions> = Symbol('vue-chat-stream sessions options')

/**
 * The sessions store's defaults for one app — base URL, token, transport, retry —
 * `app.use(createPinia()).use(createSessionsPlugin({ baseUrl, token }))`. Held by the app, not by the module, so
 * apps rendered side by side (SSR requests) never share them. `store.configure()` overrides them per store.
 */
export function createSessionsPlugin(options: SessionsOptions): Plugin {
  return {
    install(app) {
      app.provide(SESSIONS_OPTIONS, options)
    },
  }
}

export const useSessionsStore = defineStore('vcs-sessions', () => {
  // Pinia runs a setup store inside its app's context, so the app's defaults can be injected here.
  const appOptions = hasInjectionContext() ? inject(SESSIONS_OPTIONS, undefined) : undefined
  const localOptions: SessionsOptions = {}
  const options = (): SessionsOptions => ({ ...appOptions, ...localOptions })
  const ids = createIdGenerator()
  const newId = (kind: 'session' | 'message') => (options().generateId ?? ids)(kind)
  const now = () => (options().now ?? Date.now)()
  let frames: FrameScheduler | undefined
  const engine = createChatEngine({
    connection: options,
    routes(sessionId) {
      const send = `${options().baseUrl ?? ''}/api/sessions/${encodeURIComponent(sessionId)}/messages`
      return { send, resume: (serverMessageId) => resumeRoute(send, serverMessageId) }
    },
    scheduler: () => options().scheduler ?? (frames ??= createFrameScheduler()),
    source: 'store',
    now,
    newId,
  })
  const { book } = engine

  /** Overrides the app's defaults for this store; applies from the next connection. */
  function configure(next: SessionsOptions): void {
    Object.assign(localOptions, next)
  }

  function createSession(init: CreateSessionOptions = {}): ChatSession {
    return book.addSession(init.id ?? newId('session'), init.title ?? DEFAULT_TITLE, init.messages ?? [])
  }

  /** Removes a session; its streaming answers stop (pending promises resolve with their last snapshot). */
  function removeSession(sessionId: string): void {
    engine.removeSession(sessionId)
  }

  /** The published messages of a session: a new array per publish, unchanged messages keep their identity. */
  function getMessages(sessionId: string): Readonly<ShallowRef<readonly ChatMessage[]>> {
    return book.messagesRef(sessionId)
  }

  /**
   * Append streamed text: the engine's one append path, the same one `sendMessage`'s stream reader takes.
   * O(1) whatever the history length; the UI sees it at the next frame.
   */
  function updateMessageContent(sessionId: string, messageId: string, delta: string): boolean {
    return engine.append(sessionId, messageId, delta)
  }

  /**
   * Adds the user's message and a pending answer, then streams the answer into it.
   * Resolves with the answer's final snapshot (done, stopped or error); never rejects for stream errors.
   */
  async function sendMessage(sessionId: string, content: string): Promise<ChatMessage> {
    const question: ChatMessage = { id: newId('message'), role: 'user', content, status: 'done', createdAt: now() }
    const session = book.sessions.value.find((s) => s.id === sessionId)
    if (session?.title === DEFAULT_TITLE && !book.list(sessionId).some((m) => m.role === 'user')) {
      book.setTitle(sessionId, content.length > 60 ? `${content.slice(0, 59)}…` : content)
    }
    return engine.ask(sessionId, content, { question })
  }

  /** Stops the streaming answer (every answer of the session by default). Its text so far is kept; status 'stopped'. */
  function stop(sessionId: string, messageId?: string): void {
    engine.stop(sessionId, messageId)
  }

  /** Continues a dropped answer (the last one by default) with `Last-Event-ID`: the same message, no text twice. */
  function resume(sessionId: string, messageId?: string): Promise<ChatMessage> {
    return engine.resume(sessionId, messageId)
  }

  /** After an error or a stop: resumes when the server's message id is known, else sends the question again. */
  function retry(sessionId: string, messageId?: string): Promise<ChatMessage> {
    return engine.retry(sessionId, messageId)
  }

  /** A new answer to the last question: later messages are removed, the question is sent again. */
  function regenerate(sessionId: string): Promise<ChatMessage> {
    return engine.regenerate(sessionId)
  }

  /** The stream being read for an answer, for the debug panel. */
  function activeStream(messageId: string) {
    return engine.activeStream(messageId)
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
