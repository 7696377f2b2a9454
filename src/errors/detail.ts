import type { ErrorDetail, ValidationIssue } from '../types'

const MAX_DETAIL_CHARS = 2000

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
  return trimmed.length > MAX_DETAIL_CHARS ? `${trimmed.slice(0, MAX_DETAIL_CHARS)}…` : trimmed
}

/** One FastAPI validation item (`{ loc, msg }`). */
export function isValidationIssue(value: unknown): value is ValidationIssue {
  return !!value && typeof value === 'object' && Array.isArray((value as ValidationIssue).loc) && typeof (value as ValidationIssue).msg === 'string'
}

/** True when FastAPI's 422 says the `Authorization` header did not arrive. */
export function isMissingAuthorization(detail: ErrorDetail | undefined): boolean {
  return (
    Array.isArray(detail) &&
    detail.some((d) => isValidationIssue(d) && d.loc[0] === 'header' && String(d.loc[1]).toLowerCase() === 'authorization')
  )
}

/** One FastAPI validation issue as a person reads it: `header authorization: Field required`. */
export function formatIssue(issue: Pick<ValidationIssue, 'msg'> & { loc?: ValidationIssue['loc'] }): string {
  const where = Array.isArray(issue.loc) ? issue.loc.map(String).join(' ') : ''
  return where ? `${where}: ${issue.msg}` : issue.msg
}

function hasMessage(value: unknown): value is { msg: string } {
  return !!value && typeof value === 'object' && typeof (value as { msg?: unknown }).msg === 'string'
}

/**
 * The server's `detail` as lines a person can read — the error notice and the debug panel show these: one line
 * per FastAPI validation issue (`header authorization: Field required`), the text of a string detail, an
 * object's `message` / `detail` / `error` text, or else compact JSON.
 */
export function formatDetailLines(detail: ErrorDetail | undefined): string[] {
  if (detail === undefined || detail === null) return []
  if (typeof detail === 'string') return detail.trim() ? [detail] : []
  if (Array.isArray(detail)) return detail.map((d) => (hasMessage(d) ? formatIssue(d) : JSON.stringify(d)))
  for (const key of ['message', 'detail', 'error'] as const) {
    const text = detail[key]
    if (typeof text === 'string') return [text]
  }
  try {
    return [JSON.stringify(detail).slice(0, 500)]
  } catch {
    return []
  }
}

/** `formatDetailLines` on one line (logs, findings). */
export function formatDetail(detail: ErrorDetail | undefined): string {
  return formatDetailLines(detail).join('; ')
}

/**
 * The detail inside an error sentence. Validation issues keep the server's dotted field path
 * (`header.authorization — Field required`), so the sentence can be matched against the server's own log line;
 * anything else reads as in `formatDetail`, cut to 300 characters.
 */
export function quoteDetail(detail: ErrorDetail | undefined): string {
  if (Array.isArray(detail) && detail.length > 0 && detail.every(isValidationIssue)) {
    return detail.map((d) => `${d.loc.join('.')} — ${d.msg}`).join('; ')
  }
  return formatDetail(detail).slice(0, 300)
}
