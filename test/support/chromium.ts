// Headless Chromium for Node-side browser checks, found the same way as the npm scripts find it.
import { chromium, type Browser } from 'playwright'
// @ts-expect-error -- plain .mjs helper shared with the npm scripts
import { CHROMIUM_ARGS, findChromium } from '../../scripts/browser-path.mjs'

export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium() as string | undefined
  if (!executablePath) throw new Error('No Chromium: run node scripts/ensure-browser.mjs or set CHROMIUM_PATH.')
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS as string[], headless: true })
}
