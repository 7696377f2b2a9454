import { serverReportedError, toErrorInfo } from '../errors'
import type { StreamErrorInfo } from '../types'

/** One dispatched server-sent event, as the stream client yields it. */
export interface ChatStreamEvent {
  event: string
  data: string
  id: string
}

/** The part of the stream client's `EventStream` the store relies on. */
export interface ChatEventSource extends AsyncIterable<ChatStreamEvent> {
  close(): void
}

export interface ChatStreamHandlers {
  /** `event: start` — the server's id for the answer (needed to resume). */
  onStart(serverMessageId: string): void
  onDelta(delta: string): void
  /** Called after every applied event with its id (the Last-Event-ID to resume from). */
  onEventId(id: string): void
  /** Lets the consumer ignore events that arrive after it stopped listening. */
  isCurrent(): boolean
}

export type ChatStreamOutcome =
  | { kind: 'done'; finishReason?: string }
  | { kind: 'ended' }
  | { kind: 'error'; error: StreamErrorInfo }

/**
 * Reads the chat protocol (start / delta / done / error) from a stream. Deltas whose numeric id is not newer
 * than `lastEventId` are skipped, so a replaying server cannot duplicate text after a resume.
 */
export async function consumeChatStream(
  stream: ChatEventSource,
  handlers: ChatStreamHandlers,
  lastEventId?: string,
): Promise<ChatStreamOutcome> {
  let lastSeq = toSeq(lastEventId)
  try {
    for await (const message of stream) {
      if (!handlers.isCurrent()) return { kind: 'ended' }
      const seq = toSeq(message.id)
      if (message.event === 'delta') {
        if (seq !== undefined && lastSeq !== undefined && seq <= lastSeq) continue
        const delta = readField(message.data, 'delta')
        if (typeof delta === 'string' && delta.length > 0) handlers.onDelta(delta)
      } else if (message.event === 'start') {
        const id = readField(message.data, 'messageId')
        if (typeof id === 'string' || typeof id === 'number') handlers.onStart(String(id))
      } else if (message.event === 'done') {
        if (message.id) handlers.onEventId(message.id)
        const reason = readField(message.data, 'finishReason')
        return typeof reason === 'string' ? { kind: 'done', finishReason: reason } : { kind: 'done' }
      } else if (message.event === 'error') {
        return { kind: 'error', error: serverReportedError(readField(message.data, 'message'), message.data) }
      }
      if (seq !== undefined) lastSeq = seq
      if (message.id) handlers.onEventId(message.id)
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
