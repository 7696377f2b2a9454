import type { HighlighterCore } from 'shiki/core'
import { languageLoaders, resolveLanguage } from './languages'

/** Light and dark themes are tokenized together; CSS picks one through `--shiki-light` / `--shiki-dark`. */
export const CODE_THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const

/**
 * WCAG AA on our code background (`--vcs-color-code-bg`): github-light-default's comment grey (#6e7781) reaches
 * only 4.2:1 on #f6f8fa; GitHub's own muted grey (#57606a) reaches 6:1.
 */
export const CODE_COLOR_REPLACEMENTS = { 'github-light-default': { '#6e7781': '#57606a' } }

let highlighterPromise: Promise<HighlighterCore> | null = null
let highlighter: HighlighterCore | null = null
const loading = new Map<string, Promise<boolean>>()

/**
 * The shared highlighter (created on first use, JS regex engine, no WASM). shiki's runtime is ~60 KB gzip, as
 * much as the rest of the library: it is a dynamic import, so a chat that never shows code never loads it.
 */
export function loadHighlighter(): Promise<HighlighterCore> {
  highlighterPromise ??= Promise.all([import('shiki/core'), import('shiki/engine/javascript')])
    .then(([{ createHighlighterCore }, { createJavaScriptRegexEngine }]) =>
      createHighlighterCore({
        themes: [import('shiki/themes/github-light-default.mjs'), import('shiki/themes/github-dark-default.mjs')],
        langs: [],
        engine: createJavaScriptRegexEngine(),
      }),
    )
    .then((h) => (highlighter = h))
    .catch((error: unknown) => {
      // A failed chunk load (offline, deploy swapped chunks) must not poison every later code block.
      highlighterPromise = null
      throw error
    })
  return highlighterPromise
}

/** The highlighter if it is ready, else `null` (callers render plain text meanwhile). */
export function getHighlighter(): HighlighterCore | null {
  return highlighter
}

/** Whether `lang` can be tokenized synchronously right now. */
export function isLanguageReady(lang: string): boolean {
  const name = resolveLanguage(lang)
  return name !== null && highlighter !== null && highlighter.getLoadedLanguages().includes(name)
}

/**
 * Loads the highlighter and the grammar for `lang` (once; concurrent calls share the promise).
 * Resolves `false` for unknown languages or when loading fails (plain text is the fallback, never an error).
 */
export function ensureLanguage(lang: string): Promise<boolean> {
  const name = resolveLanguage(lang)
  if (name === null) return Promise.resolve(false)
  let p = loading.get(name)
  if (!p) {
    p = loadHighlighter()
      .then(async (h) => {
        if (!h.getLoadedLanguages().includes(name)) {
          await h.loadLanguage((await languageLoaders[name]!()).default)
          // shiki 4 colours the very first tokenization of a grammar with the wrong light theme map; one
          // throw-away run keeps every real render correct.
          h.codeToTokens('x', { lang: name, themes: CODE_THEMES, defaultColor: false, colorReplacements: CODE_COLOR_REPLACEMENTS })
        }
        return true
      })
      .catch(() => {
        loading.delete(name)
        return false
      })
    loading.set(name, p)
  }
  return p
}
