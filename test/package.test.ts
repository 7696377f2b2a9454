// What app teams install: the library build, its entries, its size, and an import in Node (SSR).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, { import?: string; types?: string } | string>
  sideEffects: string[]
  peerDependencies: Record<string, string>
}

describe('package', () => {
  beforeAll(() => {
    execFileSync('npx', ['vite', 'build', '--config', 'vite.lib.config.ts', '--logLevel', 'error'], { stdio: 'pipe' })
  }, 240_000)

  it('ships every entry named in package.json exports', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      const file = typeof target === 'string' ? target : target.import
      expect(file, subpath).toBeDefined()
      expect(existsSync(file as string), `${subpath} → ${file}`).toBe(true)
    }
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './debug', './mocks', './mocks/node', './package.json', './style.css'])
    expect(pkg.sideEffects).toEqual(['*.css'])
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(['vue', 'pinia']))
  })

  it('imports in Node without touching window or document (SSR/Nuxt-safe)', async () => {
    expect(typeof window).toBe('undefined')
    const mod = (await import(/* @vite-ignore */ `${process.cwd()}/dist/index.js`)) as Record<string, unknown>
    expect(Object.keys(mod).length).toBeGreaterThan(5)
    expect(typeof document).toBe('undefined')
  })

  it('keeps the debug panel out of the main entry', () => {
    const main = readFileSync('dist/index.js', 'utf8')
    expect(main).not.toMatch(/StreamingDebugPanel/)
  })
})
