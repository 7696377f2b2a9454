// What the docs show of the example app, captured from real runs: the library as built (dist/), examples/chat-app
// built by Vite against it, the real mock server (one per scenario) and headless Chromium.
//  - docs/images/example-de-*.png: the German app mid-answer, reconnecting, after an error with Details open, and a
//    wide table on a 375 px phone;
//  - docs/images/example-support-panel.png and stories/debug-panel/fixtures/503-storm.json: a 503 storm seen by
//    the debug panel that support opens with `?debug=1`, and the file its Download button made (the support
//    training's sample, docs/support.md).
//
//   npx vite build --config vite.lib.config.ts && node --import ./mocks/register-ts.mjs scripts/example-captures.ts
//
// Not part of `npm test` (about a minute); run it when the example app or the components' look changes, and look
// at every picture before committing it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { chromium, type Page, type Route } from 'playwright'
import { build } from 'vite'
import { startMockServer, type MockServer, type Scenario } from '../mocks/node.js'
import { serveDirectory } from '../test/support/static-server.js'
// @ts-expect-error -- plain .mjs helper shared with the npm scripts
import { CHROMIUM_ARGS, findChromium } from './browser-path.mjs'

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
const out = join(root, 'docs', 'images')
const QUESTION = 'Wie bleibt eine gestreamte Antwort flüssig?'

/** examples/chat-app as an app team builds it, with `vue-chat-stream` resolved to this repo's dist/. */
async function buildExample(dir: string): Promise<void> {
  const dist = (file: string) => join(root, 'dist', file)
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(root, 'examples', 'chat-app'),
    plugins: [vue()],
    resolve: {
      alias: [
        { find: /^vue-chat-stream\/style\.css$/, replacement: dist('style.css') },
        { find: /^vue-chat-stream\/fonts\.css$/, replacement: dist('fonts.css') },
        { find: /^vue-chat-stream\/debug$/, replacement: dist('debug.js') },
        { find: /^vue-chat-stream$/, replacement: dist('index.js') },
      ],
    },
    build: { outDir: dir, emptyOutDir: true },
  })
}

async function ask(page: Page, appUrl: string, mock: MockServer, width = 1000, height = 640, query = ''): Promise<void> {
  await page.setViewportSize({ width, height })
  await page.goto(`${appUrl}/?lang=de&api=${encodeURIComponent(mock.url)}${query}`)
  await page.evaluate(() => document.fonts.ready)
  // The page settles first (the panel's chunk loads and mounts), as a user types a question after it opened.
  await page.waitForTimeout(query ? 2000 : 0)
  await page.getByLabel('Deine Frage').fill(QUESTION)
  await page.getByRole('button', { name: 'Senden' }).click()
}

async function shot(page: Page, name: string): Promise<void> {
  // The caret and the connection dot stop blinking at a steady frame (as in the visual baselines).
  await page.evaluate(() => (document.documentElement.dataset.vcsSnapshot = 'true'))
  await page.waitForTimeout(100)
  await page.screenshot({ path: join(out, name) })
  console.log(`docs/images/${name}`)
}

async function withMock(scenario: Partial<Scenario>, run: (mock: MockServer) => Promise<void>, timeScale = 0.25): Promise<void> {
  const mock = await startMockServer({ timeScale, scenario })
  try {
    await run(mock)
  } finally {
    await mock.close()
  }
}

const work = mkdtempSync(join(tmpdir(), 'vcs-example-shots-'))
const site = join(work, 'site')
await buildExample(site)
const server = await serveDirectory(site)
const browser = await chromium.launch({ executablePath: findChromium() as string, args: CHROMIUM_ARGS })
mkdirSync(out, { recursive: true })
try {
  const context = await browser.newContext({ locale: 'de-DE', reducedMotion: 'reduce' })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('page error:', String(error)))

  // Mid-answer: the stream stops at 60 % and stays open (the harness's `frozen`), caret and Stop showing.
  await withMock({ fixture: 'short-answer', speed: 'fast', interruption: { kind: 'frozen', at: 0.6 } }, async (mock) => {
    await ask(page, server.url, mock)
    await page.locator('[data-role="assistant"][data-status="streaming"] .vcs-caret').waitFor()
    await page.waitForTimeout(800)
    await shot(page, 'example-de-mid-answer.png')
  })

  // Reconnecting: the connection drops at half the answer; the first two resume attempts fail on the network, so
  // the third waits its full backoff (jitter pinned to the ceiling: 4 s) and the line counts down.
  await withMock({ fixture: 'short-answer', speed: 'fast', interruption: { kind: 'drop', at: 0.5, midFrame: true } }, async (mock) => {
    await page.addInitScript(() => (Math.random = () => 0.999))
    let resumes = 0
    await page.route(`${mock.url}/api/sessions/*/messages/*/stream`, (route: Route) => (++resumes <= 2 ? route.abort('failed') : route.continue()))
    await ask(page, server.url, mock)
    await page.getByText(/neuer Versuch in 4/).waitFor({ timeout: 20_000 })
    await shot(page, 'example-de-reconnecting.png')
    await page.unrouteAll()
  })

  // After an error: the service answers 503 to every try; the client waits as told (Retry-After), gives up, and
  // the answer says so in one sentence. Details opened, as support asks a user to do.
  await withMock({ fixture: 'short-answer', speed: 'fast', interruption: '503-always' }, async (mock) => {
    await ask(page, server.url, mock)
    await page.locator('[data-role="assistant"][data-status="error"]').waitFor({ timeout: 60_000 })
    await page.getByText('Technische Details').click()
    await shot(page, 'example-de-error-details.png')
  })

  // A wide table on a phone: words stay whole, the table scrolls sideways.
  await withMock({ fixture: 'table-heavy', speed: 'instant' }, async (mock) => {
    await ask(page, server.url, mock, 375, 720)
    await page.locator('[data-role="assistant"][data-status="done"]').waitFor({ timeout: 20_000 })
    const wide = page.locator('[data-role="assistant"] table').nth(2)
    await wide.evaluate((table) => table.scrollIntoView({ block: 'center' }))
    await shot(page, 'example-de-wide-table-375.png')
  })

  // A 503 storm, as support sees it: the app opened with `?debug=1` shows the panel next to the chat; the service
  // answers every try with 503 and Retry-After: 2 until the client gives up. Real time (Retry-After is honoured).
  await withMock(
    { fixture: 'short-answer', speed: 'fast', interruption: '503-always' },
    async (mock) => {
      const support = await context.newPage()
      await ask(support, server.url, mock, 1280, 860, '&debug=1')
      await support.locator('[data-role="assistant"][data-status="error"]').waitFor({ timeout: 60_000 })
      await support.locator('.vcs-debug [data-testid="state"]').getByText('error').waitFor()
      await support.waitForTimeout(600)
      await shot(support, 'example-support-panel.png')
      const download = support.waitForEvent('download')
      await support.getByRole('button', { name: 'Download' }).click()
      const file = join(work, 'storm.json')
      await (await download).saveAs(file)
      const fixture = join(root, 'stories', 'debug-panel', 'fixtures', '503-storm.json')
      writeFileSync(fixture, readFileSync(file, 'utf8'))
      console.log('stories/debug-panel/fixtures/503-storm.json')
      await support.close()
    },
    1,
  )
} finally {
  await browser.close()
  await server.close()
  rmSync(work, { recursive: true, force: true })
}
