// Local visual regression: after each story's play function has brought it to its end state, the story
// root is captured in every mode of .storybook/modes.ts and compared pixel-exactly with the committed
// baseline in stories/__screenshots__/<story id>/<mode>.png. Enabled by VCS_VISUAL=1 (`npm run test:visual`,
// and `npm test`); `npm run test:visual -- -u` rewrites baselines.
import { afterEach, expect, inject } from 'vitest'
import { commands, page } from 'vitest/browser'
import { MAX_TOLERATED_PIXELS, VISUAL_COMPARATOR } from './visual-comparator'
import { allModes, viewports, type ModeName } from './modes'
import { nextFrames } from '../test/support/frames'

export interface VisualParameters {
  /** Set to a reason to leave a story out of the pixel comparison (its end state is not stable). */
  skip?: string
  /**
   * A few pixels a story may differ by between runs, with the reason. For stories whose end state settles at a
   * sub-pixel offset (anti-aliased corner pixels move); far below what a one-token change moves (hundreds).
   */
  tolerance?: { pixels: number; reason: string }
  /**
   * For a story left out of the local comparison that Chromatic still snapshots: why that is useful there.
   * Otherwise a skipped story must set `parameters.chromatic.disableSnapshot`, so both suites agree.
   */
  chromatic?: string
  /** Modes to capture; defaults to every mode. */
  modes?: ModeName[]
}

/** Room for the test iframe inside the top-level window (Vitest's runner page is not scrolled). */
const WINDOW_MARGIN = 64
/** Playwright's default top-level window, restored after each story. */
const DEFAULT_WINDOW = { width: 1280, height: 720 }

/** Sizes the test iframe, and the top-level window around it (Chromium paints nothing below the window). */
async function resizeViewport(width: number, height: number): Promise<void> {
  await commands.setWindowSize(Math.max(DEFAULT_WINDOW.width, width + WINDOW_MARGIN), height + WINDOW_MARGIN)
  await page.viewport(width, height)
  await nextFrames()
}

const bottomOf = (root: HTMLElement) => Math.ceil(root.getBoundingClientRect().bottom + window.scrollY)

/**
 * Sets the mode's viewport, then grows its height to the story root's bottom edge when the root is taller, so
 * the capture holds the whole story. Layout is measured again after growing: a story whose height follows the
 * viewport could never be captured whole, so it fails with a message instead.
 */
async function fitViewport(root: HTMLElement, width: number, height: number): Promise<void> {
  await resizeViewport(width, height)
  const bottom = bottomOf(root)
  if (bottom <= height) return
  await resizeViewport(width, bottom)
  const grown = bottomOf(root)
  if (grown > bottom) throw new Error(`story root grew from ${bottom}px to ${grown}px when the viewport grew: its height follows the viewport`)
}

/** Whether any part of `el` is on screen: inside the viewport and every scrolling ancestor's box. */
function inView(el: Element): boolean {
  const r = el.getBoundingClientRect()
  let top = Math.max(r.top, 0)
  let bottom = Math.min(r.bottom, window.innerHeight)
  for (let parent = el.parentElement; parent && top <= bottom; parent = parent.parentElement) {
    if (getComputedStyle(parent).overflowY === 'visible') continue
    const p = parent.getBoundingClientRect()
    top = Math.max(top, p.top)
    bottom = Math.min(bottom, p.bottom)
  }
  return top <= bottom
}

/**
 * Waits until every picture inside the viewport has loaded (or failed): pictures load lazily and, in stories,
 * through the harness's service worker, so one may arrive after the layout settled. Bounded: a picture that never
 * arrives shows as missing in the diff rather than hanging the run.
 */
async function picturesSettled(root: HTMLElement): Promise<void> {
  const visible = [...root.querySelectorAll('img')].filter((img) => img.src !== '' && inView(img))
  const deadline = performance.now() + 5000
  for (const img of visible) {
    while (!img.complete && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25))
    await img.decode().catch(() => undefined)
  }
}

afterEach(async (ctx) => {
  if (!inject('vcsVisual')) return
  const meta = ctx.task.meta as { storyId?: string }
  const story = (ctx as unknown as { story?: { parameters?: { visual?: VisualParameters } } }).story
  if (!meta.storyId || ctx.task.result?.state === 'fail') return
  const parameters = story?.parameters ?? {}
  const visual = parameters.visual ?? {}
  if (visual.skip !== undefined) {
    expect(visual.skip.trim().length, `story ${meta.storyId} is excluded from visual tests without a reason`).toBeGreaterThan(10)
    const chromatic = (parameters as { chromatic?: { disableSnapshot?: boolean } }).chromatic
    expect(
      chromatic?.disableSnapshot === true || (visual.chromatic?.trim().length ?? 0) > 10,
      `story ${meta.storyId} is skipped locally: set parameters.chromatic.disableSnapshot or say in visual.chromatic why Chromatic still snapshots it`,
    ).toBe(true)
    return
  }
  const tolerance = visual.tolerance?.pixels ?? 0
  if (visual.tolerance) {
    expect(visual.tolerance.reason.trim().length, `story ${meta.storyId} declares a tolerance without a reason`).toBeGreaterThan(10)
    expect(tolerance, `story ${meta.storyId}: tolerance above ${MAX_TOLERATED_PIXELS} px`).toBeLessThanOrEqual(MAX_TOLERATED_PIXELS)
  }
  const root = document.querySelector<HTMLElement>('.vcs-story-root')
  if (!root) throw new Error(`story ${meta.storyId}: no .vcs-story-root to capture (is the preview decorator applied?)`)
  document.documentElement.dataset.vcsSnapshot = 'true'
  try {
    for (const mode of visual.modes ?? (Object.keys(allModes) as ModeName[])) {
      const { theme, viewport } = allModes[mode]
      const size = viewports[viewport]
      root.dataset.vcsTheme = theme
      document.documentElement.dataset.vcsTheme = theme
      await fitViewport(root, size.width, size.height)
      await document.fonts.ready
      await picturesSettled(root)
      await nextFrames(2)
      await expect(page.elementLocator(root)).toMatchScreenshot(`${meta.storyId}/${mode.replace(' ', '-')}`, {
        timeout: 5_000,
        comparatorName: 'pixelmatch',
        comparatorOptions: { ...VISUAL_COMPARATOR, allowedMismatchedPixels: tolerance },
      })
    }
  } finally {
    delete document.documentElement.dataset.vcsSnapshot
    await commands.setWindowSize(DEFAULT_WINDOW.width, DEFAULT_WINDOW.height)
    await page.viewport(viewports.desktop.width, viewports.desktop.height)
  }
})
