import { de } from './de'
import { en } from './en'
import type { ChatStrings } from './strings'

/** The shipped languages: complete catalogues. Spread one as the base of a language of your own. */
export const chatLocales = { en, de } as const satisfies Record<string, ChatStrings>

/** A shipped language. */
export type ChatLocale = keyof typeof chatLocales

/**
 * The catalogue for a BCP 47 tag: an exact match among `catalogues` (then the shipped ones), else its language
 * (`de-AT` → `de`), else English.
 */
export function catalogueFor(locale: string, catalogues: Readonly<Record<string, ChatStrings>> = {}): ChatStrings {
  const all: Record<string, ChatStrings> = { ...chatLocales, ...catalogues }
  const exact = Object.keys(all).find((tag) => tag.toLowerCase() === locale.toLowerCase())
  if (exact) return all[exact]!
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? ''
  const near = Object.keys(all).find((tag) => tag.toLowerCase() === language)
  return near ? all[near]! : en
}
