// The connection state of an answer (`ChatMessage.connection`): the stream client's reconnect lifecycle as the
// message shows it. The engine publishes what these return, through the same frame batch as the text.
import type { StreamLifecycleEvent } from '../stream/types'
import type { MessageConnection } from '../types'

const CONNECTED: MessageConnection = Object.freeze({ state: 'connected' })
const OFFLINE: MessageConnection = Object.freeze({ state: 'offline' })

/** The lifecycle events the engine follows: none of the per-chunk ones, so following costs the hot path nothing. */
export const CONNECTION_EVENTS: readonly StreamLifecycleEvent['type'][] = ['open', 'retry', 'offline']

/** The state a lifecycle event leads to; undefined when it changes nothing (a recycle, attempt 0, is no trouble). */
export function connectionAfter(event: StreamLifecycleEvent): MessageConnection | undefined {
  if (event.type === 'open') return CONNECTED
  if (event.type === 'offline') return OFFLINE
  if (event.type === 'retry' && event.attempt > 0) {
    return {
      state: 'reconnecting',
      attempt: event.attempt,
      // Wall-clock time (not `config.now`, the clock of `createdAt`): what a countdown in the page compares with.
      retryAt: Date.now() + event.delayMs,
      delayMs: event.delayMs,
      reason: event.error?.kind ?? 'network',
      ...(event.error?.status !== undefined ? { status: event.error.status } : {}),
    }
  }
  return undefined
}

/** The answer failed: no state, or — failing while it reconnected or waited offline — that the client gave up. */
export function connectionAfterFailure(current: MessageConnection | undefined): MessageConnection | undefined {
  // The first connection and every reconnect counted: what the client's "gave up after N attempts" says.
  if (current?.state === 'reconnecting') return { state: 'gave-up', attempts: current.attempt + 1 }
  if (current?.state === 'offline') return { state: 'gave-up', attempts: 0 }
  return undefined
}

/** Publishing `next` over `current` would show nothing new (one `connected` is as good as another). */
export function sameConnection(current: MessageConnection | undefined, next: MessageConnection | undefined): boolean {
  return current === next || (current?.state === 'connected' && next?.state === 'connected')
}
