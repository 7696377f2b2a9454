// The public API, recorded: one API Extractor report per package entry in api/, built from the declarations the
// package ships (vue-tsc, as `npm run build` emits them). `npm test` fails when a report is out of date
// (test/api-report.test.ts), so a change to what app teams can import is a reviewed diff.
//
//   npm run api:check    compare (prints what changed)
//   npm run api:update   rewrite api/*.api.md after a deliberate change
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** package.json `exports` subpath → the report's name. Every code entry must be here (the test checks). */
export const API_ENTRIES = {
  '.': 'vue-chat-stream',
  './debug': 'vue-chat-stream-debug',
  './markdown': 'vue-chat-stream-markdown',
  './mocks': 'vue-chat-stream-mocks',
  './mocks/node': 'vue-chat-stream-mocks-node',
}

function entryDeclarations(dtsDir) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  return Object.entries(API_ENTRIES).map(([subpath, name]) => {
    const types = pkg.exports[subpath]?.types
    if (!types) throw new Error(`package.json exports has no "types" for ${subpath}`)
    return { subpath, name, file: join(dtsDir, types.replace(/^\.\/dist\/types\//, '')) }
  })
}

/**
 * Builds the declarations into a scratch folder inside the project (so `vue`, `pinia`, … resolve from
 * node_modules) and runs API Extractor once per entry. `update`: rewrite the committed reports.
 * Returns the entries whose report differs from the committed one, with the path of the new report.
 */
export function apiReports({ update = false } = {}) {
  // Inside the project (so `vue`, `pinia`, … resolve from node_modules), but not under node_modules, which API
  // Extractor would take for a foreign package. .cache/ is git-ignored.
  const scratch = join(root, '.cache', 'api-report')
  const dtsDir = join(scratch, 'types')
  rmSync(scratch, { recursive: true, force: true })
  mkdirSync(join(scratch, 'reports'), { recursive: true })
  if (update) mkdirSync(join(root, 'api'), { recursive: true })
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/vue-tsc/bin/vue-tsc.js'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dtsDir], {
      cwd: root,
      stdio: 'pipe',
    })
    const changed = []
    const problems = []
    for (const entry of entryDeclarations(dtsDir)) {
      const config = ExtractorConfig.prepare({
        configObjectFullPath: undefined,
        packageJsonFullPath: join(root, 'package.json'),
        configObject: {
          projectFolder: root,
          mainEntryPointFilePath: entry.file,
          compiler: {
            overrideTsconfig: {
              compilerOptions: {
                target: 'ES2022',
                module: 'ESNext',
                moduleResolution: 'Bundler',
                lib: ['ES2023', 'DOM', 'DOM.Iterable'],
                strict: true,
                skipLibCheck: true,
                types: ['node'],
              },
              include: [dtsDir],
            },
          },
          apiReport: {
            enabled: true,
            reportFileName: `${entry.name}.api.md`,
            reportFolder: join(root, 'api'),
            reportTempFolder: join(scratch, 'reports'),
          },
          docModel: { enabled: false },
          dtsRollup: { enabled: false },
          tsdocMetadata: { enabled: false },
          messages: {
            compilerMessageReporting: { default: { logLevel: 'warning' } },
            // Findings such as a type used by an export but not exported itself stay visible in the report.
            extractorMessageReporting: {
              default: { logLevel: 'none', addToApiReportFile: true },
              'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
              'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
            },
            tsdocMessageReporting: { default: { logLevel: 'none' } },
          },
        },
      })
      const result = Extractor.invoke(config, {
        localBuild: update,
        messageCallback(message) {
          if (message.logLevel === 'error' || message.logLevel === 'warning') problems.push(`${entry.subpath}: ${message.text}`)
          message.handled = true
        },
      })
      if (result.apiReportChanged) changed.push({ ...entry, report: join(root, 'api', `${entry.name}.api.md`), fresh: join(scratch, 'reports', `${entry.name}.api.md`) })
    }
    return { changed, problems, scratch }
  } finally {
    if (update) rmSync(scratch, { recursive: true, force: true })
  }
}

function diff(a, b) {
  try {
    return execFileSync('git', ['diff', '--no-index', '--', a, b], { cwd: root, encoding: 'utf8' })
  } catch (error) {
    return error.stdout ?? String(error)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update')
  const { changed, problems, scratch } = apiReports({ update })
  for (const problem of problems) console.error(problem)
  if (update) {
    console.log(changed.length ? `Updated: ${changed.map((c) => c.report).join(', ')}` : 'The API reports were up to date.')
  } else if (changed.length) {
    for (const c of changed) console.log(diff(c.report, c.fresh))
    console.error(`The public API changed (${changed.map((c) => c.subpath).join(', ')}). If that is intended: npm run api:update, and commit api/.`)
    process.exitCode = 1
  } else {
    console.log('The public API matches api/*.api.md.')
    rmSync(scratch, { recursive: true, force: true })
  }
  if (problems.length) process.exitCode = 1
}
