import { describe, expectTypeOf, it } from 'vitest'
import type { ChatStrings, ChatStringsOverride } from './index'
import { en } from './index'

describe('catalogue types', () => {
  it('a language missing a key is a type error', () => {
    const { retry: _retry, ...message } = en.message
    // @ts-expect-error -- `message.retry` is missing
    const incomplete: ChatStrings = { ...en, message }
    expectTypeOf(incomplete).toEqualTypeOf<ChatStrings>()
  })

  it('overrides are partial per group and per record, and typed', () => {
    expectTypeOf<{ message: { roles: { user: string } } }>().toMatchTypeOf<ChatStringsOverride>()
    // @ts-expect-error -- no such key
    const wrong: ChatStringsOverride = { message: { nope: 'x' } }
    void wrong
    // @ts-expect-error -- a function stays a function
    const notAFunction: ChatStringsOverride = { connection: { reconnectingIn: 'soon' } }
    void notAFunction
  })
})
