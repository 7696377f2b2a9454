import type { Probes, ResolvedOptions } from '../probes'
import type { CheckId, CheckResult } from '../types'

/** What every check gets: the shared requests and the options with their defaults. */
export interface CheckContext {
  probes: Probes
  options: ResolvedOptions
}

export interface Check {
  id: CheckId
  run(ctx: CheckContext): Promise<CheckResult>
}
