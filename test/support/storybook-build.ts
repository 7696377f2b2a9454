// One static Storybook build per test run, shared by every test file that needs one. Test files run in parallel
// workers; the first to take the lock builds, the others wait for its result instead of building again (two
// builds side by side on two cores take about twice as long as one).
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { inject } from 'vitest'

const run = promisify(execFile)

export interface StorybookIndexEntry {
  id: string
  type: 'story' | 'docs'
  title: string
  name: string
  importPath: string
  tags?: string[]
}

/** How long a waiting file gives the building one; a cold build takes ~25 s here. */
const BUILD_TIMEOUT_MS = 240_000

let built: Promise<string> | undefined

/** Resolves with the directory of this run's static Storybook, building it first if no other file has. */
export function builtStorybook(): Promise<string> {
  built ??= buildOrWait(inject('storybookBuildDir'))
  return built
}

/** The entries of a built Storybook's index.json, in sidebar order. */
export function storybookIndex(outDir: string): StorybookIndexEntry[] {
  const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as { entries: Record<string, StorybookIndexEntry> }
  return Object.values(index.entries)
}

async function buildOrWait(runDir: string): Promise<string> {
  const outDir = join(runDir, 'storybook-static')
  const done = join(runDir, 'done')
  const failed = join(runDir, 'failed')
  try {
    mkdirSync(join(runDir, 'lock'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return waitFor(outDir, done, failed)
  }
  try {
    await run('node_modules/.bin/storybook', ['build', '--quiet', '-o', outDir], { maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string }
    writeFileSync(failed, `${message}\n${stderr ?? ''}`)
    throw error
  }
  writeFileSync(done, '')
  return outDir
}

async function waitFor(outDir: string, done: string, failed: string): Promise<string> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (existsSync(done)) return outDir
    if (existsSync(failed)) throw new Error(`storybook build failed in another test file:\n${readFileSync(failed, 'utf8')}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`no Storybook build finished within ${BUILD_TIMEOUT_MS / 1000} s`)
}
