import { formatDetail } from '../errors'
import { formatMs } from '../diagnostics/format'
import type { ErrorDetail } from '../types'
import type { Probe } from './probes'
import type { CheckId, CheckResult, CheckStatus } from './types'

export const ms = (value: number | undefined) => formatMs(value)

/** The content type without parameters, or `no Content-Type`. */
export function contentTypeOf(probe: Probe): string {
  const type = probe.headers?.get('content-type')
  return type ? type.split(';')[0]!.trim() : 'no Content-Type'
}

/** What came back, in a few words: `401 application/json`, or why nothing did. */
export function answerOf(probe: Probe): string {
  if (probe.status === undefined) return `no answer (${probe.error ?? 'unknown error'})`
  return `${probe.status} ${contentTypeOf(probe)}`
}

/** An error body as the client reads it: JSON with `detail` (FastAPI's shape), or not. */
export function readError(probe: Probe): { json: boolean; detail: ErrorDetail | undefined; excerpt: string } {
  const text = (probe.body ?? '').trim()
  const excerpt = text.length > 60 ? `${text.slice(0, 57).replace(/\s+/g, ' ')}…` : text.replace(/\s+/g, ' ')
  if (!/json/i.test(probe.headers?.get('content-type') ?? '')) return { json: false, detail: undefined, excerpt }
  try {
    const body: unknown = JSON.parse(text)
    const detail = body && typeof body === 'object' && 'detail' in body ? (body as { detail: ErrorDetail }).detail : undefined
    return { json: true, detail: detail ?? undefined, excerpt }
  } catch {
    return { json: false, detail: undefined, excerpt }
  }
}

/** `(header authorization: Field required)`, or '' when the body says nothing readable. */
export function detailOf(probe: Probe): string {
  const { detail } = readError(probe)
  const text = formatDetail(detail)
  return text ? ` (${text})` : ''
}

/** A header's comma-separated values, lower-cased. */
export function listHeader(probe: Probe | undefined, name: string): string[] {
  return (probe?.headers?.get(name) ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean)
}

/** The worst of several statuses. */
export function worst(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass'
}

export const TITLES: Record<CheckId, string> = {
  'auth-header': 'Auth by header',
  'token-in-query': 'Token in the URL is refused',
  cors: 'CORS for the Authorization header',
  'no-buffering': 'No buffering',
  heartbeats: 'Heartbeats within the stall timeout',
  resume: 'Resume with Last-Event-ID',
  errors: 'Readable errors',
  framing: 'SSE framing',
}

export function result(id: CheckId, status: CheckStatus, observed: string, advice = ''): CheckResult {
  return { id, title: TITLES[id], status, observed, advice }
}

/** A check that needs the answer stream when there is none: not a second failure, a pointer to the first. */
export function needsStream(id: CheckId, main: Probe): CheckResult {
  const why = main.status === undefined ? 'the request failed' : `it answered ${answerOf(main)}`
  return result(id, 'warn', `Not checked: the POST gave no event stream to look at (${why}).`, 'Fix “Auth by header” first, then run again.')
}
