// Every entry of package.json `exports` exists, loads, and names its exports: no entry may silently go missing
// (api-report.test.ts then pins what each one exports).
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, { types?: string } | string> }
const tsconfig = JSON.parse(readFileSync('tsconfig.json', 'utf8').replace(/^\s*\/\/.*$/gm, '')) as {
  compilerOptions: { paths: Record<string, string[]> }
}

/** `./debug` → `src/debug.ts`, through the same path mapping the typecheck and the tests use. */
function sourceOf(subpath: string): string {
  const specifier = subpath === '.' ? 'vue-chat-stream' : `vue-chat-stream/${subpath.slice(2)}`
  const mapped = tsconfig.compilerOptions.paths[specifier]?.[0]
  if (!mapped) throw new Error(`tsconfig.json has no path for ${specifier} (package.json exports ${subpath})`)
  return mapped.replace(/^\.\//, '')
}

const entries = Object.keys(pkg.exports)
  .filter((subpath) => !/\.(css|json)$/.test(subpath))
  .map((subpath) => ({ subpath, file: sourceOf(subpath) }))

const loaders: Record<string, () => Promise<Record<string, unknown>>> = {
  '.': () => import('vue-chat-stream'),
  './debug': () => import('vue-chat-stream/debug'),
  './markdown': () => import('vue-chat-stream/markdown'),
  './mocks': () => import('vue-chat-stream/mocks'),
  './mocks/node': () => import('vue-chat-stream/mocks/node'),
}

describe('public API entries', () => {
  it('are exactly the code entries of package.json, each with a source file and a loader here', () => {
    expect(entries.map((e) => e.subpath).sort()).toEqual(Object.keys(loaders).sort())
    for (const { subpath, file } of entries) expect(existsSync(file), `${subpath} → ${file}`).toBe(true)
  })

  it.each(entries)('$subpath loads and exports something', async ({ subpath }) => {
    const loader = loaders[subpath]
    expect(loader, `no loader for ${subpath}`).toBeDefined()
    const mod = await loader!()
    expect(Object.keys(mod).length).toBeGreaterThan(0)
  })

  it.each(entries)('$subpath names every export (grouped, no export *), except that ./mocks/node re-exports ./mocks', ({ subpath, file }) => {
    const source = readFileSync(file, 'utf8')
    const stars = source.match(/^export \* from .*$/gm) ?? []
    expect(stars).toEqual(subpath === './mocks/node' ? ["export * from './index.js'"] : [])
    // Grouped by purpose with plain comments, not letters of who wrote them.
    expect(source).not.toMatch(/\((S|T|M|L|P)\)/)
  })

  it('./mocks/node offers everything ./mocks does, plus the Node servers', async () => {
    const browser = await loaders['./mocks']!()
    const node = await loaders['./mocks/node']!()
    expect(Object.keys(node)).toEqual(expect.arrayContaining(Object.keys(browser)))
    expect(Object.keys(node)).toEqual(expect.arrayContaining(['startMockServer', 'createMswServer']))
  })

  it('nothing for tests leaves through an entry', async () => {
    for (const loader of Object.values(loaders)) {
      const names = Object.keys(await loader())
      expect(names.filter((name) => /manual|fake|testing/i.test(name))).toEqual([])
    }
  })

  it('importing the root entry touches no browser globals (SSR-safe)', async () => {
    expect(typeof window).toBe('undefined')
    await expect(import('vue-chat-stream')).resolves.toBeDefined()
  })
})
