// The doc team's promise: a story embedded by iframe in a plain HTML page renders. This builds Storybook,
// serves it on loopback next to a page that embeds one story, and opens that page in Chromium.
import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { chromium, type Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- plain .mjs helper shared with the npm scripts
import { CHROMIUM_ARGS, findChromium } from '../scripts/browser-path.mjs'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

let outDir = ''
let server: Server
let browser: Browser
let base = ''

function serve(dir: string, extra: Record<string, string>): Promise<Server> {
  const srv = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (extra[path]) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(extra[path])
      return
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path))
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)))
}

describe('embedding a story by iframe', () => {
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'vcs-storybook-'))
    execFileSync('node_modules/.bin/storybook', ['build', '--quiet', '-o', outDir], { stdio: 'pipe' })
    const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as {
      entries: Record<string, { id: string; type: string; title: string }>
    }
    const stories = Object.values(index.entries).filter((e) => e.type === 'story')
    const story = stories.find((e) => e.id.startsWith('message-item')) ?? stories[0]
    if (!story) throw new Error('the built Storybook has no stories')
    const page = `<!doctype html><html><head><title>Embed</title></head><body>
      <h1>Docs page</h1>
      <iframe id="embed" title="${story.title}" width="900" height="700"
        src="/iframe.html?id=${story.id}&viewMode=story"></iframe></body></html>`
    server = await serve(outDir, { '/embed.html': page })
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const executablePath = findChromium() as string | undefined
    if (!executablePath) throw new Error('No Chromium: run node scripts/ensure-browser.mjs')
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('renders the embedded story inside a plain HTML page', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(`${base}/embed.html`)
    const frame = page.frameLocator('#embed')
    await expect.poll(async () => (await frame.locator('.vcs-story-root').count()) > 0, { timeout: 60_000 }).toBe(true)
    const text = await frame.locator('.vcs-story-root').innerText()
    expect(text.trim().length).toBeGreaterThan(0)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
