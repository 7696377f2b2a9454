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
  /** The stream's `redact`: the server's own error text never carries a token the stream sent. */
  redact?<T>(value: T): T
}

export type AnswerOutcome =
  | { kind: 'done'; finishReason?: string }
  /** The stream ended without `done` or `error` (or the reader stopped listening). */
  | { kind: 'ended' }
  | { kind: 'error'; error: StreamErrorInfo }

/**
 * Reads the chat protocol from `stream` until the answer is done, failed, or the stream ends. Never throws. Each
 * event comes once: the stream client skips replayed events (numeric ids only go forward, across resumes too, as
 * a resume starts from the last event ID), so the reader keeps no ids of its own.
 */
export async function readAnswer(stream: AnswerStream, handlers: AnswerHandlers): Promise<AnswerOutcome> {
  try {
    for await (const message of stream) {
      if (!handlers.isCurrent()) return { kind: 'ended' }
      if (message.event === 'delta') {
        const delta = readField(message.data, 'delta')
        if (typeof delta === 'string' && delta.length > 0) handlers.delta(delta)
      } else if (message.event === 'start') {
        const id = readField(message.data, 'messageId')
        if (typeof id === 'string' || typeof id === 'number') handlers.start(String(id))
      } else if (message.event === 'done') {
        const reason = readField(message.data, 'finishReason')
        return typeof reason === 'string' ? { kind: 'done', finishReason: reason } : { kind: 'done' }
      } else if (message.event === 'error') {
        const error = serverReportedError(readField(message.data, 'message'), message.data)
        return { kind: 'error', error: handlers.redact ? handlers.redact(error) : error }
      }
    }
    return { kind: 'ended' }
  } catch (error) {
    return { kind: 'error', error: toErrorInfo(error) }
  }
}

function readField(data: string, field: string): unknown {
  try {
    const parsed: unknown = JSON.parse(data)
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[field] : undefined
  } catch {
    return undefined
  }
}
