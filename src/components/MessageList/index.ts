export { default as MessageList } from './MessageList.vue'
export { injectMessageListContext, provideMessageListContext } from './context'
export type {
  MessageListContext,
  MessageListEmits,
  MessageListProps,
  MessageListVirtualization,
} from './types'
export { messageListLocales } from './locales'
export type { MessageListLocale, MessageListStrings } from './locales'
