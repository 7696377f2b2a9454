import type { GrammarState, HighlighterCore, ThemedToken } from 'shiki/core'
import { Lru, detach, hashString } from '../lru'
import { CODE_COLOR_REPLACEMENTS, CODE_THEMES } from './highlighter'
import { resolveLanguage } from './languages'

/** One piece of a highlighted line; `style` sets `--shiki-light` / `--shiki-dark` (colors only: no metric change). */
export interface CodeToken {
  readonly content: string
  readonly style?: string
}

/** A rendered code line (identity is stable once the line is complete, so views can memo on it). */
export interface CodeLine {
  readonly tokens: readonly CodeToken[]
}

const styleCache = new Map<string, string>()
function styleOf(token: ThemedToken): string | undefined {
  const s = token.htmlStyle
  if (!s) return undefined
  const light = s['--shiki-light']
  const dark = s['--shiki-dark']
  if (!light && !dark) return undefined
  const key = `${light}|${dark}`
  let style = styleCache.get(key)
  if (style === undefined) {
    style = `--shiki-light:${light ?? 'inherit'};--shiki-dark:${dark ?? 'inherit'}`
    if (styleCache.size < 4096) styleCache.set(key, style)
  }
  return style
}

function toLines(tokens: ThemedToken[][]): CodeLine[] {
  return tokens.map((line) => ({ tokens: line.map((t) => ({ content: t.content, style: styleOf(t) })) }))
}

function plainLine(text: string): CodeLine {
  return { tokens: text === '' ? [] : [{ content: text }] }
}

/** Highlighted finished code blocks, shared (re-mounts don't re-tokenize). Bounded by total characters. */
const finishedCache = new Lru<string, CodeLine[]>(200, 400_000)

export function clearCodeCache(): void {
  finishedCache.clear()
}

/**
 * Tokenizes a growing code block incrementally: complete lines are tokenized once, carrying shiki's
 * `GrammarState` from one batch to the next (as `@shikijs/stream` does); only the unfinished last line is
 * re-tokenized per commit. Without a highlighter (or for unknown languages) lines are plain text.
 */
export class CodeTokenizer {
  private lines: CodeLine[] = []
  private committed = 0
  private state: GrammarState | undefined
  private source = ''
  private readonly lang: string | null

  constructor(
    lang: string,
    private readonly highlighter: HighlighterCore | null,
  ) {
    const name = resolveLanguage(lang)
    this.lang = name !== null && highlighter?.getLoadedLanguages().includes(name) ? name : null
  }

  get highlighted(): boolean {
    return this.lang !== null
  }

  /** Lines of `code`: the same objects as last time for lines that were already complete. */
  update(code: string, final = false): readonly CodeLine[] {
    const key = final && this.lang ? `${this.lang}:${hashString(code)}` : null
    if (key && this.committed === 0) {
      const hit = finishedCache.get(key)
      if (hit) return hit
    }
    const lines = this.run(code)
    if (key) finishedCache.set(key, lines as CodeLine[], code.length)
    return lines
  }

  private run(code: string): readonly CodeLine[] {
    if (code.length < this.committed || code.slice(Math.max(0, this.committed - 32), this.committed) !== this.source) this.reset()
    const lastNl = code.lastIndexOf('\n')
    if (lastNl + 1 > this.committed) {
      // detach: token strings must not keep this commit's whole message text alive.
      const chunk = detach(code.slice(this.committed, lastNl))
      this.lines.push(...this.tokenize(chunk, true))
      this.committed = lastNl + 1
      this.source = code.slice(Math.max(0, this.committed - 32), this.committed)
    }
    const tail = code.slice(this.committed)
    const out = this.lines.slice()
    if (tail !== '') out.push(...this.tokenize(tail, false))
    return out
  }

  private tokenize(text: string, commit: boolean): CodeLine[] {
    if (!this.lang || !this.highlighter) return text.split('\n').map(plainLine)
    const result = this.highlighter.codeToTokens(text, {
      lang: this.lang,
      themes: CODE_THEMES,
      defaultColor: false,
      colorReplacements: CODE_COLOR_REPLACEMENTS,
      grammarState: this.state,
    })
    if (commit) this.state = result.grammarState
    return toLines(result.tokens)
  }

  private reset(): void {
    this.lines = []
    this.committed = 0
    this.state = undefined
    this.source = ''
  }
}
