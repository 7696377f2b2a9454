import { describe, expectTypeOf, it } from 'vitest'
import type { ComputedRef, ShallowRef } from 'vue'
import { useChatStream, useSessionsStore, type SessionsOptions } from '../index'
import { useReactivityMonitor, type ReactivityStats } from '../debug'
import type { EventStream } from '../stream/types'
import type { ChatMessage, ChatSession, MessageStatus, StreamErrorInfo } from '../types'

describe('useSessionsStore', () => {
  const store = useSessionsStore()

  it('exposes immutable sessions and messages', () => {
    expectTypeOf(store.sessions).toEqualTypeOf<readonly ChatSession[]>()
    expectTypeOf(store.getMessages).parameters.toEqualTypeOf<[sessionId: string]>()
    expectTypeOf(store.getMessages('s')).toEqualTypeOf<Readonly<ShallowRef<readonly ChatMessage[]>>>()
    expectTypeOf<ChatMessage['content']>().toEqualTypeOf<string>()
    // @ts-expect-error snapshots are readonly
    store.getMessages('s').value[0]!.content = 'x'
  })

  it('has the streaming actions', () => {
    expectTypeOf(store.createSession).returns.toEqualTypeOf<ChatSession>()
    expectTypeOf(store.updateMessageContent).toEqualTypeOf<(sessionId: string, messageId: string, delta: string) => boolean>()
    expectTypeOf(store.sendMessage).toEqualTypeOf<(sessionId: string, content: string) => Promise<ChatMessage>>()
    expectTypeOf(store.stop).toEqualTypeOf<(sessionId: string, messageId?: string) => void>()
    expectTypeOf(store.retry).returns.toEqualTypeOf<Promise<ChatMessage>>()
    expectTypeOf(store.resume).returns.toEqualTypeOf<Promise<ChatMessage>>()
    expectTypeOf(store.regenerate).toEqualTypeOf<(sessionId: string) => Promise<ChatMessage>>()
    expectTypeOf(store.activeStream).returns.toEqualTypeOf<EventStream | undefined>()
    expectTypeOf(store.configure).parameter(0).toEqualTypeOf<SessionsOptions>()
  })

  it('types errors as plain data', () => {
    expectTypeOf<ChatMessage['error']>().toEqualTypeOf<StreamErrorInfo | undefined>()
  })
})

describe('useChatStream', () => {
  const chat = useChatStream({ url: '/api/sessions/s/messages', token: () => 'demo' })
  it('returns a snapshot ref and actions', () => {
    expectTypeOf(chat.message).toEqualTypeOf<Readonly<ShallowRef<ChatMessage | undefined>>>()
    expectTypeOf(chat.status).toEqualTypeOf<ComputedRef<MessageStatus | 'idle'>>()
    expectTypeOf(chat.send).toEqualTypeOf<(content: string) => Promise<ChatMessage>>()
    expectTypeOf(chat.stop).toEqualTypeOf<() => void>()
  })
  it('requires a url', () => {
    // @ts-expect-error url is required
    useChatStream({})
  })
})

describe('useReactivityMonitor', () => {
  it('gives read-only stats', () => {
    const monitor = useReactivityMonitor()
    expectTypeOf(monitor.stats).toEqualTypeOf<Readonly<ShallowRef<ReactivityStats>>>()
    expectTypeOf(monitor.stats.value.publishesPerSecond).toEqualTypeOf<number>()
  })
})
