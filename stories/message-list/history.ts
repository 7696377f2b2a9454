import { fixtures, mulberry32 } from 'vue-chat-stream/mocks'
import type { FixtureName } from 'vue-chat-stream/mocks'
import type { ChatMessage } from '../../src'

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
 * A deterministic chat history: alternating questions and harness answers. Ids `${prefix}${n}`, oldest first.
 * `light` uses only short answers (cheaper to render where many messages are on screen).
 */
export function storyHistory(count: number, options: { start?: number; prefix?: string; seed?: number; light?: boolean } = {}): ChatMessage[] {
  const { start = 0, prefix = 'h', seed = 11, light = false } = options
  const answers = light ? LIGHT_ANSWERS : ANSWERS
  const rand = mulberry32(seed)
  return Array.from({ length: count }, (_, k) => {
    const n = start + k
    const r = rand()
    const user = n % 2 === 0
    const content = user
      ? `${QUESTIONS[Math.floor(r * QUESTIONS.length)]} (#${n})`
      : fixtures[answers[Math.floor(r * answers.length)]!].content
    return { id: `${prefix}${n}`, role: user ? 'user' : 'assistant', content, status: 'done', createdAt: 0 }
  })
}
