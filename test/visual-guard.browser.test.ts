// Proof that the visual suite's comparison catches a one-token formatting change: the same MessageItem is
// captured before and after changing a single --vcs-* token by the smallest step, and compared with the
// suite's own comparator settings. Vitest's default tolerance is shown to miss the same change.
import pixelmatch from 'pixelmatch'
import { page } from 'vitest/browser'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp, h, type App } from 'vue'
import { MessageItem } from '../src/components/MessageItem'
import type { ChatMessage } from '../src/types'
import { nextFrames } from './support/frames'
import { MAX_TOLERATED_PIXELS, VISUAL_COMPARATOR } from '../.storybook/visual-comparator'
import '@fontsource/inter/400.css'
import '@fontsource/inter/600.css'
import '../src/styles/tokens.css'

const message: ChatMessage = {
  id: 'guard',
  role: 'assistant',
  status: 'done',
  createdAt: 0,
  content: '## Formatting guard\n\nSome **bold** text, `inline code` and a list:\n\n- one\n- two\n\n> a quote',
}

let app: App | undefined
let host: HTMLElement | undefined

afterEach(() => {
  app?.unmount()
  host?.remove()
  document.getElementById('vcs-guard-style')?.remove()
})

async function mount(): Promise<HTMLElement> {
  host = document.createElement('div')
  host.className = 'vcs-story-root'
  host.dataset.vcsTheme = 'light'
  host.style.width = '600px'
  document.body.appendChild(host)
  app = createApp({ render: () => h(MessageItem, { message }) })
  app.mount(host)
  await Promise.all([document.fonts.load('400 16px Inter'), document.fonts.load('600 16px Inter')])
  await document.fonts.ready
  await nextFrames(2)
  return host
}

async function capture(el: HTMLElement): Promise<ImageData> {
  await nextFrames(2)
  const base64 = await page.screenshot({ element: el, save: false })
  const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob())
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const ctx = canvas.getContext('2d')!
  ctx.drawImage(bitmap, 0, 0)
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height)
}

function mismatched(a: ImageData, b: ImageData, options: { threshold: number; includeAA: boolean }): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY
  return pixelmatch(a.data, b.data, undefined, a.width, a.height, options)
}

function setToken(css: string) {
  const style = document.createElement('style')
  style.id = 'vcs-guard-style'
  style.textContent = `.vcs-story-root[data-vcs-theme='light'] { ${css} }`
  document.head.appendChild(style)
}

describe('visual comparison', () => {
  it('is deterministic: two captures of the same render are identical', async () => {
    const el = await mount()
    const first = await capture(el)
    const second = await capture(el)
    expect(mismatched(first, second, VISUAL_COMPARATOR)).toBe(0)
  })

  it('fails when a text color token changes by one step (the default tolerance would pass it)', async () => {
    const el = await mount()
    const before = await capture(el)
    setToken('--vcs-color-text: #1c1f25;') // was #1c1f24
    const after = await capture(el)
    // More than a tolerant story (sub-pixel scroll noise) may differ by: the change fails every story.
    expect(mismatched(before, after, VISUAL_COMPARATOR)).toBeGreaterThan(MAX_TOLERATED_PIXELS)
    expect(mismatched(before, after, { threshold: 0.1, includeAA: false })).toBe(0)
  })

  it('fails when a spacing token grows by 1 px', async () => {
    const el = await mount()
    const before = await capture(el)
    setToken('--vcs-space: 9px;') // was 8px
    const after = await capture(el)
    expect(mismatched(before, after, VISUAL_COMPARATOR)).toBeGreaterThan(MAX_TOLERATED_PIXELS)
  })
})
