// One configuration for every component: the language, its strings, the text direction, the service notices.
// Provided by the app (`createChatConfigPlugin`) or a subtree (`<ChatConfigProvider>`); without either, English.
import { computed, hasInjectionContext, inject, provide, toValue, type ComputedRef, type InjectionKey, type MaybeRefOrGetter, type Plugin } from 'vue'
import { catalogueFor, en, mergeStrings, type ChatStrings, type ChatStringsOverride } from '../../i18n'
import type { ServiceNoticeConfig } from '../ServiceNotice/notice'

/** What an app or a `<ChatConfigProvider>` sets; anything left out is inherited from the provider above. */
export interface ChatConfigOptions {
  /**
   * The language: a shipped one (`'en'`, `'de'`), or any BCP 47 tag given in `catalogues`. A regional tag falls
   * back to its language (`de-AT` → `de`), an unknown one to English.
   * @default 'en'
   */
  locale?: string
  /** Text direction of the components' own elements (message content always uses `dir="auto"`). @default inherited from the page */
  dir?: 'ltr' | 'rtl'
  /** Single strings over the language's catalogue, e.g. `{ message: { roles: { user: 'Sie' } } }`. @default undefined */
  strings?: ChatStringsOverride
  /** Languages of your own: complete catalogues by tag (start from `chatLocales.en`). @default {} */
  catalogues?: Readonly<Record<string, ChatStrings>>
  /** Service notices for `<ServiceNotice>` (temporary problems, maintenance). @default [] */
  notices?: readonly ServiceNoticeConfig[]
  /** The clock of countdowns and notice expiry, epoch ms; for tests and stories. @default Date.now */
  now?: () => number
}

/** The configuration in effect, as components read it (`useChatConfig()`). */
export interface ChatConfig {
  /** The locale tag in effect. */
  readonly locale: string
  /** The text direction set for the components' own elements, if any. */
  readonly dir: 'ltr' | 'rtl' | undefined
  /** Every string, overrides applied. */
  readonly strings: ChatStrings
  /** The configured service notices. */
  readonly notices: readonly ServiceNoticeConfig[]
  /** The clock of countdowns and notice expiry (epoch ms). */
  readonly now: () => number
  /** Extra catalogues in effect (inherited by nested providers). */
  readonly catalogues: Readonly<Record<string, ChatStrings>>
  /** String overrides in effect, outermost first (re-applied when a nested provider changes the locale). */
  readonly overrides: readonly ChatStringsOverride[]
}

const KEY: InjectionKey<ComputedRef<ChatConfig>> = Symbol('vue-chat-stream config')

const ENGLISH: ChatConfig = Object.freeze({
  locale: 'en',
  dir: undefined,
  strings: en,
  notices: Object.freeze([]),
  now: () => Date.now(),
  catalogues: Object.freeze({}),
  overrides: Object.freeze([]),
})
const fallback = computed(() => ENGLISH)

/** `options` over `parent`: what a provider gives its subtree. */
export function resolveChatConfig(parent: ChatConfig | undefined, options: ChatConfigOptions): ChatConfig {
  const base = parent ?? ENGLISH
  const locale = options.locale ?? base.locale
  const catalogues = options.catalogues ? { ...base.catalogues, ...options.catalogues } : base.catalogues
  const overrides = options.strings ? [...base.overrides, options.strings] : base.overrides
  const unchanged = locale === base.locale && catalogues === base.catalogues && overrides === base.overrides
  return {
    locale,
    dir: options.dir ?? base.dir,
    strings: unchanged ? base.strings : mergeStrings(catalogueFor(locale, catalogues), ...overrides),
    notices: options.notices ?? base.notices,
    now: options.now ?? base.now,
    catalogues,
    overrides,
  }
}

/** The configuration in effect here: the nearest provider's, the app's, or English. */
export function useChatConfig(): ComputedRef<ChatConfig> {
  return (hasInjectionContext() ? inject(KEY, null) : null) ?? fallback
}

/** Gives the subtree `options` over the configuration in effect (what `<ChatConfigProvider>` does). */
export function provideChatConfig(options: MaybeRefOrGetter<ChatConfigOptions>): ComputedRef<ChatConfig> {
  const parent = useChatConfig()
  const config = computed(() => resolveChatConfig(parent.value, toValue(options)))
  provide(KEY, config)
  return config
}

/**
 * The app's configuration for every component — `app.use(createChatConfigPlugin({ locale: 'de' }))`. Pass a
 * `reactive()` object to switch the language at runtime. A `<ChatConfigProvider>` overrides it for a subtree.
 */
export function createChatConfigPlugin(options: MaybeRefOrGetter<ChatConfigOptions> = {}): Plugin {
  return {
    install(app) {
      app.provide(
        KEY,
        computed(() => resolveChatConfig(undefined, toValue(options))),
      )
    },
  }
}
