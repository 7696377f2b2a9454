// MessageList's strings are the `list` group of the one catalogue (src/i18n); kept here under their old names.
import { chatLocales, type MessageListStrings } from '../../i18n'

export type { MessageListStrings }

/** Shipped translations of MessageList's strings: the `list` group of `chatLocales`. */
export const messageListLocales = { en: chatLocales.en.list, de: chatLocales.de.list } as const satisfies Record<string, MessageListStrings>

/** A shipped language (the same as `ChatLocale`). */
export type MessageListLocale = keyof typeof messageListLocales
