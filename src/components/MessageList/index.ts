export { default as MessageList } from './MessageList.vue'
export { injectMessageListContext, provideMessageListContext } from './MessageList.vue'
export type {
  MessageListContext,
  MessageListEmits,
  MessageListProps,
  MessageListVirtualization,
} from './MessageList.vue'
export { messageListLocales } from './locales'
export type { MessageListLocale, MessageListStrings } from './locales'
