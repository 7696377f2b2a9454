// vue-chat-stream — what an app needs for a streaming chat: the components, the sessions store, the stream client.
// Other entries: `vue-chat-stream/style.css` (import it once), `/markdown` (the streaming markdown renderer, for a
// message component of your own), `/debug` (the debug panel and the reactivity monitor), `/mocks` and
// `/mocks/node` (the mock stream server, for your tests and stories). Every export is recorded in api/*.api.md;
// a change to this surface is a reviewed diff (`npm run api:update`).

// The --vcs-* design tokens (light and dark) the components' styles read. The library build extracts every style
// into dist/style.css, so the JS entry itself stays free of CSS imports.
import './styles/tokens.css'

// Messages and errors: plain, immutable data
export type {
  ChatMessage,
  ChatSession,
  ErrorDetail,
  MessageConnection,
  MessageRole,
  MessageStatus,
  StreamErrorInfo,
  StreamErrorKind,
  ValidationIssue,
} from './types'

// Components
export { MessageList, messageListLocales } from './components/MessageList'
export type {
  MessageListEmits,
  MessageListLocale,
  MessageListProps,
  MessageListStrings,
  MessageListVirtualization,
} from './components/MessageList'
export { MessageItem } from './components/MessageItem'
export type {
  MessageCopyPayload,
  MessageItemActionsSlotProps,
  MessageItemEmits,
  MessageItemErrorSlotProps,
  MessageItemProps,
  MessageItemSlotProps,
} from './components/MessageItem'
export { ServiceNotice } from './components/ServiceNotice'
export type {
  NoticeStorage,
  ServiceNoticeConfig,
  ServiceNoticeEmits,
  ServiceNoticeProps,
  ServiceNoticeSeverity,
} from './components/ServiceNotice'

// Language and configuration: one locale for every component (English and German ship), single strings over it,
// languages of your own, the text direction and the service notices
export { ChatConfigProvider, createChatConfigPlugin, useChatConfig } from './components/ChatConfig'
export type { ChatConfig, ChatConfigOptions, ChatConfigProviderProps } from './components/ChatConfig'
export { chatLocales } from './i18n'
export type {
  ChatLocale,
  ChatStrings,
  ChatStringsOverride,
  CodeBlockStrings,
  ConnectionStrings,
  ErrorStrings,
  MessageStrings,
  NoticeMessages,
  NoticeStrings,
} from './i18n'

// The sessions store (Pinia) and its defaults for an app
export { createSessionsPlugin, useSessionsStore } from './stores/sessions'
export type { CreateSessionOptions, OpenStream, SessionsOptions, SessionsStore } from './stores/sessions'
export type { ConnectionOptions } from './chat/engine'
export type { FrameInfo, FrameScheduler } from './chat/frames'

// One answer, without the store
export { useChatStream } from './composables/useChatStream'
export type { UseChatStreamOptions, UseChatStreamReturn } from './composables/useChatStream'

// The stream client: server-sent events over fetch or xhr with an Authorization header, resume, errors as values
export { isStreamError, StreamError } from './errors'
export { openEventStream } from './stream/open'
export type {
  EventStream,
  NetworkStatus,
  OpenEventStreamOptions,
  ResumeContext,
  RetryOptions,
  StreamEvent,
  StreamLifecycleEvent,
  StreamLifecycleListener,
  StreamMetrics,
  StreamState,
  TokenSource,
  TokenTransport,
  TransportName,
  TransportOption,
} from './stream/types'

// An error notice of your own (or the `error` slot): the sentence a person reads, by catalogue key, and the
// technical text of the Details disclosure (title and detail lines)
export { userErrorKey } from './i18n'
export type { ChatErrorKey, UserErrorContext } from './i18n'
export { errorTitle, formatDetailLines } from './errors'

// A message list of your own: follow a growing answer, let go when the reader scrolls
export { useStickToBottom } from './composables/useStickToBottom'
export type { StickReleaseReason, UseStickToBottomOptions, UseStickToBottomReturn } from './composables/useStickToBottom'

// A message component of your own: report its renders to the reactivity monitor (free when none listens)
export { reportRender } from './instrumentation/hooks'
