// vue-chat-stream public API. Every export is named; test/public-api.test.ts keeps this list honest.

// The --vcs-* design tokens (light and dark) the components' styles read. The library build extracts every style
// into dist/style.css (`vue-chat-stream/style.css`), so the JS entry itself stays free of CSS imports.
import './styles/tokens.css'

// Types
export type {
  ChatMessage,
  ChatSession,
  ErrorDetail,
  MessageRole,
  MessageStatus,
  StreamErrorInfo,
  StreamErrorKind,
  ValidationIssue,
} from './types'

// Stream client (S): SSE over fetch/xhr with an Authorization header, resume, errors as values
export { openEventStream, StreamError, isStreamError } from './stream'
export type {
  EventStream,
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
} from './stream'

// Store (T): sessions, frame-batched immutable snapshots, one-stream composable
export { createSessionsPlugin, useSessionsStore } from './stores/sessions'
export type { CreateSessionOptions, OpenStream, SessionsOptions, SessionsStore } from './stores/sessions'
export { createFrameScheduler, createManualScheduler } from './chat/frames'
export type { FrameInfo, FrameScheduler, FrameSchedulerOptions, ManualScheduler } from './chat/frames'
export { reportRender } from './instrumentation/hooks'
export { useChatStream } from './composables/useChatStream'
export type { UseChatStreamOptions, UseChatStreamReturn } from './composables/useChatStream'

// Markdown + MessageItem (M): streaming markdown (healed tail, memoized blocks), shiki code, one message
export { MessageItem } from './components/MessageItem'
export { errorTitle, formatDetailLines } from './errors'
export type {
  MessageCopyPayload,
  MessageItemActionsSlotProps,
  MessageItemEmits,
  MessageItemProps,
  MessageItemSlotProps,
} from './components/MessageItem'
export {
  CODE_COLOR_REPLACEMENTS,
  CODE_THEMES,
  CodeTokenizer,
  blockToHtml,
  clearCodeCache,
  clearMarkdownCache,
  createMarkdownIt,
  createStreamingMarkdown,
  ensureLanguage,
  getHighlighter,
  getMarkdownIt,
  healTail,
  isLanguageReady,
  isRendererHtml,
  isSafeImageUrl,
  isSafeLinkUrl,
  languageLoaders,
  loadHighlighter,
  renderMarkdown,
  renderMarkdownBlocks,
  resolveLanguage,
  sanitizeHtml,
  sanitizeTailHtml,
  useStreamingMarkdown,
} from './markdown'
export type { CodeLine, CodeToken, MarkdownBlock, MarkdownCodeBlock, MarkdownHtmlBlock, StreamingMarkdown, StreamingMarkdownOptions } from './markdown'

// MessageList (L): virtualized history, the streaming message outside the window, stick-to-bottom, load older
export { MessageList, injectMessageListContext, messageListLocales, provideMessageListContext, resolveMessageListStrings } from './components/MessageList'
export type {
  MessageListContext,
  MessageListEmits,
  MessageListLocale,
  MessageListProps,
  MessageListStrings,
  MessageListVirtualization,
} from './components/MessageList'
export { useStickToBottom } from './composables/useStickToBottom'
export type { StickReleaseReason, UseStickToBottomOptions, UseStickToBottomReturn } from './composables/useStickToBottom'
