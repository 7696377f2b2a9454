import { REDACTED, redactText } from '../diagnostics/redact'
import { authHeader } from './checks/auth-header'
import { type Check } from './checks/context'
import { cors } from './checks/cors'
import { errors } from './checks/errors'
import { framing } from './checks/framing'
import { heartbeats } from './checks/heartbeats'
import { noBuffering } from './checks/buffering'
import { resume } from './checks/resume'
import { tokenInQuery } from './checks/token-in-query'
import { createProbes, resolveOptions } from './probes'
import type { CheckId, CheckResult, CheckStatus, DoctorOptions, DoctorReport } from './types'
import { TITLES, result, worst } from './words'

const CHECKS: readonly Check[] = [authHeader, tokenInQuery, cors, noBuffering, heartbeats, resume, errors, framing]

/** The checks in report order, with their titles. */
export const DOCTOR_CHECKS: readonly { id: CheckId; title: string }[] = CHECKS.map((c) => ({ id: c.id, title: TITLES[c.id] }))

/** Every string of a result with the token (and anything shaped like a credential) replaced. */
function redact(check: CheckResult, token: string): CheckResult {
  const clean = (text: string) => redactText(token ? text.split(token).join(REDACTED) : text)
  return { ...check, observed: clean(check.observed), advice: clean(check.advice) }
}

/**
 * Checks an endpoint against the streaming contract (docs/streaming.md): the eight checks of
 * `npx vue-chat-stream doctor`, over any fetch (Node's, the browser's). One answer is generated per run; the
 * requests that must be refused run beside it. Never throws for what the server does: that is what results say.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const o = resolveOptions(options)
  const probes = createProbes(options, o)
  const results = await Promise.all(
    CHECKS.map(async (check) => {
      let out: CheckResult
      try {
        out = redact(await check.run({ probes, options: o }), o.token)
      } catch (error) {
        // A bug in a check must not hide the others' verdicts.
        out = redact(result(check.id, 'warn', `The check itself failed: ${error instanceof Error ? error.message : String(error)}.`, 'Please report this with the --json output.'), o.token)
      }
      options.onCheck?.(out)
      return out
    }),
  )
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 }
  for (const r of results) counts[r.status]++
  return {
    tool: 'vue-chat-stream doctor',
    url: redactText(o.url),
    runtime: o.runtime,
    origin: o.pageOrigin ?? null,
    resumeUrl: redactText(o.resumeUrl),
    stallTimeoutMs: o.stallTimeoutMs,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    status: worst(results.map((r) => r.status)),
    counts,
    checks: results,
  }
}
