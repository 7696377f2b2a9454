import type { ErrorDetail, ValidationIssue } from '../types'

/** Raw error-body text kept as `detail` (the Details view and diagnostics); the client reads at most 64 KB. */
export const MAX_DETAIL_CHARS = 2000
/** Lines `formatDetailLines` returns at most; the rest is one `… N more` line. */
export const MAX_DETAIL_LINES = 20
/** Characters of one formatted line. */
const MAX_LINE_CHARS = 300

/** FastAPI answers `{ detail }`; anything else is kept as (truncated) text. */
export function parseErrorBody(text: string, contentType: string): ErrorDetail {
  const trimmed = text.trim()
  if (!trimmed) return null
  if (/json/i.test(contentType) || /^[[{]/.test(trimmed)) {
    try {
      const body: unknown = JSON.parse(trimmed)
      if (body && typeof body === 'object' && !Array.isArray(body) && 'detail' in body) {
        return (body as { detail: ErrorDetail }).detail ?? null
      }
      if (body && typeof body === 'object') return body as Record<string, unknown>
      return String(body)
    } catch {
      // not JSON after all: keep the text
    }
  }
  return cut(trimmed, MAX_DETAIL_CHARS)
}

/** One FastAPI validation item (`{ loc, msg }`). */
export function isValidationIssue(value: unknown): value is ValidationIssue {
  return !!value && typeof value === 'object' && Array.isArray((value as ValidationIssue).loc) && typeof (value as ValidationIssue).msg === 'string'
}

/** True when FastAPI's 422 says the `Authorization` header did not arrive. */
export function isMissingAuthorization(detail: ErrorDetail | undefined): boolean {
  return (
    Array.isArray(detail) &&
    detail.some((d) => isValidationIssue(d) && d.loc[0] === 'header' && typeof d.loc[1] === 'string' && d.loc[1].toLowerCase() === 'authorization')
  )
}

/** One FastAPI validation issue as a person reads it: `header authorization: Field required`. */
export function formatIssue(issue: Pick<ValidationIssue, 'msg'> & { loc?: ValidationIssue['loc'] }): string {
  const where = Array.isArray(issue.loc) ? issue.loc.slice(0, 10).map(text).join(' ') : ''
  return cut(where ? `${where}: ${issue.msg}` : issue.msg, MAX_LINE_CHARS)
}

function hasMessage(value: unknown): value is { msg: string; loc?: unknown } {
  return !!value && typeof value === 'object' && typeof (value as { msg?: unknown }).msg === 'string'
}

/**
 * The server's `detail` as lines a person can read — the error notice and the debug panel show these: one line
 * per FastAPI validation issue (`header authorization: Field required`), the text of a string detail (an HTML
 * error page by its title), an object's `message` / `detail` / `error` text, or else compact JSON. Any shape
 * formats without throwing — `null` entries, nesting, huge arrays, values from a hand-edited file — in at most
 * `MAX_DETAIL_LINES` lines of at most 300 characters.
 */
export function formatDetailLines(detail: unknown): string[] {
  try {
    if (detail === undefined || detail === null) return []
    if (typeof detail === 'string') return detail.trim() ? [summarizeText(detail)] : []
    if (Array.isArray(detail)) {
      // Array.from, not map: a sparse array's holes are entries too.
      const lines = Array.from(detail.slice(0, MAX_DETAIL_LINES), formatEntry)
      if (detail.length > MAX_DETAIL_LINES) lines.push(`… ${detail.length - MAX_DETAIL_LINES} more`)
      return lines
    }
    if (typeof detail === 'object') {
      const said = messageOf(detail as Record<string, unknown>)
      return [said ?? compact(detail, MAX_LINE_CHARS)]
    }
    return [cut(text(detail), MAX_LINE_CHARS)]
  } catch {
    return ['(the server’s detail could not be read)']
  }
}

function formatEntry(entry: unknown): string {
  if (hasMessage(entry)) return formatIssue({ msg: entry.msg, loc: Array.isArray(entry.loc) ? entry.loc : undefined })
  if (typeof entry === 'string') return cut(entry, MAX_LINE_CHARS)
  return compact(entry, MAX_LINE_CHARS)
}

/** An object's own sentence: `message`, `detail` or `error` when it is text. */
function messageOf(value: Record<string, unknown>): string | undefined {
  for (const key of ['message', 'detail', 'error'] as const) {
    const said = Object.hasOwn(value, key) ? value[key] : undefined
    if (typeof said === 'string') return cut(said, MAX_LINE_CHARS)
  }
  return undefined
}

/** `formatDetailLines` on one line (logs, findings). */
export function formatDetail(detail: unknown): string {
  return formatDetailLines(detail).join('; ')
}

/**
 * The detail inside an error sentence. Validation issues keep the server's dotted field path
 * (`header.authorization — Field required`), so the sentence can be matched against the server's own log line;
 * an HTML page is named by its title, never pasted in; anything else reads as in `formatDetail`, cut to 300
 * characters.
 */
export function quoteDetail(detail: unknown): string {
  try {
    if (Array.isArray(detail) && detail.length > 0 && detail.every(isValidationIssue)) {
      const quoted = detail.slice(0, 5).map((d) => `${d.loc.slice(0, 10).map(text).join('.')} — ${d.msg}`)
      if (detail.length > 5) quoted.push(`${detail.length - 5} more`)
      return cut(quoted.join('; '), MAX_LINE_CHARS)
    }
    return cut(formatDetail(detail), MAX_LINE_CHARS)
  } catch {
    return ''
  }
}

/** `a<b>c` → `a c`, as `replace(/<[^>]*>/g, ' ')` but linear: that regex rescans to the end from every `<`. */
function withoutTags(html: string): string {
  let out = ''
  let at = 0
  for (let open = html.indexOf('<'); open !== -1; open = html.indexOf('<', at)) {
    const close = html.indexOf('>', open)
    if (close === -1) break
    out += `${html.slice(at, open)} `
    at = close + 1
  }
  return out + html.slice(at)
}

/**
 * A non-JSON error body in one line: an HTML page by its `<title>` (or first heading), other text by its first
 * line. Proxies and frameworks answer errors with pages; their markup belongs in the details, not in a sentence.
 */
export function summarizeText(body: string): string {
  const trimmed = body.trim()
  if (isHtml(trimmed)) {
    const head = trimmed.slice(0, MAX_DETAIL_CHARS)
    const title = /<title[^>]*>([^<]*)</i.exec(head)?.[1] ?? /<h1[^>]*>([^<]*)</i.exec(head)?.[1]
    const words = (title ?? withoutTags(head)).replace(/\s+/g, ' ').trim()
    return words ? `HTML page: ${cut(words, 120)}` : 'an HTML page'
  }
  const newline = trimmed.search(/[\r\n]/)
  const first = newline === -1 ? trimmed : `${trimmed.slice(0, newline).trimEnd()} …`
  return cut(first, MAX_LINE_CHARS)
}

function isHtml(text: string): boolean {
  return /^<(?:!doctype\s+html|html|head|body|center|h1|div|p|title)\b/i.test(text)
}

/** Any value as text, never throwing (symbols, objects without a prototype). */
function text(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return typeof value === 'object' && value !== null ? compact(value, 80) : String(value)
  } catch {
    return '?'
  }
}

function cut(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value
}

/**
 * Compact JSON of any value within `max` characters. A long array is cut before it is written; what JSON cannot
 * write — a cycle, nesting too deep for the stack, a BigInt, a getter that throws — reads as `[…]` / `{…}`.
 */
export function compact(value: unknown, max: number): string {
  try {
    const json = JSON.stringify(Array.isArray(value) && value.length > max ? value.slice(0, max) : value)
    return cut(json ?? String(value), max)
  } catch {
    return typeof value !== 'object' || value === null ? text(value) : Array.isArray(value) ? '[…]' : '{…}'
  }
}
