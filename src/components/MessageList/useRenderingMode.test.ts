import { shallowRef } from 'vue'
import { describe, expect, it } from 'vitest'
import type { ChatMessage, MessageStatus } from '../../types'
import { useRenderingMode } from './useRenderingMode'

const history = (count: number, lastStatus: MessageStatus = 'done'): ChatMessage[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    content: '',
    status: i === count - 1 ? lastStatus : 'done',
    createdAt: i,
  }))

function mode(initial: ChatMessage[], virtualize: 'auto' | 'always' | 'never', streamingStrategy: 'outside' | 'pause' = 'outside') {
  const messages = shallowRef(initial)
  const result = useRenderingMode({
    messages: () => messages.value,
    virtualize: () => virtualize,
    virtualizeThreshold: () => 3,
    streamingStrategy: () => streamingStrategy,
  })
  return { messages, ...result }
}

describe('rendering mode', () => {
  it('virtualizes above the threshold with auto, always with always, never with never', () => {
    expect(mode(history(3), 'auto').virtualization.value).toBe('off')
    expect(mode(history(4), 'auto').virtualization.value).toBe('on')
    expect(mode(history(1), 'always').virtualization.value).toBe('on')
    expect(mode(history(50), 'never').virtualization.value).toBe('off')
  })

  it('lays out all but the streaming message with outside, and nothing while it streams with pause', () => {
    const outside = mode(history(10, 'streaming'), 'always')
    expect([outside.virtualization.value, outside.virtualActive.value, outside.historyCount.value]).toEqual(['outside', true, 9])
    expect(outside.live.value?.id).toBe('m9')
    const paused = mode(history(10, 'pending'), 'always', 'pause')
    expect([paused.virtualization.value, paused.virtualActive.value, paused.historyCount.value]).toEqual(['paused', false, 0])
    expect(paused.isStreaming.value).toBe(true)
  })

  it('follows the messages: the answer ends, the history grows past the threshold', () => {
    const list = mode(history(3, 'streaming'), 'auto')
    expect([list.virtualization.value, list.historyCount.value, list.isStreaming.value]).toEqual(['off', 0, true])
    list.messages.value = history(3, 'done')
    expect([list.virtualization.value, list.live.value]).toEqual(['off', undefined])
    list.messages.value = history(6, 'done')
    expect([list.virtualization.value, list.historyCount.value]).toEqual(['on', 6])
  })
})
