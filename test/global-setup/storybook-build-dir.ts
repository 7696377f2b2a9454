// Unit-project globalSetup: a temporary directory per run in which the first test file that needs a built
// Storybook builds it once (test/support/storybook-build.ts) and every other file reuses it. Nothing is built
// here, so a unit run that needs no Storybook pays nothing.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** An empty directory of this run; `builtStorybook()` builds into it on first use. */
    storybookBuildDir: string
  }
}

export default function setup(project: TestProject) {
  const dirs: string[] = []
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcs-storybook-'))
    dirs.push(dir)
    project.provide('storybookBuildDir', dir)
  }
  fresh()
  // Watch mode: sources may have changed since the last build.
  project.onTestsRerun(fresh)
  return () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
}
