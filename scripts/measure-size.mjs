// Package size, as two numbers (docs/performance.md, checked by test/package.test.ts):
//  - library: the root entry as published (dist/index.js and the chunks it imports statically; dependencies
//    stay external, as in the tarball), gzip;
//  - app: what an app downloads before its first render when it imports the root entry — dist/index.js
//    bundled with its dependencies by Vite, minified, `vue` and `pinia` external (peers the app has anyway).
//    Dynamic chunks (shiki's runtime, themes and grammars) are listed separately.
//  - debug: the same for `vue-chat-stream/debug` (dist/debug.js) on its own, and what valibot — the diagnostics
//    import's schema library, in that entry only — costs there: the functions src/diagnostics/parse.ts imports,
//    bundled and minified alone.
//  - the debug side: the same app plus `import('vue-chat-stream/debug')` behind a flag (docs/operations.md): the
//    first-render JS must not grow, and the panel must be in chunks loaded on demand only. With no import of
//    `./debug` at all, an app ships none of it (the first measurement: no debug module in any chunk).
// Needs `dist/` (run `npm run build` or `vite build --config vite.lib.config.ts` first).
// Usage: node scripts/measure-size.mjs [--json]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const gz = (code) => gzipSync(code, { level: 9 }).length

/** The published root entry plus every chunk it imports statically (relative imports inside dist/). */
function libraryClosure(entry) {
  const seen = new Map()
  const visit = (file) => {
    if (seen.has(file)) return
    const code = readFileSync(file, 'utf8')
    seen.set(file, code)
    for (const [, spec] of code.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(join(dirname(file), spec))
  }
  visit(entry)
  return [...seen].map(([file, code]) => ({ file: file.slice(root.length + 1), gzip: gz(code) }))
}

function packageOf(id) {
  const rest = id.split('node_modules/').pop()
  if (rest === id) return 'vue-chat-stream'
  const parts = rest.split('/')
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
}

async function appBundle(entry) {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    // What an app ships: a production build, also when this runs inside vitest (NODE_ENV=test would keep the
    // development-only warnings of the library and its dependencies in the bundle).
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: 'app' },
      rollupOptions: { external: ['vue', 'pinia'] },
    },
  })
  const output = (Array.isArray(result) ? result[0] : result).output.filter((c) => c.type === 'chunk')
  const byName = new Map(output.map((c) => [c.fileName, c]))
  const initial = new Set()
  const walk = (name) => {
    const chunk = byName.get(name)
    if (!chunk || initial.has(name)) return
    initial.add(name)
    chunk.imports.forEach(walk)
  }
  walk(output.find((c) => c.isEntry).fileName)
  const describe = (c) => ({
    file: c.fileName,
    gzip: gz(c.code),
    packages: [...new Set(Object.keys(c.modules).map(packageOf))].sort(),
    modules: Object.keys(c.modules).map((id) => id.split('node_modules/').pop().replace(`${root}/`, '')),
  })
  return {
    initial: output.filter((c) => initial.has(c.fileName)).map(describe),
    lazy: output.filter((c) => !initial.has(c.fileName)).map(describe),
  }
}

/** valibot as the diagnostics import uses it: exactly the names src/diagnostics/parse.ts imports, minified, gzip. */
async function valibotCost() {
  const source = readFileSync(join(root, 'src/diagnostics/parse.ts'), 'utf8')
  const names = /import \{([^}]*)\} from 'valibot'/.exec(source)?.[1]
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n && !n.startsWith('type '))
  if (!names?.length) return { names: [], gzip: 0 }
  // A throwaway entry inside the project, so `valibot` resolves from its node_modules.
  const dir = join(root, 'node_modules/.cache')
  mkdirSync(dir, { recursive: true })
  const entry = join(dir, 'vcs-valibot-as-used.mjs')
  writeFileSync(entry, `export { ${names.join(', ')} } from 'valibot'\n`)
  let result
  try {
    result = await build({
      configFile: false,
      logLevel: 'silent',
      root,
      build: { write: false, minify: true, target: 'es2022', lib: { entry, formats: ['es'], fileName: 'valibot' } },
    })
  } finally {
    rmSync(entry, { force: true })
  }
  const code = (Array.isArray(result) ? result[0] : result).output.filter((c) => c.type === 'chunk').map((c) => c.code).join('\n')
  return { names, gzip: gz(code) }
}

/** Modules of the debug side (the `./debug` entry's own code: panel, diagnostics, doctor, reactivity monitor). */
export const DEBUG_MODULE = /src\/(debug\.ts|diagnostics\/|doctor\/|components\/StreamingDebugPanel\/|composables\/useReactivityMonitor)|dist\/debug\.js|StreamingDebugPanel/

/** An app that opens the debug panel only when a flag says so: `if (flag) import('vue-chat-stream/debug')`. */
async function flaggedDebugApp() {
  const dir = mkdtempSync(join(tmpdir(), 'vcs-size-'))
  const entry = join(dir, 'app.js')
  writeFileSync(
    entry,
    [
      `export * from ${JSON.stringify(join(root, 'dist/index.js'))}`,
      `export const openDebugPanel = () => import(${JSON.stringify(join(root, 'dist/debug.js'))})`,
    ].join('\n'),
  )
  try {
    return await appBundle(entry)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function measureSize() {
  const entry = join(root, 'dist/index.js')
  if (!existsSync(entry)) throw new Error('dist/index.js is missing: run `npm run build` first')
  const library = libraryClosure(entry)
  const app = await appBundle(entry)
  const debug = await appBundle(join(root, 'dist/debug.js'))
  const sum = (list) => list.reduce((n, c) => n + c.gzip, 0)
  const debugIn = (chunks) => chunks.filter((c) => c.modules.some((m) => DEBUG_MODULE.test(m)))
  const flagged = await flaggedDebugApp()
  return {
    library,
    libraryGzip: sum(library),
    app,
    appInitialGzip: sum(app.initial),
    debug,
    debugInitialGzip: sum(debug.initial),
    valibot: await valibotCost(),
    // Without an import of ./debug: no debug module anywhere in the app, not even in a lazy chunk.
    appDebugChunks: debugIn([...app.initial, ...app.lazy]).map((c) => c.file),
    flaggedDebug: {
      initialGzip: sum(flagged.initial),
      initialDebugChunks: debugIn(flagged.initial).map((c) => c.file),
      lazyDebugGzip: sum(debugIn(flagged.lazy)),
      lazyDebugChunks: debugIn(flagged.lazy).map((c) => c.file),
    },
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = await measureSize()
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(size))
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`
    console.log(`library (root entry as published, dependencies external): ${kb(size.libraryGzip)} gzip`)
    for (const c of size.library) console.log(`  ${c.file} ${kb(c.gzip)}`)
    console.log(`app, before first render (dependencies bundled, vue/pinia external): ${kb(size.appInitialGzip)} gzip`)
    for (const c of size.app.initial) console.log(`  ${c.file} ${kb(c.gzip)}: ${c.packages.join(', ')}`)
    console.log('app, loaded on demand:')
    for (const c of size.app.lazy) console.log(`  ${c.file} ${kb(c.gzip)}: ${c.packages.join(', ')}`)
    console.log(`debug entry alone, before first render (dependencies bundled, vue/pinia external): ${kb(size.debugInitialGzip)} gzip`)
    for (const c of size.debug.initial) console.log(`  ${c.file} ${kb(c.gzip)}: ${c.packages.join(', ')}`)
    console.log(`  of which valibot (${size.valibot.names.length} functions, as the diagnostics import uses them): ${kb(size.valibot.gzip)} gzip`)
    const f = size.flaggedDebug
    console.log(`debug side, app without an import of vue-chat-stream/debug: ${size.appDebugChunks.length ? `IN ${size.appDebugChunks.join(', ')}` : 'none in any chunk'}`)
    console.log(
      `debug side behind a flag (import('vue-chat-stream/debug')): first render ${kb(f.initialGzip)} gzip (${f.initialDebugChunks.length ? `debug IN ${f.initialDebugChunks.join(', ')}` : 'no debug module'}), panel on demand ${kb(f.lazyDebugGzip)} gzip in ${f.lazyDebugChunks.length} chunk(s)`,
    )
  }
}
