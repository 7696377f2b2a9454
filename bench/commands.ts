// Server-side browser commands for the benchmarks (run in Node, beside Playwright).
import { loadavg } from 'node:os'
import type { BrowserCommand } from 'vitest/node'

/** The machine's 1-, 5- and 15-minute load averages: every benchmark prints them beside its numbers. */
export const loadAverage: BrowserCommand<[]> = () => loadavg()
