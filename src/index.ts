// vue-chat-stream public API. Every export is named; test/public-api.test.ts keeps this list honest.

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
