// Server-side browser commands for the benchmarks (run in Node, beside Playwright).
import { readFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import type { BrowserCommand } from 'vitest/node'

/** The machine's 1/5/15-minute load averages (`/proc/loadavg` where it exists), printed beside every result. */
export const loadAverage: BrowserCommand<[]> = async () => {
  try {
    const [one, five, fifteen] = (await readFile('/proc/loadavg', 'utf8')).split(' ').map(Number)
    return [one!, five!, fifteen!]
  } catch {
    return loadavg()
  }
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** 1/5/15-minute load averages of the machine running the benchmark (bench/commands.ts). */
    loadAverage: () => Promise<[number, number, number]>
  }
}
