// A long top-level list: an item is finished once the next one starts.
import type { Token } from 'markdown-it'
import { healTail } from '../heal'
import { closeOf, lineStartOf, parts, renderSlice, sanitizeShell } from './shared'
import type { Growth, GrowthOptions, GrowthStep } from './shared'

/** A top-level list: items are finished once the next item starts; the last item is live. */
export class ListGrowth implements Growth {
  readonly kind = 'list'
  private readonly stable: string[] = []
  /** Offset of the live (last) item's first line. */
  private liveStart = 0
  /** A finished item is a task (the list then carries the task-list class for good). */
  private stableTask = false

  private constructor(
    private readonly o: GrowthOptions,
    private readonly open: string,
    private readonly markup: string,
    private readonly loose: boolean,
    /** The list's opening tag without and with the task-list class (markdown-it renders it from its token). */
    private readonly openTag: readonly [plain: string, task: string],
  ) {}

  static create(o: GrowthOptions, region: string): ListGrowth | null {
    const tokens = o.md.parse(region, {})
    const first = tokens[0]
    if (!first || (first.type !== 'bullet_list_open' && first.type !== 'ordered_list_open')) return null
    const close = closeOf(tokens, 0)
    const items = itemStarts(tokens, 0, close)
    const plain = first.attrs?.filter(([name]) => name !== 'class') ?? null
    const tag = (attrs: [string, string][] | null) => {
      const t = new (first.constructor as new (type: string, tag: string, nesting: number) => Token)(first.type, first.tag, 1)
      t.attrs = attrs && attrs.length > 0 ? attrs : null
      t.block = true
      return o.md.renderer.render([t], o.md.options, {})
    }
    const openTag = [tag(plain), tag([...(plain ?? []), ['class', 'vcs-task-list']])] as const
    return new ListGrowth(o, first.type, tokens[items[0]!]!.markup, isLoose(tokens, 0, close), openTag)
  }

  update(region: string, final: boolean): GrowthStep | null {
    const md = this.o.md
    const window = region.slice(this.liveStart)
    const tokens = md.parse(window, {})
    const first = tokens[0]
    if (!first || first.type !== this.open) return null
    const close = closeOf(tokens, 0)
    const items = itemStarts(tokens, 0, close)
    if (items.length === 0 || tokens[items[0]!]!.markup !== this.markup) return null
    // Looseness belongs to the whole list: a window that turns loose while the list was tight starts over.
    if (isLoose(tokens, 0, close) && !this.loose) return null
    setTight(tokens, 0, close, !this.loose)
    // The list ends where the next top-level block starts (its first line complete), or with the text.
    const nextLine = tokens[close]?.map?.[0]
    let end: number | null = null
    if (nextLine !== undefined && (final || lineStartOf(window, nextLine + 1) !== -1)) end = this.liveStart + lineStartOf(window, nextLine)
    const complete = end !== null || final ? items.length : items.length - 1
    for (let k = 0; k < complete; k++) {
      this.stable.push(this.o.sanitize(renderSlice(md, tokens, items[k]!, {})))
      this.stableTask ||= (tokens[items[k]!]!.attrGet('class') ?? '').includes('vcs-task-item')
    }
    const task = this.stableTask || (first.attrGet('class') ?? '').includes('vcs-task-list')
    const before = sanitizeShell(this.o.sanitize, this.openTag[task ? 1 : 0], `</${first.tag}>\n`)
    if (before === null) return null
    if (end !== null || final) {
      return { tag: first.tag, end: end ?? region.length, parts: parts(before, `</${first.tag}>\n`, this.stable) }
    }
    if (complete > 0) this.liveStart += lineStartOf(window, tokens[items[complete]!]!.map![0])
    // The live item, healed: render it from a parse of the healed text.
    const healed = healTail(region.slice(this.liveStart))
    let live = ''
    if (healed.trim() !== '') {
      const ht = md.parse(healed, {})
      if (ht[0]?.type === this.open) {
        const hc = closeOf(ht, 0)
        setTight(ht, 0, hc, !this.loose)
        const hi = itemStarts(ht, 0, hc)
        live = this.o.sanitizeTail(hi.map((i) => renderSlice(md, ht, i, {})).join(''))
      }
    }
    return { tag: first.tag, end: null, parts: parts(before, `</${first.tag}>\n`, this.stable, live) }
  }
}

/** Indices of the list's own items (`list_item_open` one level below the list). */
function itemStarts(tokens: readonly Token[], list: number, close: number): number[] {
  const level = tokens[list]!.level + 1
  const out: number[] = []
  for (let j = list + 1; j < close; j++) if (tokens[j]!.type === 'list_item_open' && tokens[j]!.level === level) out.push(j)
  return out
}

/** A list is loose when markdown-it left its item paragraphs visible. */
function isLoose(tokens: readonly Token[], list: number, close: number): boolean {
  const level = tokens[list]!.level + 2
  for (let j = list + 1; j < close; j++) {
    const t = tokens[j]!
    if (t.type === 'paragraph_open' && t.level === level) return !t.hidden
  }
  return false
}

/** What markdown-it's `markTightParagraphs` does, for a window of a list whose looseness is known. */
function setTight(tokens: Token[], list: number, close: number, tight: boolean): void {
  const level = tokens[list]!.level + 2
  for (let j = list + 1; j < close; j++) {
    const t = tokens[j]!
    if ((t.type === 'paragraph_open' || t.type === 'paragraph_close') && t.level === level) t.hidden = tight
  }
}
