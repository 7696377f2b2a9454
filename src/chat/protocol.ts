// The chat protocol on top of server-sent events: `start {messageId}`, `delta {delta}`, `done {finishReason}`,
// `error {message}` (docs/streaming.md). Reads one stream of one answer; knows nothing of sessions or Vue.
import { serverReportedError, toErrorInfo } from '../errors'
import type { EventStream } from '../stream/types'
import type { StreamErrorInfo } from '../types'

/** The part of the stream client's `EventStream` the reader needs. */
export type AnswerStream = Pick<EventStream, typeof Symbol.asyncIterator | 'close'>

export interface AnswerHandlers {
  /** `event: start`: the server's id for the answer (what a resume asks for). */
  start(serverMessageId: string): void
  /** Text to append, in order, each piece once. */
  delta(text: string): void
  /** False once the reader should stop listening (the answer was stopped, retried or removed). */
  isCurrent(): boolean
}

/**
 * The highest numeric event id applied to one answer, kept across its resumes: a delta whose id is not above it
 * is a replay (a server that repeats the event named in `Last-Event-ID`) and is skipped, so no text is appended
 * twice. Not the `Last-Event-ID` itself — the stream client owns that (`stream.metrics().lastEventId`).
 */
export interface ReplayGuard {
  highest?: number
}

export type AnswerOutcome =
  | { kind: 'done'; finishReason?: string }
  /** The stream ended without `done` or `error` (or the reader stopped listening). */
  | { kind: 'ended' }
  | { kind: 'error'; error: StreamErrorInfo }

/** Reads the chat protocol from `stream` until the answer is done, failed, or the stream ends. Never throws. */
export async function readAnswer(stream: AnswerStream, handlers: AnswerHandlers, guard: ReplayGuard): Promise<AnswerOutcome> {
  try {
    for await (const message of stream) {
      if (!handlers.isCurrent()) return { kind: 'ended' }
      const seq = toSeq(message.id)
      if (message.event === 'delta') {
        if (seq !== undefined && guard.highest !== undefined && seq <= guard.highest) continue
        const delta = readField(message.data, 'delta')
        if (typeof delta === 'string' && delta.length > 0) handlers.delta(delta)
      } else if (message.event === 'start') {
        const id = readField(message.data, 'messageId')
        if (typeof id === 'string' || typeof id === 'number') handlers.start(String(id))
      } else if (message.event === 'done') {
        const reason = readField(message.data, 'finishReason')
        return typeof reason === 'string' ? { kind: 'done', finishReason: reason } : { kind: 'done' }
      } else if (message.event === 'error') {
        return { kind: 'error', error: serverReportedError(readField(message.data, 'message'), message.data) }
      }
      if (seq !== undefined) guard.highest = seq
    }
    return { kind: 'ended' }
  } catch (error) {
    return { kind: 'error', error: toErrorInfo(error) }
  }
}

function toSeq(id: string | undefined): number | undefined {
  if (!id || !/^\d+$/.test(id)) return undefined
  return Number(id)
}

function readField(data: string, field: string): unknown {
  try {
    const parsed: unknown = JSON.parse(data)
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[field] : undefined
  } catch {
    return undefined
  }
}
