// Server-side browser commands for the visual suite (run in Node, beside Playwright).
import type { BrowserCommand } from 'vitest/node'

/**
 * Resizes the top-level Playwright page. Vitest's `page.viewport()` only resizes the test iframe; Chromium does
 * not paint iframe content below the top-level window, so an element taller than that window is captured
 * blank below the fold. The visual suite grows the window to the story's height before it captures.
 */
export const setWindowSize: BrowserCommand<[width: number, height: number]> = async (ctx, width, height) => {
  if (ctx.provider.name !== 'playwright') throw new Error(`setWindowSize needs the playwright provider, not ${ctx.provider.name}`)
  const page = (ctx as unknown as { page: { setViewportSize(size: { width: number; height: number }): Promise<void> } }).page
  await page.setViewportSize({ width, height })
}
