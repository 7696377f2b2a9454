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

/** Adjacent tokens of the same colours become one (fewer spans: less DOM, style and layout per line). */
function toLines(tokens: ThemedToken[][]): CodeLine[] {
  return tokens.map((line) => {
    const out: CodeToken[] = []
    let last: { content: string; style?: string } | undefined
    for (const t of line) {
      const style = styleOf(t)
      if (last && last.style === style) last.content += t.content
      else out.push((last = { content: t.content, style }))
    }
    return { tokens: out }
  })
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
/**
 * Tokenizing stops after this long in one update; the remaining lines stay plain text until the next update
 * (`pending`). A 3,000-line block highlighted at once holds the main thread for over a second.
 */
export const TOKENIZE_BUDGET_MS = 12
/** Lines tokenized per batch (shiki's grammar state carries from one batch to the next). */
const BATCH_LINES = 32

export class CodeTokenizer {
  private lines: CodeLine[] = []
  private committed = 0
  /** The last update stopped at its budget: lines after `committed` are shown plain for now. */
  pending = false
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
    if (key && !this.pending) finishedCache.set(key, lines as CodeLine[], code.length)
    return lines
  }

  private run(code: string): readonly CodeLine[] {
    if (code.length < this.committed || code.slice(Math.max(0, this.committed - 32), this.committed) !== this.source) this.reset()
    const complete = code.lastIndexOf('\n') + 1
    this.pending = false
    const deadline = performance.now() + TOKENIZE_BUDGET_MS
    while (complete > this.committed) {
      let end = this.committed
      for (let k = 0; k < BATCH_LINES && end < complete; k++) end = code.indexOf('\n', end) + 1
      // detach: token strings must not keep this commit's whole message text alive.
      for (const line of this.tokenize(detach(code.slice(this.committed, end - 1)), true)) this.lines.push(line)
      this.committed = end
      this.source = code.slice(Math.max(0, this.committed - 32), this.committed)
      if (complete > this.committed && this.highlighted && performance.now() > deadline) {
        this.pending = true
        break
      }
    }
    const tail = code.slice(this.committed)
    const out = this.lines.slice()
    if (this.pending) for (const text of tail.split('\n')) out.push(plainLine(text))
    else if (tail !== '') out.push(...this.tokenize(tail, false))
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
