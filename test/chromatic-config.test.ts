// Chromatic is configured here and run by reviewers elsewhere: this test reads the config as data only.
// It never starts a build or a publish (no network is touched).
import { readFileSync } from 'node:fs'
import { getConfiguration } from 'chromatic/node'
import { describe, expect, it } from 'vitest'
import { allModes, viewports } from '../.storybook/modes'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>
}

describe('chromatic.config.json', () => {
  it('is accepted by chromatic’s own schema', async () => {
    const config = await getConfiguration('chromatic.config.json')
    expect(config.configFile).toBe('chromatic.config.json')
    expect(config.onlyChanged).toBe(true)
    expect(config.externals).toContain('public/**')
    expect(config.buildScriptName).toBe('build-storybook')
  })

  it('carries no project token (it comes from CHROMATIC_PROJECT_TOKEN)', () => {
    const raw = readFileSync('chromatic.config.json', 'utf8')
    expect(raw).not.toMatch(/projectToken|chpt_/)
  })

  it('builds Storybook with a script that exists', () => {
    expect(pkg.scripts['build-storybook']).toMatch(/storybook build/)
    expect(pkg.scripts.chromatic).toMatch(/--config-file chromatic\.config\.json/)
  })

  it('rejects a config with an unknown option (the schema is really checked)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'vcs-chromatic-'))
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ onlyChanged: 'yes please', notAnOption: 1 }))
    await expect(getConfiguration(bad)).rejects.toThrow()
  })

  it('modes match the local visual suite: light/dark × desktop/mobile', () => {
    expect(Object.keys(allModes).sort()).toEqual(['dark desktop', 'dark mobile', 'light desktop', 'light mobile'])
    for (const mode of Object.values(allModes)) expect(viewports[mode.viewport]).toBeDefined()
  })
})
