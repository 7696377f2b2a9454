// A long table: every complete row is finished.
import { healTail } from '../heal'
import { closeOf, nextLineStart, parts, renderSlice, sanitizeIn, sanitizeShell } from './shared'
import type { Growth, GrowthOptions, GrowthStep } from './shared'

/** A row parses only inside a table body: sanitizers see it there. */
const ROW_OPEN = '<table><tbody>'
const ROW_CLOSE = '</tbody></table>'

/** A table with body rows: every complete row is finished; the last, partial one is live. */
export class TableGrowth implements Growth {
  readonly kind = 'table'
  private readonly stable: string[] = []
  /** Offset of the first row not yet finished. */
  private rowsAt: number

  private constructor(
    private readonly o: GrowthOptions,
    private readonly head: string,
    private readonly before: string,
  ) {
    this.rowsAt = head.length
  }

  static create(o: GrowthOptions, region: string): TableGrowth | null {
    const l1 = nextLineStart(region, 0)
    const l2 = l1 === -1 ? -1 : nextLineStart(region, l1)
    if (l2 === -1) return null
    const head = region.slice(0, l2)
    const tokens = o.md.parse(head + 'x\n', {})
    if (tokens[0]?.type !== 'table_open') return null
    const tbody = tokens.findIndex((t) => t.type === 'tbody_open')
    if (tbody === -1) return null
    const before = o.md.renderer.render(tokens.slice(0, tbody + 1), o.md.options, {})
    return new TableGrowth(o, head, before)
  }

  private row(line: string): { html: string; table: boolean } | null {
    const tokens = this.o.md.parse(this.head + line + '\n', {})
    if (tokens[0]?.type !== 'table_open') return { html: '', table: false }
    const close = closeOf(tokens, 0)
    if (tokens.length !== close) return { html: '', table: false }
    const tr = tokens.findIndex((t) => t.type === 'tbody_open')
    if (tr === -1) return { html: '', table: false }
    const html = sanitizeIn(this.o.sanitize, renderSlice(this.o.md, tokens, tr + 1, {}), ROW_OPEN, ROW_CLOSE)
    return html === null ? null : { html, table: true }
  }

  update(region: string, final: boolean): GrowthStep | null {
    const after = '</tbody>\n</table>\n'
    const before = sanitizeShell(this.o.sanitize, this.before, after)
    if (before === null) return null
    let end: number | null = null
    while (this.rowsAt <= region.length) {
      const nl = region.indexOf('\n', this.rowsAt)
      if (nl === -1 && !(final && this.rowsAt < region.length)) break
      const line = region.slice(this.rowsAt, nl === -1 ? region.length : nl)
      const row = /[^ \t]/.test(line) ? this.row(line) : { html: '', table: false }
      if (row === null) return null
      if (!row.table) {
        end = this.rowsAt
        break
      }
      this.stable.push(row.html)
      this.rowsAt = nl === -1 ? region.length + 1 : nl + 1
    }
    if (end !== null || final) return { tag: 'table', end: end ?? region.length, parts: parts(before, after, this.stable) }
    const partial = region.slice(this.rowsAt)
    let live = ''
    if (partial !== '') {
      const healed = healTail(this.head + partial)
      if (healed.length > this.head.length) {
        const tokens = this.o.md.parse(healed, {})
        const rows = tokens.findIndex((t) => t.type === 'tbody_open')
        if (tokens[0]?.type === 'table_open' && rows !== -1 && tokens.length === closeOf(tokens, 0)) {
          const row = sanitizeIn(this.o.sanitizeTail, renderSlice(this.o.md, tokens, rows + 1, {}), ROW_OPEN, ROW_CLOSE)
          if (row === null) return null
          live = row
        }
      }
    }
    return { tag: 'table', end: null, parts: parts(before, after, this.stable, live) }
  }
}
