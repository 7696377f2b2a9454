import type { Token } from 'markdown-it'
import { healTail } from './heal'
import { Lru, detach, hashString } from './lru'
import { getMarkdownIt } from './md'

interface BlockBase {
  /** Stable per position: `b0`, `b1`, … A block keeps its key from its first character to the end. */
  readonly key: string
  readonly index: number
  /** Finished: will not change again for this message (memoized, never re-rendered). */
  readonly final: boolean
}

/** A block rendered to (sanitized) HTML: paragraph, heading, list, table, blockquote, rule … */
export interface MarkdownHtmlBlock extends BlockBase {
  readonly kind: 'html'
  /** The block's top-level tag, e.g. `p`, `ul`, `table`, `h2`. */
  readonly tag: string
  readonly html: string
}

/** A top-level fenced code block; highlighted by the component, not by the markdown renderer. */
export interface MarkdownCodeBlock extends BlockBase {
  readonly kind: 'code'
  /** The fence's language (first word of the info string), `''` when none. */
  readonly lang: string
  readonly code: string
}

export type MarkdownBlock = MarkdownHtmlBlock | MarkdownCodeBlock

export interface StreamingMarkdownOptions {
  /**
   * Applied to every HTML block once (DOMPurify in the browser). Markdown-it already escapes raw HTML and
   * validates URLs; this is defence in depth.
   * @default identity
   */
  sanitize?: (html: string) => string
  /**
   * Applied to the unfinished tail's HTML, which is re-rendered on every commit (a cheaper check may go here,
   * e.g. `sanitizeTailHtml`: an allow-list check of the renderer's output with DOMPurify as the fallback).
   * @default the `sanitize` option
   */
  sanitizeTail?: (html: string) => string
}

export interface StreamingMarkdown {
  /**
   * Blocks for `content`. While `streaming`, finished blocks are reused as-is (same objects) and only the tail
   * is re-parsed and healed; when not streaming the result equals a one-shot render of `content`.
   */
  update(content: string, streaming: boolean): readonly MarkdownBlock[]
  /** Forget everything (the next update renders from scratch). */
  reset(): void
}

interface CachedHtml {
  tag: string
  html: string
}

/** Blocks a blank line ends for good (lists and indented code can continue after one). */
const CLOSED_BY_BLANK = /^(?:paragraph_open|heading_open|table_open|blockquote_open|hr|fence)$/
const REFERENCE_DEF = /^ {0,3}\[[^\]\n]+\]:/m
const identity = (html: string) => html
const sanitizerIds = new WeakMap<(html: string) => string, number>()
let nextSanitizerId = 0
/** Finished blocks by source hash, shared by every message (re-mounts and edits hit it). Bounded. */
const htmlCache = new Lru<string, CachedHtml>(2000, 2_000_000)

/** Clears the shared memo of finished blocks (tests and memory-sensitive apps). */
export function clearMarkdownCache(): void {
  htmlCache.clear()
}

interface Group {
  from: number
  to: number
  lineStart: number
  lineEnd: number
}

function topLevelGroups(tokens: Token[]): Group[] {
  const groups: Group[] = []
  let i = 0
  while (i < tokens.length) {
    const t = tokens[i]!
    let j = i + 1
    if (t.nesting === 1) {
      let depth = 1
      while (j < tokens.length && depth > 0) {
        depth += tokens[j]!.nesting
        j++
      }
    }
    const map = t.map ?? [0, 0]
    groups.push({ from: i, to: j, lineStart: map[0], lineEnd: map[1] })
    i = j
  }
  return groups
}

function lineOffsets(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

function sliceLines(text: string, offsets: number[], g: Group): string {
  const at = (line: number) => (line < offsets.length ? offsets[line]! : text.length)
  return text.slice(at(g.lineStart), at(g.lineEnd))
}

function langOf(info: string): string {
  return getMarkdownIt().utils.unescapeAll(info).trim().split(/\s+/)[0] ?? ''
}

/** A complete fence opener line at the start of `region`: its run, info string and length (with the newline). */
function fenceStart(region: string): { marker: string; info: string; length: number } | null {
  const c = region[0]
  if (c !== '`' && c !== '~') return null
  let run = 1
  while (region[run] === c) run++
  const nl = region.indexOf('\n')
  if (run < 3 || nl === -1) return null
  return { marker: region.slice(0, run), info: region.slice(run, nl), length: nl + 1 }
}

/** The run of a closing fence line (up to 3 spaces, 3+ backticks or tildes, trailing blanks), or null. */
function closingFenceRun(line: string): string | null {
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  const c = line[i]
  if (c !== '`' && c !== '~') return null
  let j = i
  while (line[j] === c) j++
  let k = j
  while (line[k] === ' ' || line[k] === '\t') k++
  return j - i >= 3 && k === line.length ? line.slice(i, j) : null
}

interface FenceState {
  bodyStart: number
  marker: string
  lang: string
  scanned: number
}

/** Creates the incremental renderer for one message. */
export function createStreamingMarkdown(options: StreamingMarkdownOptions = {}): StreamingMarkdown {
  const md = getMarkdownIt()
  const sanitize = options.sanitize ?? identity
  const sanitizeTail = options.sanitizeTail ?? sanitize
  let sid = sanitizerIds.get(sanitize)
  if (sid === undefined) sanitizerIds.set(sanitize, (sid = nextSanitizerId++))
  const cacheSalt = `${sid}:`

  let finished: MarkdownBlock[] = []
  let activeStart = 0
  let anchor = ''
  let fence: FenceState | null = null
  let last: { content: string; streaming: boolean; blocks: readonly MarkdownBlock[] } | null = null

  function reset(): void {
    finished = []
    activeStart = 0
    anchor = ''
    fence = null
    last = null
  }

  function continues(content: string): boolean {
    if (content.length < activeStart) return false
    return content.slice(Math.max(0, activeStart - 64), activeStart) === anchor
  }

  function htmlBlock(index: number, tokens: Token[], g: Group, env: object, final: boolean, source: string | null, useCache: boolean): MarkdownHtmlBlock {
    const tag = tokens[g.from]!.tag || tokens[g.from]!.type
    let html: string
    const key = source !== null && useCache ? cacheSalt + hashString(source) : null
    const hit = key ? htmlCache.get(key) : undefined
    if (hit) {
      html = hit.html
    } else {
      html = (final ? sanitize : sanitizeTail)(md.renderer.render(tokens.slice(g.from, g.to), md.options, env))
      if (final) html = detach(html)
      if (key) htmlCache.set(key, { tag, html }, html.length + key.length)
    }
    return { kind: 'html', key: `b${index}`, index, final, tag, html }
  }

  function block(index: number, tokens: Token[], g: Group, env: object, final: boolean, source: string | null, useCache: boolean): MarkdownBlock {
    const t = tokens[g.from]!
    if (t.type === 'fence') {
      return { kind: 'code', key: `b${index}`, index, final, lang: langOf(t.info), code: final ? detach(t.content) : t.content }
    }
    return htmlBlock(index, tokens, g, env, final, source, useCache)
  }

  /** Fast path for a growing fenced code block: only the new lines are scanned for the closing fence. */
  function openFenceBlock(content: string): MarkdownCodeBlock | null {
    if (!fence) return null
    let pos = fence.scanned
    for (let nl = content.indexOf('\n', pos); nl !== -1; nl = content.indexOf('\n', pos)) {
      const line = content.slice(pos, nl)
      const run = closingFenceRun(line)
      if (run && run[0] === fence.marker[0] && run.length >= fence.marker.length) {
        fence = null
        return null
      }
      pos = nl + 1
    }
    fence.scanned = pos
    const tail = content.slice(pos)
    const end = tail !== '' && /^[ \t]*(?:`+|~+)[ \t]*$/.test(tail) && tail.trim()[0] === fence.marker[0] ? pos : content.length
    const index = finished.length
    return { kind: 'code', key: `b${index}`, index, final: false, lang: fence.lang, code: content.slice(fence.bodyStart, end) }
  }

  let lastContent = ''

  function update(content: string, streaming: boolean): readonly MarkdownBlock[] {
    lastContent = content
    if (last && last.content === content && last.streaming === streaming) return last.blocks
    const hasRefs = !streaming && REFERENCE_DEF.test(content)
    if (!continues(content) || hasRefs) reset()

    if (streaming && fence) {
      const code = openFenceBlock(content)
      if (code) return remember(content, streaming, [...finished, code])
    }

    const region = content.slice(activeStart)
    if (!streaming) {
      const env = {}
      const tokens = md.parse(region, env)
      const groups = topLevelGroups(tokens)
      const offsets = lineOffsets(region)
      for (const g of groups) finished.push(block(finished.length, tokens, g, env, true, sliceLines(region, offsets, g), !hasRefs))
      activeStart = content.length
      anchor = content.slice(Math.max(0, activeStart - 64))
      fence = null
      return remember(content, streaming, finished.slice())
    }

    const fm = fence ? null : fenceStart(region)
    if (fm && !(fm.marker[0] === '`' && fm.info.includes('`'))) {
      fence = { bodyStart: activeStart + fm.length, marker: fm.marker, lang: langOf(fm.info), scanned: activeStart + fm.length }
      const code = openFenceBlock(content)
      if (code) return remember(content, streaming, [...finished, code])
    }

    // One parse of the healed tail per commit. Healing only changes the end of the text, so blocks above the
    // last one are the raw text's blocks: they are re-parsed raw once, when they finish, and memoized.
    const healed = healTail(region)
    const env = {}
    const tokens = md.parse(healed, env)
    const groups = topLevelGroups(tokens)
    const offsets = lineOffsets(healed)
    let finishCount = Math.max(0, groups.length - 1)
    const lastGroup = groups[groups.length - 1]
    const prev = groups[groups.length - 2]
    if (lastGroup && prev) {
      // The next block must have a complete first line before the one above it counts as finished
      // (`para\n***` is a rule only until `***bold***` turns it back into the same paragraph), unless a blank
      // line already ended it for good.
      const closedByBlank = lastGroup.lineStart > prev.lineEnd && CLOSED_BY_BLANK.test(tokens[prev.from]!.type)
      const firstLineComplete = lastGroup.lineStart + 1 < offsets.length && offsets[lastGroup.lineStart + 1]! <= region.length
      if (!firstLineComplete && !closedByBlank) finishCount--
    }
    if (finishCount > 0) finishCount = finishRaw(region, healed, offsets, groups, finishCount, hasRefs)
    const active = groups.slice(finishCount).map((g, k) => block(finished.length + k, tokens, g, env, false, null, false))
    return remember(content, streaming, finished.concat(active))
  }

  /** Renders the first `count` blocks from the raw text and memoizes them; returns how many it finished. */
  function finishRaw(region: string, healed: string, offsets: number[], groups: Group[], count: number, hasRefs: boolean): number {
    const cutAt = offsets[groups[count]!.lineStart] ?? healed.length
    const prefix = region.slice(0, cutAt)
    if (healed.slice(0, cutAt) !== prefix) return 0
    const env = {}
    const tokens = md.parse(prefix, env)
    const raw = topLevelGroups(tokens)
    if (raw.length !== count || raw.some((g, k) => g.lineStart !== groups[k]!.lineStart)) return 0
    const rawOffsets = lineOffsets(prefix)
    for (const g of raw) finished.push(block(finished.length, tokens, g, env, true, sliceLines(prefix, rawOffsets, g), !hasRefs))
    activeStart += cutAt
    anchor = lastContent.slice(Math.max(0, activeStart - 64), activeStart)
    return count
  }

  function remember(content: string, streaming: boolean, blocks: readonly MarkdownBlock[]): readonly MarkdownBlock[] {
    last = { content, streaming, blocks }
    return blocks
  }

  return { update, reset }
}

/** Plain HTML of a block: code blocks as markdown-it renders a fence (`<pre><code class="language-x">`). */
export function blockToHtml(block: MarkdownBlock): string {
  if (block.kind === 'html') return block.html
  const md = getMarkdownIt()
  const cls = block.lang ? ` class="${md.options.langPrefix}${md.utils.escapeHtml(block.lang)}"` : ''
  return `<pre><code${cls}>${md.utils.escapeHtml(block.code)}</code></pre>\n`
}

/** One-shot blocks for a finished message (the same path the streaming renderer ends with). */
export function renderMarkdownBlocks(content: string, options: StreamingMarkdownOptions = {}): readonly MarkdownBlock[] {
  return createStreamingMarkdown(options).update(content, false)
}
