import { describe, expect, it } from 'vitest'
import { fixtures } from 'vue-chat-stream/mocks'
import { earlierText, harnessAnswers, makeHistory, seededWords } from './history'

describe('makeHistory', () => {
  it('numbers, alternates roles and marks only the newest message with lastStatus', () => {
    const page = makeHistory(3, { prefix: 'h', start: 4, lastStatus: 'streaming' })
    expect(page.map((m) => [m.id, m.role, m.status, m.createdAt, m.content])).toEqual([
      ['h4', 'user', 'done', 4, 'message 4'],
      ['h5', 'assistant', 'done', 5, 'message 5'],
      ['h6', 'user', 'streaming', 6, 'message 6'],
    ])
    expect(makeHistory(0)).toEqual([])
  })

  it('gives the same messages for the same recipe and seed, and others for another seed', () => {
    const words = (seed: number) => makeHistory(20, { text: seededWords(seed) }).map((m) => m.content)
    expect(words(7)).toEqual(words(7))
    expect(words(8)).not.toEqual(words(7))
    expect(words(7)[3]).toMatch(/^#3 \w+/)
    const chat = makeHistory(6, { text: harnessAnswers({ light: true }) })
    expect(chat[0]!.content).toMatch(/\(#0\)$/)
    expect([fixtures['one-liner'].content, fixtures['short-answer'].content]).toContain(chat[1]!.content)
    expect(makeHistory(4, { text: earlierText }).map((m) => m.content)).toEqual([
      'Earlier question 1?',
      'Earlier answer 1.',
      'Earlier question 2?',
      'Earlier answer 2.',
    ])
  })
})
