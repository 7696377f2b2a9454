import { inject, provide } from 'vue'
import type { InjectionKey } from 'vue'

/**
 * A typed provide/inject pair (after reka-ui's `createContext`): `inject()` throws a message that names the
 * provider when used outside it, unless a fallback is given.
 */
export function createContext<T>(providerName: string) {
  const key: InjectionKey<T> = Symbol(providerName)
  function injectContext(): T
  function injectContext<F>(fallback: F): T | F
  function injectContext<F>(...args: [F?]): T | F {
    const value = inject(key, undefined)
    if (value !== undefined) return value
    if (args.length > 0) return args[0] as F
    throw new Error(`This component must be used inside <${providerName}>: no ${providerName} context was provided.`)
  }
  function provideContext(value: T): T {
    provide(key, value)
    return value
  }
  return [injectContext, provideContext] as const
}
