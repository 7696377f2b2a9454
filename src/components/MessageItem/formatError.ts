import type { ErrorDetail, StreamErrorInfo } from '../../types'

/**
 * The server's detail as lines a person can read. FastAPI validation items become
 * `header authorization: Field required`; strings pass through; objects show their `message`/`detail`.
 */
export function formatErrorDetail(detail: ErrorDetail | undefined): string[] {
  if (detail === undefined || detail === null) return []
  if (typeof detail === 'string') return detail.trim() ? [detail] : []
  if (Array.isArray(detail)) {
    return detail.map((issue) => {
      const loc = Array.isArray(issue.loc) ? issue.loc.join(' ') : ''
      return loc ? `${loc}: ${issue.msg}` : String(issue.msg)
    })
  }
  for (const key of ['message', 'detail', 'error'] as const) {
    const v = detail[key]
    if (typeof v === 'string') return [v]
  }
  return [JSON.stringify(detail)]
}

/** A short heading for an error: `HTTP 422`, `Network error`, … */
export function errorTitle(error: StreamErrorInfo): string {
  switch (error.kind) {
    case 'http':
      return error.status ? `HTTP ${error.status}` : 'Server error'
    case 'network':
      return 'Network error'
    case 'stall':
      return 'The stream stalled'
    case 'protocol':
      return 'Unexpected response'
    case 'aborted':
      return 'Stopped'
    default:
      return 'Error'
  }
}
