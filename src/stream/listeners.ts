// The lifecycle listeners of one stream (`subscribe`): who listens to what, and delivery that never breaks the stream.
import type { StreamLifecycleEvent, StreamLifecycleListener } from './types'

type EventType = StreamLifecycleEvent['type']

/** Listeners of one stream and the event types each asked for (`undefined`: every type). */
export class LifecycleListeners {
  private readonly listeners = new Map<StreamLifecycleListener, ReadonlySet<string> | undefined>()
  /**
   * Listeners that receive `chunk` and `message` events: only these make the hot path build lifecycle objects, so
   * the per-chunk path checks `hot > 0` before it builds anything.
   */
  hot = 0

  /** Adds `listener` (again: its types are replaced); returns the function that removes it. */
  subscribe(listener: StreamLifecycleListener, types?: readonly EventType[]): () => void {
    const wanted = types ? new Set<string>(types) : undefined
    if (this.listeners.has(listener)) this.unsubscribe(listener)
    this.listeners.set(listener, wanted)
    if (isHot(wanted)) this.hot++
    return () => this.unsubscribe(listener)
  }

  /** Events are built only while someone listens; a throwing listener never breaks the stream. */
  emit(make: () => StreamLifecycleEvent): void {
    if (this.listeners.size === 0) return
    const event = make()
    for (const [listener, types] of this.listeners) {
      if (types && !types.has(event.type)) continue
      try {
        listener(event)
      } catch (error) {
        // Report it where unhandled errors go.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  private unsubscribe(listener: StreamLifecycleListener): void {
    if (!this.listeners.has(listener)) return
    if (isHot(this.listeners.get(listener))) this.hot--
    this.listeners.delete(listener)
  }
}

function isHot(types: ReadonlySet<string> | undefined): boolean {
  return !types || types.has('chunk') || types.has('message')
}
