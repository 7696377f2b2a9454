// The words people read: catalogues per language and the user-facing error sentences. Plain data and functions;
// the Vue side (provider, plugin, useChatConfig) is in components/ChatConfig.
export { de } from './de'
export { en } from './en'
export { catalogueFor, chatLocales } from './locales'
export type { ChatLocale } from './locales'
export { mergeStrings } from './strings'
export type {
  ChatErrorKey,
  ChatStrings,
  ChatStringsOverride,
  CodeBlockStrings,
  ConnectionStrings,
  ErrorStrings,
  MessageListStrings,
  MessageStrings,
  NoticeMessages,
  NoticeStrings,
} from './strings'
export { userErrorKey } from './user-errors'
export type { UserErrorContext } from './user-errors'
