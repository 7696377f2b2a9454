// The root entry names every export explicitly; this test keeps it honest: every runtime export of a
// component family's barrel is public (from `.` or `./debug`), and no entry uses `export *`.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const entries = ['src/index.ts', 'src/debug.ts', 'mocks/index.ts', 'mocks/node.ts'].filter((f) => existsSync(f))

function barrels(): string[] {
  const found: string[] = []
  for (const dir of ['src/components', 'src']) {
    if (!existsSync(dir)) continue
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      if (!name.isDirectory()) continue
      const barrel = `${dir}/${name.name}/index.ts`
      if (existsSync(barrel) && !found.includes(barrel)) found.push(barrel)
    }
  }
  return found
}

describe('public API', () => {
  it.each(entries)('%s names every export (no export *)', (file) => {
    expect(readFileSync(file, 'utf8')).not.toMatch(/export \*/)
  })

  it('exposes every runtime export of each component family and module barrel', async () => {
    const root = { ...(await import('../src/index')), ...(existsSync('src/debug.ts') ? await import('../src/debug') : {}) }
    const missing: string[] = []
    for (const barrel of barrels()) {
      const mod = (await import(/* @vite-ignore */ `../${barrel}`)) as Record<string, unknown>
      for (const name of Object.keys(mod)) if (!(name in root)) missing.push(`${barrel}: ${name}`)
    }
    expect(missing).toEqual([])
  })

  it('importing the root entry touches no browser globals (SSR-safe)', async () => {
    expect(typeof window).toBe('undefined')
    await expect(import('../src/index')).resolves.toBeDefined()
  })
})
