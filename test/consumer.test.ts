// The app team's path, end to end: `npm pack` the library, install the tarball into a copy of examples/chat-app,
// compile the shipped declarations there, build the app, and watch an answer stream in from the real mock server
// in Chromium, and run the package's `vue-chat-stream doctor` bin against it. Nothing comes from this repo's sources at
// run time — only from the tarball.
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtures } from 'vue-chat-stream/mocks'
import { startMockServer, type MockServer } from 'vue-chat-stream/mocks/node'
import type { DoctorReport } from '../src/doctor'
import { launchChromium } from './support/chromium'
import { serveDirectory, type StaticServer } from './support/static-server'

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
const EXAMPLE = join(root, 'examples', 'chat-app')
/** What `npm run mock-server` serves by default; its content drives every assertion on the rendered answer. */
const FIXTURE = fixtures['short-answer']
const QUESTION = 'How do you keep a streamed answer smooth?'
/** Slow enough that the page paints several partial answers, fast enough to finish in about a second. */
const TIME_SCALE = 0.3
/** Generated or heavy top-level entries the library's build does not read (the stage links node_modules). */
const NOT_STAGED = new Set(['node_modules', '.git', 'dist', 'storybook-static', 'examples', 'stories', '.vitest-attachments', 'coverage', '.cache'])

/** One answer snapshot, recorded in the page by a MutationObserver. */
interface AnswerState {
  status: string | null
  textLength: number
  /** Buttons on the page that say Stop. */
  stops: number
}

/** Children inherit neither npm's per-script variables (they would point npm at this repo) nor Vitest's NODE_ENV. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|INIT_CWD$|NODE_ENV$|VITEST)/.test(key)) continue
    env[key] = value
  }
  return env
}

/** Runs a command; a non-zero exit fails with the command's own output, so the reason is in the test report. */
function run(cwd: string, command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(command, args, { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd} (${error.message.split('\n')[0]})\n${stdout}\n${stderr}`))
      else done(stdout)
    })
  })
}

/** Paths (as the page requests them) of the built JS files that hold the debug panel (its CSS class names). */
function panelChunks(dist: string): string[] {
  const assets = join(dist, 'assets')
  return readdirSync(assets)
    .filter((file) => file.endsWith('.js') && readFileSync(join(assets, file), 'utf8').includes('vcs-debug__'))
    .map((file) => `/assets/${file}`)
}

/** The strong-emphasis texts the fixture's markdown asks for, e.g. `**Batching**` → `Batching`. */
function boldTexts(markdown: string): string[] {
  return [...markdown.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1]!)
}

let work: string
let app: string
let site: StaticServer | undefined
let mock: MockServer | undefined
let browser: Browser | undefined

describe('an app that installs the packed library (examples/chat-app)', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'vcs-consumer-'))

    // Pack from a copy of the repo (test/package.test.ts may be rebuilding this repo's dist/ in another worker).
    // The copy has no dist/: `npm pack` builds it through `prepack`, as in a fresh clone and on `npm publish` —
    // forced on, since nothing gets built where npm is configured to skip scripts.
    const library = join(work, 'library')
    cpSync(root, library, { recursive: true, filter: (src) => !(dirname(src) === root && NOT_STAGED.has(basename(src))) })
    symlinkSync(join(root, 'node_modules'), join(library, 'node_modules'), 'dir')
    const packs = join(work, 'packs')
    mkdirSync(packs)
    await run(library, 'npm', ['pack', '--ignore-scripts=false', '--pack-destination', packs])
    const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'))
    expect(tarballs, 'npm pack writes one tarball').toHaveLength(1)

    // The example as an app team has it: its own package.json, pointed at the tarball; no node_modules, no dist.
    app = join(work, 'chat-app')
    cpSync(EXAMPLE, app, { recursive: true, filter: (src) => !['node_modules', 'dist'].includes(basename(src)) })
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    expect(manifest.dependencies['vue-chat-stream'], 'the example depends on the packed library').toMatch(/^file:.*\.tgz$/)
    manifest.dependencies['vue-chat-stream'] = `file:${join(packs, tarballs[0]!)}`
    writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await run(app, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'])
    await run(app, 'npm', ['exec', '--no', '--', 'vite', 'build', '--logLevel', 'warn'])

    site = await serveDirectory(join(app, 'dist'))
    mock = await startMockServer({ timeScale: TIME_SCALE, scenario: { fixture: FIXTURE.name } })
    browser = await launchChromium()
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await mock?.close()
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('compiles against the shipped declarations, which are real types rather than any', async () => {
    // The probe's @ts-expect-error lines turn into "unused directive" errors if an entry's types degrade to any.
    cpSync(join(root, 'test', 'consumer', 'types.probe.ts'), join(app, 'src', 'types.probe.ts'))
    await run(app, 'npm', ['run', 'typecheck'])
  }, 180_000)

  it('runs the installed `vue-chat-stream doctor` bin with plain node: all checks pass against the mock server, a misbehaving one fails', async () => {
    // Half speed: answers of ~1.7 s, long enough for the doctor's default 1 s needed to tell streaming from buffering.
    const good = await startMockServer({ timeScale: 0.5 })
    const legacy = await startMockServer({ timeScale: 0.5, misbehave: 'token-in-url' })
    try {
      const bin = readFileSync(join(app, 'node_modules', 'vue-chat-stream', 'dist', 'cli.js'), 'utf8')
      expect(bin.startsWith('#!/usr/bin/env node\n'), 'the bin is plain JavaScript for node').toBe(true)
      const doctor = (url: string) =>
        new Promise<{ code: number; stdout: string }>((done) => {
          execFile('npx', ['--no', 'vue-chat-stream', 'doctor', `${url}/api/sessions/doctor/messages`, '--token', 'demo', '--json'], { cwd: app, env: childEnv() }, (error, stdout) =>
            done({ code: error ? Number(error.code) : 0, stdout }),
          )
        })
      const [passed, failed] = await Promise.all([doctor(good.url), doctor(legacy.url)])
      const statuses = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as DoctorReport).checks.map((c) => [c.id, c.status]))
      expect(passed.code, passed.stdout).toBe(0)
      expect(Object.values(statuses(passed.stdout))).toEqual(Array(8).fill('pass'))
      expect(failed.code).toBe(1)
      expect(statuses(failed.stdout)).toMatchObject({ 'auth-header': 'pass', 'token-in-query': 'fail', resume: 'pass', framing: 'pass' })
      expect(passed.stdout + failed.stdout).not.toContain('Bearer demo')
    } finally {
      await Promise.all([good.close(), legacy.close()])
    }
  }, 120_000)

  it('streams an answer from the mock server into the page, then renders it as markdown', async () => {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 700 } })
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    const requested: string[] = []
    page.on('request', (r) => r.url().startsWith(site!.url) && requested.push(new URL(r.url()).pathname))
    const debugChunks = panelChunks(join(app, 'dist'))
    expect(debugChunks.length, 'the build has the debug panel in a chunk of its own').toBeGreaterThan(0)
    await page.addInitScript(() => {
      const states: AnswerState[] = []
      ;(window as unknown as { answerStates: AnswerState[] }).answerStates = states
      new MutationObserver(() => {
        const answer = document.querySelector('[data-role="assistant"]')
        if (!answer) return
        const textLength = answer.querySelector('.vcs-message__body')?.textContent?.trim().length ?? 0
        const stops = [...document.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Stop').length
        states.push({ status: answer.getAttribute('data-status'), textLength, stops })
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
    })

    // Without the header the server refuses, as the real API does: a 200 below proves the app sent it.
    const bare = await fetch(`${mock!.url}/api/sessions/probe/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: QUESTION }),
    })
    expect(bare.status).toBe(422)
    expect(await bare.json()).toMatchObject({ detail: [{ loc: ['header', 'authorization'] }] })

    await page.goto(`${site!.url}/?api=${encodeURIComponent(mock!.url)}`)
    await page.getByLabel('Your question').fill(QUESTION)
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().startsWith(`${mock!.url}/api/sessions/`))
    await page.getByRole('button', { name: 'Send' }).click()
    const request = await posted
    expect((await request.allHeaders()).authorization).toBe('Bearer demo')
    expect(request.url()).not.toMatch(/token=/)
    const response = await request.response()
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-type']).toMatch(/^text\/event-stream/)

    const answer = page.locator('[data-role="assistant"]')
    await expect.poll(() => answer.getAttribute('data-status'), { timeout: 30_000 }).toBe('done')

    await expect.poll(() => page.locator('[data-role="user"]').innerText()).toContain(QUESTION)
    const body = answer.locator('.vcs-message__body')
    const finalLength = (await body.textContent())?.trim().length ?? 0
    const states = await page.evaluate(() => (window as unknown as { answerStates: AnswerState[] }).answerStates)
    const partials = states.filter((s) => s.status === 'streaming' && s.textLength > 0 && s.textLength < finalLength)
    expect(partials.length, `partial answers painted before done (of ${states.length} snapshots)`).toBeGreaterThan(1)
    expect(new Set(partials.map((s) => s.textLength)).size, 'the partial answer grows').toBeGreaterThan(1)
    // One Stop button while answering (the answer's own), none after.
    expect(new Set(partials.map((s) => s.stops)), 'Stop buttons while streaming').toEqual(new Set([1]))
    expect(states.at(-1)?.stops).toBe(0)

    // Markdown, not source text: the fixture's ordered list with bold lead-ins, its closing paragraph, no `**`.
    const lines = FIXTURE.content.split('\n')
    expect(await body.locator('ol > li').count()).toBe(lines.filter((l) => /^\d+\. /.test(l)).length)
    expect(await body.locator('ol strong').allInnerTexts()).toEqual(boldTexts(FIXTURE.content))
    expect(await body.locator('p').last().innerText()).toBe(lines.at(-1))
    expect(await body.innerText()).not.toContain('**')
    expect(pageErrors).toEqual([])

    // The support tools are not downloaded by a user who did not ask for them.
    expect(requested.filter((path) => debugChunks.includes(path)), 'debug chunks fetched without ?debug').toEqual([])

    const screenshot = process.env.VCS_EXAMPLE_SCREENSHOT
    if (screenshot) {
      mkdirSync(dirname(resolve(root, screenshot)), { recursive: true })
      await page.screenshot({ path: resolve(root, screenshot) })
    }
    await page.close()
  }, 120_000)

  it('opens the debug panel for support with ?debug=1 (its chunk loads then), and Report a problem copies a redacted file', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site!.url })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    const requested: string[] = []
    page.on('request', (r) => r.url().startsWith(site!.url) && requested.push(new URL(r.url()).pathname))
    await page.goto(`${site!.url}/?debug=1&api=${encodeURIComponent(mock!.url)}`)
    await page.getByRole('heading', { name: 'Streaming diagnostics' }).waitFor({ timeout: 30_000 })
    expect(requested.some((path) => panelChunks(join(app, 'dist')).includes(path))).toBe(true)

    await page.getByLabel('Your question').fill(QUESTION)
    await page.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => page.locator('[data-role="assistant"]').getAttribute('data-status'), { timeout: 30_000 }).toBe('done')
    await expect.poll(() => page.locator('.vcs-debug [data-testid="state"]').textContent(), { timeout: 10_000 }).toBe('closed')
    await page.getByRole('button', { name: 'Report a problem' }).click()
    await page.getByText('Copied. Paste it into your message to support.').waitFor()
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { schema: string; redacted: boolean; note: string; stream: { status: number; tokenTransport: string } }
    expect(copied).toMatchObject({ schema: 'vue-chat-stream/diagnostics', redacted: true, note: 'Reported from the example app', stream: { status: 200, tokenTransport: 'header' } })
    expect(JSON.stringify(copied)).not.toContain('Bearer demo')
    // Ctrl+Alt+D closes the panel again.
    await page.keyboard.press('Control+Alt+KeyD')
    await expect.poll(() => page.getByRole('heading', { name: 'Streaming diagnostics' }).count()).toBe(0)
    expect(pageErrors).toEqual([])
    await context.close()
  }, 120_000)

  it('builds without any debug code when VITE_SUPPORT_TOOLS=off', async () => {
    const off = join(app, 'dist-off')
    await new Promise<void>((done, fail) => {
      execFile('npm', ['exec', '--no', '--', 'vite', 'build', '--logLevel', 'warn', '--outDir', off], { cwd: app, env: { ...childEnv(), VITE_SUPPORT_TOOLS: 'off' } }, (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}\n${stdout}\n${stderr}`)) : done(),
      )
    })
    expect(panelChunks(off)).toEqual([])
    expect(panelChunks(join(app, 'dist')).length).toBeGreaterThan(0)
  }, 180_000)
})
