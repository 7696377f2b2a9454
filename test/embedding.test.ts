// The doc team's promise: a story embedded by iframe in a plain HTML page renders. This serves the run's
// Storybook build on loopback next to a page that embeds one story, and opens that page in Chromium.
import type { Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/chromium'
import { serveDirectory, type StaticServer } from './support/static-server'
import { builtStorybook, storybookIndex } from './support/storybook-build'

let server: StaticServer
let browser: Browser

describe('embedding a story by iframe', () => {
  beforeAll(async () => {
    const outDir = await builtStorybook()
    const stories = storybookIndex(outDir).filter((e) => e.type === 'story')
    const story = stories.find((e) => e.id.startsWith('components-messageitem--')) ?? stories[0]
    if (!story) throw new Error('the built Storybook has no stories')
    const page = `<!doctype html><html><head><title>Embed</title></head><body>
      <h1>Docs page</h1>
      <iframe id="embed" title="${story.title}" width="900" height="700"
        src="/iframe.html?id=${story.id}&viewMode=story"></iframe></body></html>`
    server = await serveDirectory(outDir, { '/embed.html': page })
    browser = await launchChromium()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('renders the embedded story inside a plain HTML page', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(`${server.url}/embed.html`)
    const frame = page.frameLocator('#embed')
    await expect.poll(async () => (await frame.locator('.vcs-story-root').count()) > 0, { timeout: 60_000 }).toBe(true)
    const text = await frame.locator('.vcs-story-root').innerText()
    expect(text.trim().length).toBeGreaterThan(0)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
