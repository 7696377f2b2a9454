// Lets plain `node` (20.19+, which has no --experimental-strip-types) run the harness's TypeScript sources:
// `node --import ./mocks/register-ts.mjs mocks/cli.ts`. Types are erased by esbuild when it is installed
// (fast; Storybook and Vite bring it) or else by the project's `typescript` (transpileModule). No type checking.
// Imports inside mocks/ name the emitted file (`./plan.js`), as TypeScript expects from a library: the declarations
// shipped in dist/types then point at files that exist. Here a missing `./x.js` imported from a `.ts` file is
// resolved to its `./x.ts` source, as tsc and Vite do; src/'s extensionless `./x` to `./x.ts` or `./x/index.ts`.
import { readFile } from 'node:fs/promises'
import { register } from 'node:module'
import { isMainThread } from 'node:worker_threads'

if (isMainThread) register(import.meta.url)

let strip
async function stripper() {
  try {
    const { transform } = await import('esbuild')
    return async (source, url) =>
      (await transform(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: url, sourcemap: 'inline' })).code
  } catch {
    const ts = (await import('typescript')).default
    return (source, url) => transpile(ts, source, url)
  }
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    const fromTs = context.parentURL?.startsWith('file:') && context.parentURL.endsWith('.ts')
    const relative = /^\.{1,2}\//.test(specifier)
    const missing = error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'ERR_UNSUPPORTED_DIR_IMPORT'
    if (!missing || !fromTs || !relative) throw error
    if (specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context)
    // src/ imports without an extension, as Vite and tsc (moduleResolution Bundler) resolve them.
    if (!/\.[cm]?[jt]s$/.test(specifier)) {
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return await nextResolve(candidate, context)
        } catch {
          // try the next form
        }
      }
    }
    throw error
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  strip ??= await stripper()
  const source = await readFile(new URL(url), 'utf8')
  return { format: 'module', source: await strip(source, url), shortCircuit: true }
}

function transpile(ts, source, url) {
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  })
  return outputText
}
