import { formatMs } from '../diagnostics/format'
import type { CheckStatus, DoctorReport } from './types'

export interface FormatReportOptions {
  /** Wrap lines at this many columns (0 = never). @default 100 */
  width?: number
  /** ANSI colours for the status tags. @default false */
  color?: boolean
}

const TAGS: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' }
const COLORS: Record<CheckStatus, string> = { pass: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' }
const RESET = '\u001b[0m'

/** Greedy word wrap with a hanging indent; words longer than a line stay whole. */
function wrap(text: string, indent: string, first: string, width: number): string[] {
  if (width <= 0) return [first + text]
  const lines: string[] = []
  let line = first
  let empty = true
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line)
      line = indent + word
    } else line += (empty ? '' : ' ') + word
    empty = false
  }
  lines.push(line)
  return lines
}

/** The report as the CLI prints it: one block per check (status, what was seen, what to change), then a summary. */
export function formatDoctorReport(report: DoctorReport, options: FormatReportOptions = {}): string {
  const width = options.width ?? 100
  const tag = (status: CheckStatus) => (options.color ? `${COLORS[status]}${TAGS[status]}${RESET}` : TAGS[status])
  const out: string[] = [
    `vue-chat-stream doctor: ${report.url}`,
    `  resume URL: ${report.resumeUrl}`,
    `  app origin: ${report.origin ?? 'same as the API'} · stall timeout: ${formatMs(report.stallTimeoutMs)}`,
    '',
  ]
  for (const check of report.checks) {
    out.push(`${tag(check.status)}  ${check.title}`)
    out.push(...wrap(check.observed, '                ', '      observed: ', width))
    if (check.advice) out.push(...wrap(check.advice, '                ', check.status === 'pass' ? '      note:     ' : '      change:   ', width))
  }
  const { pass, warn, fail } = report.counts
  out.push('', `${report.checks.length} checks in ${formatMs(report.durationMs)}: ${pass} pass, ${warn} warn, ${fail} fail.`)
  return `${out.join('\n')}\n`
}
