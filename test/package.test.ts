// What app teams install: the library build, its entries, its size, and an import in Node (SSR).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { languageLoaders } from '../src/markdown/highlight/languages'
// @ts-expect-error -- plain .mjs script shared with docs/performance.md (`node scripts/measure-size.mjs`)
import { measureSize } from '../scripts/measure-size.mjs'

interface MeasuredChunk {
  file: string
  gzip: number
  packages: string[]
  modules: string[]
}
interface Size {
  libraryGzip: number
  appInitialGzip: number
  app: { initial: MeasuredChunk[]; lazy: MeasuredChunk[] }
  debugInitialGzip: number
  debug: { initial: MeasuredChunk[]; lazy: MeasuredChunk[] }
  valibot: { names: string[]; gzip: number }
  appDebugChunks: string[]
  flaggedDebug: { initialGzip: number; initialDebugChunks: string[]; lazyDebugGzip: number; lazyDebugChunks: string[] }
}

/** The packaging issue's budget: the library's own JS for the root entry, shiki grammars and themes excluded. */
const LIBRARY_BUDGET = 60 * 1024
/**
 * What an app pays before its first render with the dependencies bundled (97 KB on 2026-11-24: markdown-it and
 * its entity tables ~42 KB, DOMPurify ~16 KB, virtual-core ~14 KB, ours ~26 KB; 102 KB with issue 16's English and
 * German catalogues ~2 KB, ChatConfigProvider, ServiceNotice, the connection line and the error layer ~3.5 KB;
 * 110 KB with issue 14's streaming render: linear scanners, block groups, code chunks, parts patched in place).
 * A guard against regressions, not a goal: the breakdown is in docs/performance.md.
 */
const APP_INITIAL_BUDGET = 115 * 1024
const SHIKI_RUNTIME = /^(shiki|@shikijs\/.*|oniguruma-.*|regex.*)$/
/**
 * `vue-chat-stream/debug` on its own (45 KB on 2026-11-24: @tanstack/virtual ~14 KB for the event log — shared with
 * MessageList in an app that renders both —, valibot 2.2 KB for the diagnostics import, the panel and the doctor).
 * A regression guard.
 */
const DEBUG_INITIAL_BUDGET = 50 * 1024
/** valibot as the diagnostics import uses it (2.2 KB on 2026-11-24). */
const VALIBOT_BUDGET = 4 * 1024

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
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './debug', './fonts.css', './markdown', './mocks', './mocks/node', './package.json', './style.css'])
    expect(pkg.sideEffects).toEqual(['*.css'])
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(['vue', 'pinia']))
  })

  it('imports in Node without touching window or document (SSR/Nuxt-safe)', async () => {
    expect(typeof window).toBe('undefined')
    const mod = (await import(/* @vite-ignore */ `${process.cwd()}/dist/index.js`)) as Record<string, unknown>
    expect(Object.keys(mod).length).toBeGreaterThan(5)
    expect(typeof document).toBe('undefined')
  })

  describe('size', () => {
    let size: Size
    beforeAll(async () => {
      size = (await measureSize()) as Size
    }, 120_000)

    it(`keeps the library's root entry within ${LIBRARY_BUDGET / 1024} KB gzip`, () => {
      expect(size.libraryGzip).toBeGreaterThan(5 * 1024)
      expect(size.libraryGzip).toBeLessThanOrEqual(LIBRARY_BUDGET)
    })

    it(`keeps an app's first-render JS within ${APP_INITIAL_BUDGET / 1024} KB gzip, shiki not in it`, () => {
      expect(size.appInitialGzip).toBeLessThanOrEqual(APP_INITIAL_BUDGET)
      const initialPackages = size.app.initial.flatMap((c) => c.packages)
      expect(initialPackages).toEqual(expect.arrayContaining(['markdown-it', 'dompurify', 'vue-chat-stream']))
      expect(initialPackages.filter((p) => SHIKI_RUNTIME.test(p))).toEqual([])
      expect(size.app.initial.flatMap((c) => c.modules).filter((m) => /StreamingDebugPanel|diagnostics/.test(m))).toEqual([])
    })

    it(`keeps valibot out of the root entry: it is in vue-chat-stream/debug only, within ${VALIBOT_BUDGET / 1024} KB gzip`, () => {
      expect([...size.app.initial, ...size.app.lazy].flatMap((c) => c.packages)).not.toContain('valibot')
      expect(size.debug.initial.flatMap((c) => c.packages)).toContain('valibot')
      expect(size.valibot.names.length).toBeGreaterThan(5)
      expect(size.valibot.gzip).toBeLessThanOrEqual(VALIBOT_BUDGET)
    })

    it(`keeps vue-chat-stream/debug within ${DEBUG_INITIAL_BUDGET / 1024} KB gzip`, () => {
      expect(size.debugInitialGzip).toBeLessThanOrEqual(DEBUG_INITIAL_BUDGET)
    })

    it('ships no debug code to an app that does not import vue-chat-stream/debug, and only on demand behind a flag', () => {
      // docs/operations.md, "Switch the debug panel off": the proof the operations kit points at.
      expect(size.appDebugChunks).toEqual([])
      expect(size.flaggedDebug.initialDebugChunks).toEqual([])
      expect(size.flaggedDebug.lazyDebugChunks.length).toBeGreaterThan(0)
      expect(size.flaggedDebug.lazyDebugGzip).toBeGreaterThan(10 * 1024)
      // Splitting out the code both entries share costs a little compression; the panel itself stays out.
      expect(size.flaggedDebug.initialGzip - size.appInitialGzip).toBeLessThan(2 * 1024)
    })

    it('loads every shiki grammar in its own chunk, on demand', () => {
      const grammarChunks = size.app.lazy.filter((c) => c.modules.some((m) => m.startsWith('@shikijs/langs/dist/')))
      // One chunk per language we list: cpp and vue pull their embedded grammars (regexp, glsl, html-derivative, …)
      // into their own chunk, and a listed language they embed (sql, css, …) stays in its own.
      expect(grammarChunks.length).toBeGreaterThanOrEqual(15)
      expect(grammarChunks).toHaveLength(Object.keys(languageLoaders).length)
      const runtime = size.app.lazy.filter((c) => c.packages.includes('@shikijs/core') || c.packages.includes('@shikijs/engine-javascript'))
      expect(runtime.length).toBeGreaterThan(0)
    })
  })

  it('keeps the debug panel out of the main entry', () => {
    const main = readFileSync('dist/index.js', 'utf8')
    expect(main).not.toMatch(/StreamingDebugPanel/)
  })
})
