// Local visual regression: after each story's play function has brought it to its end state, the story
// root is captured in every mode of .storybook/modes.ts and compared pixel-exactly with the committed
// baseline in stories/__screenshots__/<story id>/<mode>.png. Enabled by VCS_VISUAL=1 (`npm run test:visual`,
// and `npm test`); `npm run test:visual -- -u` rewrites baselines.
import { afterEach, expect, inject } from 'vitest'
import { page } from 'vitest/browser'
import { allModes, viewports, type ModeName } from './modes'

export interface VisualParameters {
  /** Set to a reason to leave a story out of the pixel comparison (its end state is not stable). */
  skip?: string
  /** Modes to capture; defaults to every mode. */
  modes?: ModeName[]
}

function nextFrame() {
  return new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
}

afterEach(async (ctx) => {
  if (!inject('vcsVisual')) return
  const meta = ctx.task.meta as { storyId?: string }
  const story = (ctx as unknown as { story?: { parameters?: { visual?: VisualParameters } } }).story
  if (!meta.storyId || ctx.task.result?.state === 'fail') return
  const visual = story?.parameters?.visual ?? {}
  if (visual.skip !== undefined) {
    expect(visual.skip.trim().length, `story ${meta.storyId} is excluded from visual tests without a reason`).toBeGreaterThan(10)
    return
  }
  const root = document.querySelector<HTMLElement>('.vcs-story-root')
  if (!root) throw new Error(`story ${meta.storyId}: no .vcs-story-root to capture (is the preview decorator applied?)`)
  document.documentElement.dataset.vcsSnapshot = 'true'
  try {
    for (const mode of visual.modes ?? (Object.keys(allModes) as ModeName[])) {
      const { theme, viewport } = allModes[mode]
      const size = viewports[viewport]
      await page.viewport(size.width, size.height)
      root.dataset.vcsTheme = theme
      document.documentElement.dataset.vcsTheme = theme
      await document.fonts.ready
      await nextFrame()
      await nextFrame()
      await expect(page.elementLocator(root)).toMatchScreenshot(`${meta.storyId}/${mode.replace(' ', '-')}`, { timeout: 5_000 })
    }
  } finally {
    delete document.documentElement.dataset.vcsSnapshot
    await page.viewport(viewports.desktop.width, viewports.desktop.height)
  }
})
