/** Every user-visible and screen-reader string of MessageList. Pass a partial object as the `strings` prop. */
export interface MessageListStrings {
  /** Accessible name of the log. */
  label: string
  /** Shown (and read) when there are no messages. */
  empty: string
  /** Announced once when an answer starts streaming. */
  answerStarted: string
  /** Announced once when an answer has been written completely. */
  answerCompleted: string
  /** Announced once when the reader stopped an answer. */
  answerStopped: string
  /** Announced once when an answer failed. */
  answerFailed: string
  /** Label of the jump-to-latest button. */
  jumpToLatest: string
  /** Count of messages that arrived while the reader was scrolled away. */
  unseen: (count: number) => string
  /** Shown while older messages load. */
  loadingOlder: string
}

const en: MessageListStrings = {
  label: 'Messages',
  empty: 'No messages yet.',
  answerStarted: 'The assistant is answering.',
  answerCompleted: 'The answer is complete.',
  answerStopped: 'The answer was stopped.',
  answerFailed: 'The answer failed.',
  jumpToLatest: 'Jump to latest',
  unseen: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  loadingOlder: 'Loading older messages…',
}

const de: MessageListStrings = {
  label: 'Nachrichten',
  empty: 'Noch keine Nachrichten.',
  answerStarted: 'Der Assistent antwortet.',
  answerCompleted: 'Die Antwort ist vollständig.',
  answerStopped: 'Die Antwort wurde angehalten.',
  answerFailed: 'Die Antwort ist fehlgeschlagen.',
  jumpToLatest: 'Zur neuesten Nachricht',
  unseen: (count) => (count === 1 ? '1 neue Nachricht' : `${count} neue Nachrichten`),
  loadingOlder: 'Ältere Nachrichten werden geladen…',
}

/** Shipped translations of MessageList's strings. */
export const messageListLocales = { en, de } as const satisfies Record<string, MessageListStrings>

export type MessageListLocale = keyof typeof messageListLocales

/** Merge a partial override over a shipped locale (English by default). */
export function resolveMessageListStrings(
  strings: Partial<MessageListStrings> | undefined,
  locale: MessageListLocale = 'en',
): MessageListStrings {
  const base = messageListLocales[locale]
  if (!strings) return base
  return { ...base, ...strings }
}
