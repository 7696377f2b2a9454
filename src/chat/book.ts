import { shallowRef, type ShallowRef } from 'vue'
import { patchFailed } from '../errors'
import type { ChatMessage, ChatSession, MessageConnection, MessageStatus, StreamErrorInfo } from '../types'
import { emitPublish, isPublishObserved, type PublishRecord } from '../instrumentation/hooks'
import { devWarn } from './dev'
import { createFrameBatcher, type FrameInfo, type FrameScheduler } from './frames'

/** A change waiting for the next publish. Deltas are only pushed: O(1) per append. */
interface Patch {
  parts: string[]
  reset: boolean
  status?: MessageStatus
  /** `null` removes the error. */
  error?: StreamErrorInfo | null
  /** `null` removes the connection state. */
  connection?: MessageConnection | null
}

interface SessionState {
  id: string
  title: string
  /** Latest snapshots, internal. Slots are replaced, never the objects inside mutated. */
  messages: ChatMessage[]
  positions: Map<string, number>
  published: ShallowRef<readonly ChatMessage[]>
  index: number
}

export interface MessageStatusChange {
  status?: MessageStatus
  error?: StreamErrorInfo | null
  /** The answer's connection state; `null` removes it. */
  connection?: MessageConnection | null
  /** Clear the content first (a re-send starts from nothing). */
  reset?: boolean
}

const EMPTY: readonly ChatMessage[] = Object.freeze([])

export interface SnapshotBookOptions {
  /** When publishes run; asked at each scheduling, so a configured scheduler applies from the next frame. */
  scheduler: () => FrameScheduler
  /** Who publishes, as the reactivity monitor reports it. */
  source: PublishRecord['source']
}

/**
 * The data plane of the chat engine: immutable message snapshots published through `shallowRef`s, at most once
 * per frame. Only changed messages get a new object; each publish gives the touched session a new array and the
 * session list a new array (O(messages) per frame, never per delta).
 */
export function createSnapshotBook({ scheduler, source }: SnapshotBookOptions) {
  const sessions = shallowRef<readonly ChatSession[]>(Object.freeze([]))
  const emptyRef = shallowRef(EMPTY)
  const states = new Map<string, SessionState>()
  const order: ChatSession[] = []
  const dirty = new Map<SessionState, Map<string, Patch>>()
  const structural = new Set<SessionState>()
  /** Messages added since the last publish (reported to the monitor as changed). */
  const added: string[] = []
  let deltas = 0
  let waiters: (() => void)[] = []

  const batcher = createFrameBatcher(publish, scheduler)

  function patchFor(state: SessionState, messageId: string): Patch {
    let patches = dirty.get(state)
    if (!patches) dirty.set(state, (patches = new Map()))
    let patch = patches.get(messageId)
    if (!patch) patches.set(messageId, (patch = { parts: [], reset: false }))
    return patch
  }

  function publish(info: FrameInfo): void {
    const observed = isPublishObserved()
    const started = observed ? performance.now() : 0
    const changedIds: string[] | undefined = observed ? added.slice() : undefined
    added.length = 0
    const touched = new Set<SessionState>(structural)
    for (const [state, patches] of dirty) {
      touched.add(state)
      for (const [messageId, patch] of patches) {
        const position = state.positions.get(messageId)
        const old = position === undefined ? undefined : state.messages[position]
        if (position === undefined || !old) continue
        state.messages[position] = applyPatch(old, patch)
        changedIds?.push(messageId)
      }
    }
    const folded = deltas
    dirty.clear()
    structural.clear()
    deltas = 0
    if (touched.size > 0) {
      for (const state of touched) {
        const messages = Object.freeze(state.messages.slice())
        state.published.value = messages
        order[state.index] = Object.freeze({ id: state.id, title: state.title, messages })
      }
      sessions.value = Object.freeze(order.slice())
    }
    if (observed) {
      const at = performance.now()
      emitPublish({
        at,
        durationMs: at - started,
        messageIds: changedIds ?? [],
        deltas: folded,
        inFrame: info.inFrame,
        source,
      })
    }
    const settled = waiters
    waiters = []
    for (const resolve of settled) resolve()
  }

  function requireState(sessionId: string): SessionState {
    const state = states.get(sessionId)
    if (!state) throw new Error(`Unknown chat session "${sessionId}": create it with createSession() first.`)
    return state
  }

  function publishNow(state: SessionState): void {
    structural.add(state)
    batcher.cancel()
    publish({ inFrame: false })
  }

  return {
    sessions,
    batcher,
    has: (sessionId: string) => states.has(sessionId),
    /** The published messages of a session (reading it tracks the session list, so it works before creation). */
    messagesRef(sessionId: string): Readonly<ShallowRef<readonly ChatMessage[]>> {
      void sessions.value
      return states.get(sessionId)?.published ?? emptyRef
    },
    /** The newest snapshot of a message as published (pending deltas not included). */
    message(sessionId: string, messageId: string): ChatMessage | undefined {
      const state = states.get(sessionId)
      const position = state?.positions.get(messageId)
      return position === undefined ? undefined : state?.messages[position]
    },
    /** Messages of a session, internal view (no copy). */
    list(sessionId: string): readonly ChatMessage[] {
      return requireState(sessionId).messages
    },
    addSession(id: string, title: string, messages: readonly ChatMessage[]): ChatSession {
      if (states.has(id)) throw new Error(`A chat session with id "${id}" already exists.`)
      const frozen = messages.map((m) => Object.freeze({ ...m }))
      const state: SessionState = {
        id,
        title,
        messages: frozen,
        positions: new Map(frozen.map((m, i) => [m.id, i])),
        published: shallowRef(EMPTY),
        index: order.length,
      }
      states.set(id, state)
      if (isPublishObserved()) for (const message of frozen) added.push(message.id)
      order.push(undefined as unknown as ChatSession)
      publishNow(state)
      return order[state.index] as ChatSession
    },
    removeSession(id: string): void {
      const state = states.get(id)
      if (!state) return
      states.delete(id)
      dirty.delete(state)
      structural.delete(state)
      order.splice(state.index, 1)
      for (const other of states.values()) if (other.index > state.index) other.index--
      sessions.value = Object.freeze(order.slice())
    },
    setTitle(sessionId: string, title: string): void {
      const state = requireState(sessionId)
      state.title = title
      structural.add(state)
      batcher.schedule()
    },
    /** Adds messages at the end and publishes now (a user action, not the hot path). */
    push(sessionId: string, ...messages: ChatMessage[]): void {
      const state = requireState(sessionId)
      for (const message of messages) {
        state.positions.set(message.id, state.messages.length)
        state.messages.push(Object.freeze({ ...message }))
        if (isPublishObserved()) added.push(message.id)
      }
      publishNow(state)
    },
    /** Replaces every message of a session and publishes now (useChatStream's one answer). */
    replaceAll(sessionId: string, messages: readonly ChatMessage[]): void {
      const state = requireState(sessionId)
      dirty.delete(state)
      state.messages = messages.map((m) => Object.freeze({ ...m }))
      state.positions = new Map(state.messages.map((m, i) => [m.id, i]))
      if (isPublishObserved()) for (const message of state.messages) added.push(message.id)
      publishNow(state)
    },
    /** Removes every message from `position` on and publishes now. */
    truncate(sessionId: string, position: number): void {
      const state = requireState(sessionId)
      const removed = state.messages.splice(position)
      for (const message of removed) {
        state.positions.delete(message.id)
        dirty.get(state)?.delete(message.id)
      }
      publishNow(state)
    },
    /**
     * O(1): two map lookups and an array push. Refused for an unknown session or message, and for a message that
     * is finished (`done`, `stopped`, `error`, counting a status change not yet published).
     */
    append(sessionId: string, messageId: string, delta: string): AppendResult {
      const state = states.get(sessionId)
      if (!state) return 'unknown-session'
      const position = state.positions.get(messageId)
      if (position === undefined) return 'unknown-message'
      const pending = dirty.get(state)?.get(messageId)
      const status = pending?.status ?? state.messages[position]!.status
      if (status === 'done' || status === 'stopped' || status === 'error') return status
      ;(pending ?? patchFor(state, messageId)).parts.push(delta)
      deltas++
      batcher.schedule()
      return 'appended'
    },
    /** Status/error change, published with any pending text in the same snapshot at the next frame. */
    change(sessionId: string, messageId: string, change: MessageStatusChange): boolean {
      const state = states.get(sessionId)
      if (!state || !state.positions.has(messageId)) return false
      const patch = patchFor(state, messageId)
      if (change.reset) {
        patch.parts.length = 0
        patch.reset = true
      }
      if (change.status) patch.status = change.status
      if (change.error !== undefined) patch.error = change.error
      if (change.connection !== undefined) patch.connection = change.connection
      batcher.schedule()
      return true
    },
    /** Publish pending changes now instead of at the next frame. */
    flush(): void {
      batcher.flush()
    },
    /** Drop the scheduled publish (the owner is going away). */
    cancel(): void {
      batcher.cancel()
      const settled = waiters
      waiters = []
      for (const resolve of settled) resolve()
    },
    /** Resolves after the next publish (immediately when nothing is pending). */
    settled(): Promise<void> {
      if (!batcher.scheduled) return Promise.resolve()
      return new Promise((resolve) => waiters.push(resolve))
    },
  }
}

export type SnapshotBook = ReturnType<typeof createSnapshotBook>

/** What `append` did: appended, or why not (the message's status when it is finished). */
export type AppendResult = 'appended' | 'unknown-session' | 'unknown-message' | 'done' | 'stopped' | 'error'

/**
 * The next snapshot of `old`. A patch that cannot be applied (a value no validation foresaw) must not stop the
 * publish of every other message and session: that message keeps its text, takes status `error` saying so, and
 * the rest publishes as usual.
 */
function applyPatch(old: ChatMessage, patch: Patch): ChatMessage {
  try {
    return nextSnapshot(old, patch)
  } catch (failure) {
    const why = failure instanceof Error ? `${failure.name}: ${failure.message}` : typeof failure
    devWarn(`An update to message "${old.id}" could not be applied (${why}); the other messages were published.`)
    // The text is kept: appends are validated strings, so only the status part can be what failed.
    const content = (patch.reset ? '' : old.content) + patch.parts.join('')
    return Object.freeze({ ...old, content, status: 'error', error: Object.freeze(patchFailed(why)) })
  }
}

function nextSnapshot(old: ChatMessage, patch: Patch): ChatMessage {
  const base = patch.reset ? '' : old.content
  const text = patch.parts.length === 0 ? '' : patch.parts.length === 1 ? patch.parts[0]! : patch.parts.join('')
  let status = patch.status ?? old.status
  if (!patch.status && text && status === 'pending') status = 'streaming'
  const next: { -readonly [K in keyof ChatMessage]: ChatMessage[K] } = {
    ...old,
    content: base + text,
    status,
  }
  if (patch.error === null) delete next.error
  else if (patch.error) next.error = Object.freeze({ ...patch.error })
  if (patch.connection === null) delete next.connection
  else if (patch.connection) next.connection = Object.freeze({ ...patch.connection })
  return Object.freeze(next)
}
