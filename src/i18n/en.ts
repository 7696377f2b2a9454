import type { ChatStrings } from './strings'

/** A number and its unit never part at a line break. */
const seconds = (n: number) => `${n}\u00a0s`

/** English. */
export const en: ChatStrings = {
  message: {
    roles: { user: 'You', assistant: 'Assistant', system: 'System', tool: 'Tool' },
    label: { user: 'Your message', assistant: 'Assistant message', system: 'System message', tool: 'Tool message' },
    typing: 'Assistant is typing',
    stop: 'Stop',
    copy: 'Copy',
    copied: 'Copied',
    retry: 'Retry',
    stopped: 'Stopped — the answer above is incomplete.',
  },
  code: {
    copy: 'Copy',
    copied: 'Copied',
    copyTarget: (language) => ` ${language} code`,
  },
  connection: {
    reconnectingIn: (n) => `Connection lost — reconnecting in ${seconds(n)}…`,
    reconnecting: 'Connection lost — reconnecting…',
    busyIn: (n) => `The server is busy — trying again in ${seconds(n)}…`,
    busy: 'The server is busy — trying again…',
    serverIn: (n) => `The server had a problem — trying again in ${seconds(n)}…`,
    server: 'The server had a problem — trying again…',
    offline: 'You are offline — the answer continues when you are back online.',
    restored: 'Connection restored.',
  },
  errors: {
    offline: 'You are offline. Check your connection, then try again.',
    unreachable: 'The assistant could not be reached. Try again in a moment.',
    cutOff: 'The connection dropped, so this answer is incomplete.',
    stalled: 'The connection stopped responding, so this answer is incomplete.',
    busy: 'The assistant is very busy right now. Try again in a moment.',
    serverFailed: 'Something went wrong on our side. Try again in a moment.',
    sessionExpired: 'Your session has expired. Sign in again, then try again.',
    notAllowed: 'You do not have access to this chat.',
    notFound: 'This chat could not be found.',
    tooLarge: 'This message is too large.',
    rejected: 'The request was not accepted. If this keeps happening, contact support.',
    answerFailed: 'The assistant could not finish this answer.',
    unexpected: 'The assistant sent an answer this app cannot read. If this keeps happening, contact support.',
    stopped: 'The answer was stopped.',
    unknown: 'Something went wrong.',
    details: 'Details',
  },
  notice: {
    dismiss: 'Dismiss notice',
    severity: { info: 'Notice', warning: 'Warning', error: 'Outage' },
    until: (when) => `Expected until ${when}.`,
    messages: {
      degraded: 'Answers may be slow or break off right now. We are working on it.',
      outage: 'The assistant is unavailable right now. We are working on it.',
      maintenance: 'Scheduled maintenance: the assistant may be unavailable for a short time.',
    },
  },
  list: {
    label: 'Messages',
    empty: 'No messages yet.',
    answerStarted: 'The assistant is answering.',
    answerCompleted: 'The answer is complete.',
    answerStopped: 'The answer was stopped.',
    answerFailed: 'The answer failed.',
    jumpToLatest: 'Jump to latest',
    unseen: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
    loadingOlder: 'Loading older messages…',
  },
}
