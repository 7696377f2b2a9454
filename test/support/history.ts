// Chat histories for tests, stories and benchmarks: one generator for ids, roles, status and order; what the
// messages say comes from a text recipe. Deterministic: the same arguments give the same messages.
import { fixtures, mulberry32 } from 'vue-chat-stream/mocks'
import type { FixtureName } from 'vue-chat-stream/mocks'
import type { ChatMessage, MessageStatus } from '../../src/types'

/**
 * The text of message `n`. `makeHistory` calls it once per message, oldest first, so a seeded recipe draws its
 * random numbers in a fixed order.
 */
export type HistoryText = (n: number, role: 'user' | 'assistant') => string

export interface HistoryOptions {
  /** Message `n` has the id `${prefix}${n}`. @default 'm' */
  prefix?: string
  /** Number of the first message, e.g. 150 for the page of older messages above messages 200 and on. @default 0 */
  start?: number
  /** What each message says. @default numberedText */
  text?: HistoryText
  /** Status of the newest message, e.g. `'streaming'` for an answer still being written. @default 'done' */
  lastStatus?: MessageStatus
}

/**
 * `count` messages, oldest first: message `n` is the user's when `n` is even and the assistant's answer when odd,
 * `createdAt` is `n`, and all are done except, with `lastStatus`, the newest.
 */
export function makeHistory(count: number, options: HistoryOptions = {}): ChatMessage[] {
  const { prefix = 'm', start = 0, text = numberedText, lastStatus = 'done' } = options
  return Array.from({ length: count }, (_, k) => {
    const n = start + k
    const role = n % 2 === 0 ? 'user' : 'assistant'
    return { id: `${prefix}${n}`, role, content: text(n, role), status: k === count - 1 ? lastStatus : 'done', createdAt: n }
  })
}

/** `message 3`: short and distinct, for tests that count, key or append to messages. */
export const numberedText: HistoryText = (n) => `message ${n}`

/** "Earlier question 2?" / "Earlier answer 2.": a short chat above the answer a story is about. */
export const earlierText: HistoryText = (n, role) => (role === 'user' ? `Earlier question ${n / 2 + 1}?` : `Earlier answer ${(n + 1) / 2}.`)

const WORDS = 'stream token render layout virtual anchor scroll message answer table code block paragraph reader'.split(' ')

/**
 * `#3 scroll anchor table …`: plain words of mixed length — short questions, answers of 10 to 70 words and every
 * fifth or so 160 to 360 words — so rows differ in height the way a real chat's do.
 */
export function seededWords(seed = 7): HistoryText {
  const random = mulberry32(seed)
  return (n, role) => {
    const r = random()
    const words = role === 'user' ? 4 + Math.floor(r * 20) : r < 0.2 ? 160 + Math.floor(random() * 200) : 10 + Math.floor(random() * 60)
    return `#${n} ${Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')}`
  }
}

const QUESTIONS = [
  'How does streaming stay smooth?',
  'Can you show me a table of the options?',
  'Why did the old client get a 422?',
  'Give me a code example, please.',
  'What happens when the connection drops?',
]
const ANSWERS: FixtureName[] = ['one-liner', 'short-answer', 'kitchen-sink', 'code-heavy', 'table-heavy', 'i18n']
const LIGHT_ANSWERS: FixtureName[] = ['one-liner', 'short-answer']

/**
 * A realistic chat: questions, and the harness's markdown fixtures as answers (tables, code, emoji and RTL).
 * `light` answers with the two short fixtures only, for lists that show many messages at once.
 */
export function harnessAnswers(options: { seed?: number; light?: boolean } = {}): HistoryText {
  const { seed = 11, light = false } = options
  const answers = light ? LIGHT_ANSWERS : ANSWERS
  const random = mulberry32(seed)
  return (n, role) => {
    const r = random()
    return role === 'user' ? `${QUESTIONS[Math.floor(r * QUESTIONS.length)]} (#${n})` : fixtures[answers[Math.floor(r * answers.length)]!].content
  }
}
