// The words people read: every user-visible and screen-reader string of the components, as one typed catalogue
// per language. A shipped language is a complete `ChatStrings` value, so a missing key is a type error.
import type { MessageRole } from '../types'

/** MessageItem: role labels, actions, states. */
export interface MessageStrings {
  /** Visible role label in the message header. */
  roles: Record<MessageRole, string>
  /** Accessible name of a whole message (`<article aria-label>`), per role. */
  label: Record<MessageRole, string>
  /** Accessible name of the typing indicator (a pending answer). */
  typing: string
  /** Button: stop a pending or streaming answer. */
  stop: string
  /** Button: copy the message's text. */
  copy: string
  /** The copy button's label for a moment after copying. */
  copied: string
  /** Button: retry a failed or stopped answer. */
  retry: string
  /** Shown below an answer the reader stopped. */
  stopped: string
}

/** CodeBlock: the copy button of a fenced code block. */
export interface CodeBlockStrings {
  /** Visible button label. */
  copy: string
  /** Visible button label for a moment after copying. */
  copied: string
  /** Hidden text after the visible label that names the block, e.g. `' ts code'` → "Copy ts code". */
  copyTarget: (language: string) => string
}

/** What a streaming answer shows while its connection is in trouble (MessageItem). */
export interface ConnectionStrings {
  /** The connection dropped; the next try is `seconds` away (counts down). */
  reconnectingIn: (seconds: number) => string
  /** The connection dropped; the next try is under way. Also what is announced once. */
  reconnecting: string
  /** The server said it is overloaded (429/503); the next try is `seconds` away. */
  busyIn: (seconds: number) => string
  /** The server said it is overloaded; the next try is under way. Also what is announced once. */
  busy: string
  /** The server failed (5xx); the next try is `seconds` away. */
  serverIn: (seconds: number) => string
  /** The server failed; the next try is under way. Also what is announced once. */
  server: string
  /** The browser is offline; the answer continues once it is back online. */
  offline: string
  /** Announced once when a dropped connection works again. */
  restored: string
}

/**
 * What an error means for the person in front of it: one short sentence per kind of failure, no API names, no
 * backticks. The technical text (the developer message and the server's detail) goes into the Details disclosure.
 */
export interface ErrorStrings {
  /** The browser is offline. */
  offline: string
  /** Nothing arrived: the server could not be reached. */
  unreachable: string
  /** The connection dropped after part of the answer arrived. */
  cutOff: string
  /** The connection went silent (no bytes, not even heartbeats). */
  stalled: string
  /** 429 / 503: the server is overloaded. */
  busy: string
  /** 5xx: the server failed. */
  serverFailed: string
  /** 401, or no token could be obtained: the sign-in expired. */
  sessionExpired: string
  /** 403: this account may not read this chat. */
  notAllowed: string
  /** 404: the chat or answer does not exist (any more). */
  notFound: string
  /** 413: the message is too large. */
  tooLarge: string
  /** 400 / 422 and other refusals: the app and the server disagree (a setup problem, not the reader's fault). */
  rejected: string
  /** The server reported an error in the stream (`event: error`). */
  answerFailed: string
  /** The server answered something that is not a stream. */
  unexpected: string
  /** The answer was stopped. */
  stopped: string
  /** Anything else. */
  unknown: string
  /** Summary of the disclosure with the technical text, for developers and support. */
  details: string
}

/** Built-in service notices (`ServiceNotice`), by key; an app may also pass its own text. */
export interface NoticeMessages {
  /** Answers may be slow or break off (the rollback plan's "temporary problems"). */
  degraded: string
  /** The assistant is unavailable. */
  outage: string
  /** Planned maintenance. */
  maintenance: string
}

/** ServiceNotice: the banner for temporary problems. */
export interface NoticeStrings {
  /** Accessible name of the dismiss button. */
  dismiss: string
  /** Visually hidden prefix naming the severity. */
  severity: Record<'info' | 'warning' | 'error', string>
  /** When the problem is expected to end; `when` is a time (or date and time) formatted for the locale. */
  until: (when: string) => string
  /** The built-in notices. */
  messages: NoticeMessages
}

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

/** One language: every string the components show or announce, grouped by component. */
export interface ChatStrings {
  /** MessageItem: role labels, actions, states. */
  message: MessageStrings
  /** The copy button of a code block. */
  code: CodeBlockStrings
  /** The line a streaming answer shows while its connection is in trouble. */
  connection: ConnectionStrings
  /** One plain sentence per kind of failure, and the Details label. */
  errors: ErrorStrings
  /** ServiceNotice. */
  notice: NoticeStrings
  /** MessageList (the same keys as its `strings` prop). */
  list: MessageListStrings
}

/**
 * Single strings over a language: any group, any key of it, and single entries of record-valued keys (`roles`,
 * `messages` …) — `{ message: { roles: { user: 'Sie' } } }`. A function stays a function.
 */
export type ChatStringsOverride = {
  [G in keyof ChatStrings]?: {
    [K in keyof ChatStrings[G]]?: ChatStrings[G][K] extends (...args: never[]) => unknown
      ? ChatStrings[G][K]
      : ChatStrings[G][K] extends object
        ? Partial<ChatStrings[G][K]>
        : ChatStrings[G][K]
  }
}

/** The key of one user-facing error sentence (`ErrorStrings` without the Details label). */
export type ChatErrorKey = Exclude<keyof ErrorStrings, 'details'>

/** Applies overrides to a complete catalogue: one level of groups, and one more for record-valued keys. */
export function mergeStrings(base: ChatStrings, ...overrides: (ChatStringsOverride | undefined)[]): ChatStrings {
  let out = base
  for (const override of overrides) {
    if (!override) continue
    const next = { ...out } as unknown as Record<string, Record<string, unknown>>
    for (const [group, values] of Object.entries(override)) {
      if (!values || !(group in out)) continue
      const merged: Record<string, unknown> = { ...next[group] }
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue
        const current = merged[key]
        merged[key] = isRecord(current) && isRecord(value) ? { ...current, ...value } : value
      }
      next[group] = merged
    }
    out = next as unknown as ChatStrings
  }
  return out
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
