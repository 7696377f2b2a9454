/**
 * The hooks the reactivity monitor listens on. With no listener every call is one size check, so the hot
 * path pays nothing measurable when the debug side is not loaded.
 */

/** What one publish changed. */
export interface PublishRecord {
  /** `performance.now()` when the new snapshots were assigned. */
  readonly at: number
  /** Time spent building and assigning the snapshots, in ms. */
  readonly durationMs: number
  /** Messages that got a new identity in this publish. */
  readonly messageIds: readonly string[]
  /** Deltas folded into this publish. */
  readonly deltas: number
  /** True when the publish ran inside an animation frame callback (its paint follows in the same frame). */
  readonly inFrame: boolean
  /** Who published: 'store' or 'chat-stream' (useChatStream). */
  readonly source: 'store' | 'chat-stream'
}

export type PublishListener = (record: PublishRecord) => void
export type RenderListener = (messageId: string, at: number) => void

const publishListeners = new Set<PublishListener>()
const renderListeners = new Set<RenderListener>()

/** Listen to every publish of the store and of `useChatStream`. Returns the unsubscribe function. */
export function onPublish(listener: PublishListener): () => void {
  publishListeners.add(listener)
  return () => publishListeners.delete(listener)
}

/** Listen to `reportRender` calls. Returns the unsubscribe function. */
export function onRender(listener: RenderListener): () => void {
  renderListeners.add(listener)
  return () => renderListeners.delete(listener)
}

/** True when somebody listens to publishes: publishers skip all measuring otherwise. */
export function isPublishObserved(): boolean {
  return publishListeners.size > 0
}

/** @internal Called by the publishers. */
export function emitPublish(record: PublishRecord): void {
  for (const listener of publishListeners) listener(record)
}

/**
 * Call from a message component's render (or `onBeforeUpdate`/`onMounted`) to let the reactivity monitor count
 * renders per message. A no-op when no monitor listens.
 */
export function reportRender(messageId: string): void {
  if (renderListeners.size === 0) return
  const at = performance.now()
  for (const listener of renderListeners) listener(messageId, at)
}
