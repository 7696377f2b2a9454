// MessageList's contract: its props, events, slots and exposed members (the JSDoc here is what the generated
// Storybook docs show) and what it provides to the rows it renders.
import type { ComputedRef, Ref } from 'vue'
import type { StickReleaseReason } from '../../composables/useStickToBottom'
import type { ChatMessage } from '../../types'
import type { MessageCopyPayload } from '../MessageItem'
import type { MessageListStrings } from './locales'

/**
 * What the list does with its rows right now (shown as `data-virtualization`, emitted, exposed):
 * - `off`: every message is rendered (`virtualize: 'never'`, or `'auto'` below the threshold)
 * - `on`: history is virtualized, nothing streams
 * - `outside`: history is virtualized; the streaming message renders below the virtual window
 * - `paused`: a message streams and `streamingStrategy: 'pause'` rendered everything (the seed's behaviour)
 */
export type MessageListVirtualization = 'off' | 'on' | 'outside' | 'paused'

export interface MessageListProps {
  /** Immutable message snapshots, oldest first. A changed message must be a new object. */
  messages: readonly ChatMessage[]
  /**
   * Virtualize the history: `'auto'` switches on above `virtualizeThreshold` messages.
   * @default 'auto'
   */
  virtualize?: 'auto' | 'always' | 'never'
  /**
   * Message count above which `virtualize: 'auto'` virtualizes.
   * @default 200
   */
  virtualizeThreshold?: number
  /**
   * Where the streaming (last, pending/streaming) message goes when the history is virtualized:
   * `'outside'` renders it below the virtual window, measured by the browser like any element;
   * `'pause'` stops virtualizing while it streams (renders every message).
   * @default 'outside'
   */
  streamingStrategy?: 'outside' | 'pause'
  /**
   * Height guess, in px, for a virtualized message that has not been measured yet.
   * @default 120
   */
  estimatedMessageHeight?: number
  /**
   * Called when the reader reaches the top; prepend the older messages to `messages` before it resolves.
   * The `load-older` event fires either way.
   * @default undefined
   */
  loadOlder?: () => Promise<unknown> | unknown
  /**
   * Whether there is anything older to load.
   * @default true
   */
  hasOlder?: boolean
  /**
   * Distance from the top, in px, at which older messages are requested.
   * @default 160
   */
  loadOlderThreshold?: number
  /**
   * Distance from the bottom, in px, that re-locks follow mode when the reader scrolls back down.
   * @default 48
   */
  stickThreshold?: number
  /**
   * The language of this list and every message in it, over the configured one (`<ChatConfigProvider>` or
   * `createChatConfigPlugin`): `'en'`, `'de'`, or a tag with a catalogue of your own.
   * @default the configured locale (English when none is configured)
   */
  locale?: string
  /**
   * Overrides for single strings (labels and screen-reader announcements).
   * @default undefined
   */
  strings?: Partial<MessageListStrings>
}

export interface MessageListEmits {
  /** The rendering mode changed (also fired once on mount). */
  'virtualization-change': [mode: MessageListVirtualization]
  /** The reader reached the top. */
  'load-older': []
  /** `loadOlder` threw or rejected; the value is what it threw. */
  'load-older-error': [error: unknown]
  /** Follow mode was released (false) or locked again (true). */
  'stick-change': [locked: boolean]
  /** Forwarded from the built-in MessageItem: the reader copied a message or a code block. */
  copy: [payload: MessageCopyPayload]
  /** Forwarded from the built-in MessageItem: retry a failed or stopped message. */
  retry: [messageId: string]
  /** Forwarded from the built-in MessageItem: stop the streaming message. */
  stop: [messageId: string]
}

export interface MessageListSlots {
  /** Renders one message (replaces MessageItem). */
  default?: (props: {
    /** The message snapshot. */
    message: ChatMessage
    /** Its index in `messages`. */
    index: number
    /** True for the streaming message while it streams. */
    live: boolean
  }) => unknown
  /** Shown when `messages` is empty. */
  empty?: () => unknown
  /** Above the scrolling area (does not scroll). */
  header?: () => unknown
  /** Below the scrolling area (does not scroll), e.g. a composer. */
  footer?: () => unknown
}

/** What a template ref to MessageList exposes. */
export interface MessageListExposed {
  /** The current rendering mode. */
  virtualization: ComputedRef<MessageListVirtualization>
  /** True while the view follows new content. */
  isLocked: Readonly<Ref<boolean>>
  /** Scroll to the newest message and follow again. */
  scrollToBottom: () => void
  /** Why following stopped last (null while following). */
  releaseReason: Readonly<Ref<StickReleaseReason | null>>
  /** Stop following. */
  release: (reason?: StickReleaseReason) => void
}

/** What MessageList shares with the items it renders (inject with `injectMessageListContext`). */
export interface MessageListContext {
  virtualization: Readonly<Ref<MessageListVirtualization>>
  isStreaming: Readonly<Ref<boolean>>
  isLocked: Readonly<Ref<boolean>>
  scrollToBottom: () => void
}
