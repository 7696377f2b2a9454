// The doc team's pages: the Introduction and one hand-written Guide per component family are in the built
// Storybook next to the generated Docs pages, render without errors with every <Canvas> showing its story, and
// the generated pages carry the props, events and slots with the JSDoc written in the components' source.
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/chromium'
import { documentedSlots, documentedType, type DocumentedMember } from './support/sfc-docs'
import { serveDirectory, type StaticServer } from './support/static-server'
import { builtStorybook, storybookIndex, type StorybookIndexEntry } from './support/storybook-build'

/** The hand-written pages and the MDX file each is built from. */
const PAGES = [
  { id: 'introduction--docs', mdx: 'stories/Introduction.mdx' },
  { id: 'components-messagelist--guide', mdx: 'stories/message-list/MessageList.mdx' },
  { id: 'components-messageitem--guide', mdx: 'stories/message-item/MessageItem.mdx' },
  { id: 'components-servicenotice--guide', mdx: 'stories/service-notice/ServiceNotice.mdx' },
  { id: 'store-guide--docs', mdx: 'stories/store/Store.mdx' },
  { id: 'debug-panel-streamingdebugpanel--guide', mdx: 'stories/debug-panel/StreamingDebugPanel.mdx' },
] as const

type Section = 'props' | 'events' | 'slots'

/**
 * Generated Docs pages and what their tables must show, read from the component source: the SFC, or the file
 * that declares its types (`types`) when the SFC imports them.
 */
const GENERATED = [
  {
    id: 'components-messagelist--docs',
    sfc: 'src/components/MessageList/MessageList.vue',
    types: 'src/components/MessageList/types.ts',
    sections: { props: 'MessageListProps', events: 'MessageListEmits', slots: 'MessageListSlots' },
  },
  {
    id: 'debug-panel-streamingdebugpanel--docs',
    sfc: 'src/components/StreamingDebugPanel/StreamingDebugPanel.vue',
    sections: { props: 'StreamingDebugPanelProps', events: 'StreamingDebugPanelEmits' },
  },
  {
    id: 'debug-panel-endpoint-check--docs',
    sfc: 'src/components/StreamingDebugPanel/EndpointCheckCard.vue',
    sections: { props: 'EndpointCheckCardProps', events: 'EndpointCheckCardEmits' },
  },
  {
    id: 'components-servicenotice--docs',
    sfc: 'src/components/ServiceNotice/ServiceNotice.vue',
    sections: { props: 'ServiceNoticeProps', events: 'ServiceNoticeEmits' },
  },
  {
    // Props left out: the story's argTypes give `message` its own description, which the table shows instead.
    id: 'components-messageitem--docs',
    sfc: 'src/components/MessageItem/MessageItem.vue',
    sections: { events: 'MessageItemEmits', slots: 'defineSlots' },
  },
] as const satisfies readonly { id: string; sfc: string; types?: string; sections: Partial<Record<Section, string>> }[]

let server: StaticServer
let browser: Browser
let entries: StorybookIndexEntry[]

const source = (path: string) => readFileSync(path, 'utf8')
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
/** JSDoc as the rendered markdown reads: code spans lose their backticks. */
const asRendered = (jsdoc: string) => collapse(jsdoc.replaceAll('`', ''))

async function openDocs(id: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  await page.goto(`${server.url}/iframe.html?id=${id}&viewMode=docs`)
  await page.locator('#storybook-docs .sbdocs-content').waitFor({ state: 'attached', timeout: 60_000 })
  return { page, errors }
}

/** Every row of every args table on the page, with the section ("props", "events", …) it sits in. */
function argRows(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLTableRowElement>('table.docblock-argstable tbody > tr')].reduce<
      { section: string; name: string; description: string }[]
    >((rows, row) => {
      const isSection = row.title.startsWith('Hide ')
      const section = isSection ? (row.querySelector('span')?.textContent ?? '').trim().toLowerCase() : (rows.at(-1)?.section ?? '')
      if (isSection) rows.push({ section, name: '', description: '' })
      else {
        const [nameCell, descriptionCell] = row.cells
        rows.push({
          section,
          name: nameCell?.querySelector('span')?.textContent?.trim() ?? '',
          description: descriptionCell?.querySelector('div')?.textContent ?? '',
        })
      }
      return rows
    }, []),
  )
}

describe('Storybook docs pages', () => {
  beforeAll(async () => {
    const outDir = await builtStorybook()
    entries = storybookIndex(outDir)
    server = await serveDirectory(outDir)
    browser = await launchChromium()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('lists the Introduction first and each Guide next to its generated Docs page', () => {
    expect(entries[0]?.id).toBe('introduction--docs')
    const byId = new Map(entries.map((entry) => [entry.id, entry]))
    for (const { id, mdx } of PAGES) {
      expect(byId.get(id), id).toMatchObject({ type: 'docs', importPath: `./${mdx}` })
      // An attached Guide must not replace (or collide with) the component's autodocs entry.
      if (id.endsWith('--guide')) expect(byId.get(id.replace(/--guide$/, '--docs'))?.tags).toContain('autodocs')
    }
  })

  it('links only to pages and stories that exist', () => {
    const ids = new Set(entries.map((entry) => entry.id))
    const links = PAGES.flatMap(({ mdx }) =>
      [...source(mdx).matchAll(/\(\?path=\/(?:docs|story)\/([\w-]+)\)/g)].map((match) => ({ mdx, id: match[1]! })),
    )
    // The Introduction links to every other hand-written page.
    const fromIntroduction = new Set(links.filter((link) => link.mdx === 'stories/Introduction.mdx').map((link) => link.id))
    for (const { id } of PAGES.slice(1)) expect(fromIntroduction.has(id), `Introduction links to ${id}`).toBe(true)
    for (const { mdx, id } of links) expect(ids.has(id), `${mdx} links to ${id}`).toBe(true)
  })

  for (const { id, mdx } of PAGES) {
    it(`renders ${id} with every canvas showing its story`, async () => {
      const text = source(mdx)
      const canvases = count(text, /<Canvas\b/g)
      const argTables = count(text, /<(ArgTypes|Controls)\b/g)
      const leakedBefore = server.requests.filter((path) => path.startsWith('/api/')).length
      const { page, errors } = await openDocs(id)

      const stories = page.locator('.sbdocs-content .docs-story [data-story-block]')
      await expect.poll(() => stories.count(), { timeout: 30_000 }).toBe(canvases)
      const storyIds = await stories.evaluateAll((blocks) => blocks.map((block) => block.id.replace(/^story--/, '')))
      const known = new Set(entries.filter((entry) => entry.type === 'story').map((entry) => entry.id))
      for (const storyId of storyIds) expect(known.has(storyId), `${id} shows unknown story ${storyId}`).toBe(true)
      // Each canvas holds the rendered story (the preview decorator's root with content), not an empty frame.
      await expect
        .poll(
          () =>
            stories.evaluateAll((blocks) =>
              blocks.filter((block) => (block.querySelector<HTMLElement>('.vcs-story-root')?.innerText.trim().length ?? 0) > 0).length,
            ),
          { timeout: 30_000 },
        )
        .toBe(canvases)

      expect(await page.locator('table.docblock-argstable').count()).toBe(argTables)
      expect(await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))).toBe(false)
      expect(errors).toEqual([])
      // Stories that stream are answered by the harness in the service worker; a request that reaches the
      // static server means a story on this page lost its handlers (e.g. to another story's MSW loader).
      expect(server.requests.filter((path) => path.startsWith('/api/')).slice(leakedBefore)).toEqual([])
      await page.close()
    }, 120_000)
  }

  for (const entry of GENERATED) {
    const { id, sections } = entry
    const sfc = 'types' in entry ? entry.types : entry.sfc
    it(`${id} documents ${Object.keys(sections).join(', ')} with the JSDoc from ${sfc}`, async () => {
      const { page, errors } = await openDocs(id)
      await page.locator('table.docblock-argstable').first().waitFor({ timeout: 30_000 })
      const rows = await argRows(page)
      for (const [section, typeName] of Object.entries(sections) as [Section, string][]) {
        const documented: DocumentedMember[] = typeName === 'defineSlots' ? documentedSlots(sfc) : documentedType(sfc, typeName)
        expect(documented.length, `${sfc} ${typeName}`).toBeGreaterThan(0)
        const shown = rows.filter((row) => row.section === section && row.name !== '')
        expect(shown.map((row) => row.name).sort(), `${id} ${section}`).toEqual(documented.map((member) => member.name).sort())
        for (const member of documented) {
          expect(member.description, `${sfc}: ${section} ${member.name} has no JSDoc`).not.toBe('')
          const row = shown.find((candidate) => candidate.name === member.name)
          expect(collapse(row?.description ?? ''), `${id} ${section} ${member.name}`).toContain(asRendered(member.description))
        }
      }
      expect(errors).toEqual([])
      await page.close()
    }, 120_000)
  }
})
