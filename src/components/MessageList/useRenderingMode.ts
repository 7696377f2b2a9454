import { computed } from 'vue'
import type { ComputedRef } from 'vue'
import type { ChatMessage } from '../../types'
import type { MessageListVirtualization } from './types'
import { isLiveStatus } from './useAnswerAnnouncer'

export interface RenderingModeOptions {
  messages: () => readonly ChatMessage[]
  virtualize: () => 'auto' | 'always' | 'never'
  virtualizeThreshold: () => number
  streamingStrategy: () => 'outside' | 'pause'
}

export interface RenderingMode {
  /** The last message while it is pending or streaming. */
  live: ComputedRef<ChatMessage | undefined>
  isStreaming: ComputedRef<boolean>
  /** What the list does with its rows (see `MessageListVirtualization`). */
  virtualization: ComputedRef<MessageListVirtualization>
  /** The virtualizer lays out the history (`on` or `outside`). */
  virtualActive: ComputedRef<boolean>
  /** How many messages the virtualizer lays out: all but an `outside` streaming message; 0 when it is off. */
  historyCount: ComputedRef<number>
}

/** Which rendering mode the list is in, from the props and whether the last message streams. */
export function useRenderingMode(options: RenderingModeOptions): RenderingMode {
  const live = computed(() => {
    const last = options.messages().at(-1)
    return last && isLiveStatus(last.status) ? last : undefined
  })
  const isStreaming = computed(() => live.value !== undefined)
  const wantsVirtual = computed(() => {
    const virtualize = options.virtualize()
    return virtualize === 'always' || (virtualize === 'auto' && options.messages().length > options.virtualizeThreshold())
  })
  const virtualization = computed<MessageListVirtualization>(() => {
    if (!wantsVirtual.value) return 'off'
    if (!isStreaming.value) return 'on'
    return options.streamingStrategy() === 'pause' ? 'paused' : 'outside'
  })
  const virtualActive = computed(() => virtualization.value === 'on' || virtualization.value === 'outside')
  const historyCount = computed(() =>
    virtualActive.value ? options.messages().length - (virtualization.value === 'outside' ? 1 : 0) : 0,
  )
  return { live, isStreaming, virtualization, virtualActive, historyCount }
}
