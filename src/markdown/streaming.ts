import type { Token } from 'markdown-it'
import { CLOSED_BY_BLANK, closeOf, parseBlocks, sliceLines, topLevelGroups } from './blockParse'
import type { Group } from './blockParse'
import type { MarkdownBlock, MarkdownCodeBlock, MarkdownHtmlBlock } from './blocks'
import { closingFenceRun, fenceStart, langOf } from './codeFence'
import type { FenceState } from './codeFence'
import type { Growth } from './growing/index'
import { growingModule, loadGrowing } from './growing/load'
import { healTail } from './heal'
import { lineEndAfter, lineOffsets } from './lines'
import { Lru, detach, hashString } from './lru'
import { getMarkdownIt } from './md'
import { mayDefineReferences } from './references'

export { blockToHtml } from './blocks'
export type { MarkdownBlock, MarkdownCodeBlock, MarkdownHtmlBlock } from './blocks'
export type { HtmlParts } from './growing/index'

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
  /**
   * While streaming, an unfinished paragraph, list, table or quoted paragraph with more characters than this is
   * rendered in parts (finished items, rows and closed paragraph pieces once; only the rest per commit).
   * @default 4096
   */
  partsFrom?: number
  /**
   * The unfinished rest of a paragraph in parts that has found no point where its formatting closes after this
   * many characters is shown as plain text until the paragraph ends (then it is formatted in full).
   * @default 12000
   */
  plainAfter?: number
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

const identity = (html: string) => html
const sanitizerIds = new WeakMap<(html: string) => string, number>()
let nextSanitizerId = 0
/** Finished blocks by source hash, shared by every message (re-mounts and edits hit it). Bounded. */
const htmlCache = new Lru<string, CachedHtml>(2000, 2_000_000)

/** Clears the shared memo of finished blocks (tests and memory-sensitive apps). */
export function clearMarkdownCache(): void {
  htmlCache.clear()
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
  let growth: Growth | null = null
  /** After a growth gave up: not again for this block before its region is this long. */
  let growthRetry = { at: -1, length: 0 }
  const partsFrom = options.partsFrom ?? 4096
  const growthOptions = { md, sanitize, sanitizeTail, plainAfter: options.plainAfter ?? 12_000 }

  function reset(): void {
    finished = []
    activeStart = 0
    anchor = ''
    fence = null
    last = null
    growth = null
    growthRetry = { at: -1, length: 0 }
  }

  /** Advances the growing block; returns the commit's blocks while it grows, or null once it ended or gave up. */
  function grow(content: string, region: string, final: boolean): readonly MarkdownBlock[] | null {
    const step = growth!.update(region, final)
    if (!step) {
      growth = null
      growthRetry = { at: activeStart, length: Math.ceil(region.length * 1.5) }
      return null
    }
    const { partsBlock } = growingModule()!
    if (step.end === null) return [...finished, partsBlock(finished.length, step, false)]
    finished.push(partsBlock(finished.length, step, true))
    growth = null
    let end = step.end
    // Blank lines after the block belong to no block: the next region starts at the next line with text.
    for (let nl = region.indexOf('\n', end); nl !== -1 && !/[^ \t\r]/.test(region.slice(end, nl)); nl = region.indexOf('\n', end)) end = nl + 1
    activeStart += end
    anchor = content.slice(Math.max(0, activeStart - 64), activeStart)
    return null
  }

  /** Starts growing the region's only active block in parts, if it is large and of a kind that can. */
  function maybeGrow(content: string, whole: string, activeType: string): readonly MarkdownBlock[] | null {
    let region = whole
    if (region.length < partsFrom || !/^(?:paragraph_open|bullet_list_open|ordered_list_open|table_open|blockquote_open)$/.test(activeType)) return null
    if (growthRetry.at === activeStart && region.length < growthRetry.length) return null
    const tokens = parseBlocks(md, region)
    if (!tokens[0] || tokens[0].type !== activeType || closeOf(tokens, 0) !== tokens.length) return null
    // Blank lines before the block belong to no block: the region starts at the block's first line.
    const skip = lineOffsets(region)[tokens[0].map![0]] ?? 0
    if (skip > 0) {
      activeStart += skip
      anchor = content.slice(Math.max(0, activeStart - 64), activeStart)
      region = region.slice(skip)
    }
    const growing = growingModule()
    if (!growing) {
      // Rendered whole until the parts code has loaded (a view starts loading it when a stream starts).
      void loadGrowing().catch(() => undefined)
      return null
    }
    growth = growing.startGrowth(growthOptions, region, tokens[0], tokens)
    if (!growth) {
      growthRetry = { at: activeStart, length: Math.ceil(region.length * 1.5) }
      return null
    }
    return grow(content, region, false)
  }

  function continues(content: string): boolean {
    if (content.length < activeStart) return false
    return content.slice(Math.max(0, activeStart - 64), activeStart) === anchor
  }

  function htmlBlock(index: number, tokens: Token[], g: Group, env: object, final: boolean, source: string | null, useCache: boolean): MarkdownHtmlBlock {
    const tag = tokens[g.from]!.tag || tokens[g.from]!.type
    let html: string
    // A block rendered with link references defined around it depends on them: never memoized.
    const references = (env as { references?: object }).references
    const key = source !== null && useCache && (!references || Object.keys(references).length === 0) ? cacheSalt + hashString(source) : null
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

  /**
   * Fast path for a fenced code block at the start of the region: only new lines are scanned for the closing
   * fence. Returns the growing block; once the fence closes the block is finished here — its code is the lines
   * between the fences, as markdown-it has it — and null is returned (also when the final text ends inside it).
   */
  function openFenceBlock(content: string, final = false): MarkdownCodeBlock | null {
    if (!fence) return null
    const finish = (end: number, next: number) => {
      const code = content.slice(fence!.bodyStart, end)
      fence = null
      // markdown-it reads a lone `\r` as a line break; such text takes the full parse below.
      if (code.includes('\r')) return null
      const index = finished.length
      // markdown-it's normalization: NUL becomes U+FFFD.
      finished.push({ kind: 'code', key: `b${index}`, index, final: true, lang: lang!, code: detach(code.replaceAll('\u0000', '\uFFFD')) })
      activeStart = next
      anchor = content.slice(Math.max(0, activeStart - 64), activeStart)
      return null
    }
    const lang = fence.lang
    let pos = fence.scanned
    for (let nl = content.indexOf('\n', pos); ; nl = content.indexOf('\n', pos)) {
      if (nl === -1 && !final) break
      const line = content.slice(pos, nl === -1 ? content.length : nl)
      const run = closingFenceRun(line)
      if (run && run[0] === fence.marker[0] && run.length >= fence.marker.length) return finish(pos, nl === -1 ? content.length : nl + 1)
      if (nl === -1) {
        // The text ended inside the fence: the full parse below renders it as markdown-it does.
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
    const hasRefs = !streaming && mayDefineReferences(content)
    // A final render took every block as finished; text that goes on after it (an answer resumed after a drop
    // ended it) may continue its last block, so it starts over once.
    const afterFinal = last !== null && !last.streaming
    if (!continues(content) || hasRefs || afterFinal) reset()

    if (growth) {
      const grown = grow(content, content.slice(activeStart), !streaming)
      if (grown) return remember(content, streaming, grown)
    }

    if (streaming && fence) {
      const code = openFenceBlock(content)
      if (code) return remember(content, streaming, [...finished, code])
    }

    if (!streaming && fence) openFenceBlock(content, true)
    let region = content.slice(activeStart)
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
      // The fence opened and closed in this commit: the region continues after it.
      region = content.slice(activeStart)
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
    if (groups.length - finishCount === 1) {
      const grown = maybeGrow(content, content.slice(activeStart), tokens[groups[finishCount]!.from]!.type)
      if (grown) return remember(content, streaming, grown)
    }
    const active = groups.slice(finishCount).map((g, k) => block(finished.length + k, tokens, g, env, false, null, false))
    return remember(content, streaming, finished.concat(active))
  }



  /** Renders the first `count` blocks from the raw text and memoizes them; returns how many it finished. */
  function finishRaw(region: string, healed: string, offsets: number[], groups: Group[], count: number, hasRefs: boolean): number {
    const cutAt = offsets[groups[count]!.lineStart] ?? healed.length
    const prefix = region.slice(0, cutAt)
    if (healed.slice(0, cutAt) !== prefix) return 0
    // Healing may have made that boundary (`[```ts` loses its dangling `[` and becomes a fence): the raw text
    // must start a block on that line too.
    const probe = parseBlocks(md, region.slice(0, lineEndAfter(region, cutAt)))
    if (!probe.some((t) => t.level === 0 && t.nesting !== -1 && t.map?.[0] === groups[count]!.lineStart)) return 0
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

/** One-shot blocks for a finished message (the same path the streaming renderer ends with). */
export function renderMarkdownBlocks(content: string, options: StreamingMarkdownOptions = {}): readonly MarkdownBlock[] {
  return createStreamingMarkdown(options).update(content, false)
}
