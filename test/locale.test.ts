// The German test: every story of the built Storybook rendered with the `de` locale (the toolbar global) in
// Chromium, and no English catalogue string left in the text or the aria attributes of the library's components.
// Play functions do not run (`embed=true`): they assert English end states. Each story is watched for a moment with
// a MutationObserver, so states that pass (typing, reconnecting, announcements) are checked too.
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatLocales, type ChatStrings } from '../src/i18n'
import { launchChromium } from './support/chromium'
import { serveDirectory, type StaticServer } from './support/static-server'
import { builtStorybook, storybookIndex, type StorybookIndexEntry } from './support/storybook-build'

/** How long each story is watched after it rendered. */
const WATCH_MS = 250

/** Every string of a catalogue; functions called with sample arguments. */
function texts(strings: ChatStrings): { text: string; args?: string[] }[] {
  const out: { text: string; args?: string[] }[] = []
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push({ text: value })
    else if (typeof value === 'function') {
      for (const arg of [1, 7, 'ts']) out.push({ text: String((value as (a: unknown) => unknown)(arg)), args: [String(arg)] })
    } else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v)
  }
  walk(strings)
  return out
}

/**
 * The English strings to look for: whole strings, and the fixed parts of parameterized ones (split at the sample
 * argument). Left out: strings German shares (a name like "System", or "Details" inside "Technische Details").
 */
export function englishNeedles(): string[] {
  const german = texts(chatLocales.de).map((t) => t.text)
  const needles = new Set<string>()
  for (const { text, args } of texts(chatLocales.en)) {
    // A number is cut out (it varies); a word argument stays in (" ts code" is a needle, " code" alone is not).
    const parts = args && /^\d+$/.test(args[0]!) ? text.split(args[0]!) : [text]
    for (const part of parts) {
      const needle = part.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '')
      if ((needle.match(/\p{L}/gu)?.length ?? 0) < 3) continue
      if (german.some((g) => wordIn(needle, g))) continue
      needles.add(needle)
    }
  }
  return [...needles].sort((a, b) => b.length - a.length)
}

function wordIn(needle: string, text: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text)
}

/** Runs in the page: watches the story root and reports English needles in the components' own text. */
function installScanner(needles: string[]) {
  const COMPONENTS = '.vcs-message, .vcs-message-list, .vcs-notices, .vcs-code, .vcs-typing'
  // Content and developer text, not the interface: message text, code, the technical Details body — and message
  // text in rows a story renders itself, marked `data-i18n="content"`.
  const CONTENT = '.vcs-md-block, .vcs-code__pre, .vcs-code__lang, .vcs-message__plain, .vcs-error__technical, [data-i18n="content"]'
  const ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'alt', 'placeholder']
  const patterns = needles.map((needle) => ({
    needle,
    re: new RegExp(`(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u'),
  }))
  const found = new Set<string>()
  const ours = (el: Element | null) => !!el && !!el.closest(COMPONENTS) && !el.closest(CONTENT)
  const check = (text: string, where: string) => {
    for (const { needle, re } of patterns) if (re.test(text)) found.add(`"${needle}" in ${where}: ${text.trim().slice(0, 120)}`)
  }
  const scan = () => {
    const root = document.querySelector('#storybook-root') ?? document.body
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent?.trim() && ours(node.parentElement)) check(node.textContent, `text of <${node.parentElement!.tagName.toLowerCase()} class="${node.parentElement!.className}">`)
    }
    for (const el of root.querySelectorAll('*')) {
      if (!ours(el)) continue
      for (const name of ATTRIBUTES) {
        const value = el.getAttribute(name)
        if (value) check(value, `${name} of <${el.tagName.toLowerCase()} class="${el.className}">`)
      }
    }
  }
  let queued = false
  const observer = new MutationObserver(() => {
    if (queued) return
    queued = true
    queueMicrotask(() => {
      queued = false
      scan()
    })
  })
  const w = window as unknown as { __vcsScan: { start(): void; stop(): string[] } }
  w.__vcsScan = {
    start() {
      found.clear()
      scan()
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
    },
    stop() {
      scan()
      observer.disconnect()
      return [...found]
    },
  }
}

/** Shows a story through the preview's channel (no reload) and resolves once it rendered, or with its error. */
function showStory(page: Page, storyId: string): Promise<string> {
  return page.evaluate(
    (id) =>
      new Promise<string>((resolve) => {
        const channel = (window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { on(e: string, f: (...a: unknown[]) => void): void; off(e: string, f: (...a: unknown[]) => void): void; emit(e: string, p: unknown): void } }).__STORYBOOK_ADDONS_CHANNEL__
        const events = ['storyRendered', 'storyErrored', 'storyThrewException', 'storyMissing']
        const handlers = events.map((event) => {
          const handler = (payload: unknown) => {
            if (event === 'storyRendered' && payload !== id) return
            for (const [i, name] of events.entries()) channel.off(name, handlers[i]!)
            resolve(event === 'storyRendered' ? 'ok' : `${event}: ${JSON.stringify(payload).slice(0, 300)}`)
          }
          channel.on(event, handler)
          return handler
        })
        channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' })
      }),
    storyId,
  )
}

let server: StaticServer
let browser: Browser
let stories: StorybookIndexEntry[]

describe('every story in German', () => {
  beforeAll(async () => {
    const outDir = await builtStorybook()
    stories = storybookIndex(outDir).filter((e) => e.type === 'story')
    server = await serveDirectory(outDir)
    browser = await launchChromium()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('finds English catalogue strings to look for, the short ones included', () => {
    const needles = englishNeedles()
    expect(needles).toEqual(expect.arrayContaining(['You', 'Assistant', 'Copy', 'Stop', 'Retry', 'Assistant is typing', 'Connection lost — reconnecting in', 'Dismiss notice', 'Messages']))
    expect(needles).not.toContain('System')
    expect(needles).not.toContain('Details')
  })

  it('shows no English catalogue string in any story, in text or aria attributes', async () => {
    const started = performance.now()
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } })
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    await page.addInitScript(installScanner, englishNeedles())
    await page.goto(`${server.url}/iframe.html?id=${stories[0]!.id}&viewMode=story&embed=true&globals=locale:de`)
    await page.waitForFunction(() => '__STORYBOOK_ADDONS_CHANNEL__' in window && !!document.querySelector('.vcs-story-root'), null, { timeout: 60_000 })
    const findings: string[] = []
    const broken: string[] = []
    const slow: string[] = []
    for (const story of stories) {
      const storyStarted = performance.now()
      const shown = await showStory(page, story.id)
      const renderMs = performance.now() - storyStarted
      if (renderMs > 1500) slow.push(`${story.id} ${Math.round(renderMs)} ms`)
      if (shown !== 'ok') {
        broken.push(`${story.id}: ${shown}`)
        continue
      }
      expect(await page.evaluate(() => document.documentElement.lang), story.id).toBe('de')
      await page.evaluate(() => (window as unknown as { __vcsScan: { start(): void } }).__vcsScan.start())
      await page.waitForTimeout(WATCH_MS)
      const found = await page.evaluate(() => (window as unknown as { __vcsScan: { stop(): string[] } }).__vcsScan.stop())
      findings.push(...found.map((f) => `${story.id}: ${f}`))
    }
    await page.close()
    // The time budget, visible in the run's output (npm test prints it).
    console.warn(`locale scan: ${stories.length} stories in ${((performance.now() - started) / 1000).toFixed(1)} s; slow to render: ${slow.join(', ') || 'none'}`)
    expect(broken).toEqual([])
    expect(findings).toEqual([])
  }, 600_000)
})
