// The public API is a reviewed diff: api/*.api.md records what every package entry exports (API Extractor on the
// declarations the package ships). A surface change fails here until `npm run api:update` rewrites the reports.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- plain .mjs script shared with `npm run api:check` / `api:update`
import { API_ENTRIES, apiReports } from '../scripts/api-report.mjs'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> }

describe('public API report', () => {
  it('covers every code entry of package.json', () => {
    const codeEntries = Object.keys(pkg.exports).filter((subpath) => !/\.(css|json)$/.test(subpath))
    expect(Object.keys(API_ENTRIES as Record<string, string>).sort()).toEqual(codeEntries.sort())
  })

  it('matches api/*.api.md (after a deliberate change: npm run api:update, and commit api/)', () => {
    const { changed, problems } = apiReports() as { changed: { subpath: string; report: string; fresh: string }[]; problems: string[] }
    const diffs = changed.map(({ report, fresh }) => {
      try {
        return execFileSync('git', ['diff', '--no-index', '--', report, fresh], { encoding: 'utf8' })
      } catch (error) {
        return (error as { stdout?: string }).stdout ?? String(error)
      }
    })
    expect(problems).toEqual([])
    expect(diffs.join('\n')).toBe('')
    expect(changed.map((c) => c.subpath)).toEqual([])
  }, 180_000)
})
