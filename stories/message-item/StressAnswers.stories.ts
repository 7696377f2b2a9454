import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, waitFor } from 'storybook/test'
import { stressCaseNames, stressCases } from '../../src/markdown/stress.test-support'
import type { StressCaseName } from '../../src/markdown/stress.test-support'
import StressMessage from './StressMessage.vue'

/**
 * Pathological but ordinary answers streamed one commit per animation frame (issue 14). The page shows the longest
 * main-thread task it saw (none under 50 ms is the budget; `npm run bench -- bench/markdown-stress.bench.ts`
 * measures it properly). Huge and timing-dependent: left out of both pixel suites.
 */
const meta = {
  title: 'Components/MessageItem/Stress answers',
  component: StressMessage,
  tags: ['autodocs'],
  args: { answer: 'long-list', charsPerFrame: 1500 },
  argTypes: {
    answer: { control: 'select', options: stressCaseNames, description: 'Which pathological answer to stream' },
    charsPerFrame: { control: { type: 'range', min: 20, max: 20_000, step: 20 }, description: 'Characters per animation frame' },
  },
  parameters: {
    layout: 'padded',
    visual: { skip: 'Answers of 25–280 KB streamed in real time: tens of thousands of pixels tall and timing-dependent. Their formatting is checked by the play functions and by the DOM-equality browser tests.' },
    chromatic: { disableSnapshot: true },
  },
} satisfies Meta<typeof StressMessage>

export default meta
type Story = StoryObj<typeof meta>

async function streamed(canvas: HTMLElement): Promise<HTMLElement> {
  const end = Date.now() + 60_000
  while (!canvas.querySelector('[data-status="done"]')) {
    if (Date.now() > end) throw new Error('the answer did not finish streaming in 60 s')
    await new Promise((r) => setTimeout(r, 50))
  }
  return canvas.querySelector<HTMLElement>('.vcs-markdown')!
}

function story(answer: StressCaseName, check: (md: HTMLElement) => Promise<void>): Story {
  const size = stressCases[answer].content.length
  return {
    name: stressCases[answer].title,
    // About 120 frames (two seconds at 60 Hz) whatever the answer's size.
    args: { answer, charsPerFrame: Math.max(40, Math.ceil(size / 120)) },
    // "done" is the message's status; its final render may land a frame or two later on a loaded machine (a
    // 3,000-line block showed its streaming tail line once): wait for the finished DOM, fail if it never comes.
    play: async ({ canvasElement }) => {
      const md = await streamed(canvasElement)
      await waitFor(() => check(md), { timeout: 15_000 })
    },
  }
}

export const DigitRuns = story('digit-runs', async (md) => {
  await expect(md.querySelectorAll('p').length).toBe(301)
  await expect(md.textContent).toContain('3.14159265358979323846264338327950288419716939937510 is π')
})
export const LongParagraph = story('long-paragraph', async (md) => {
  await expect(md.querySelectorAll(':scope > .vcs-md-block > p')).toHaveLength(2)
  await expect(md.querySelectorAll('strong')).toHaveLength(409)
})
export const LongList = story('long-list', async (md) => {
  await expect(md.querySelectorAll('ul > li')).toHaveLength(5000)
  await expect(md.querySelector('ul > li:last-child strong')?.textContent).toBe('bold 4999')
})
export const BigTable = story('big-table', async (md) => {
  await expect(md.querySelectorAll('tbody > tr')).toHaveLength(300)
  await expect(md.querySelectorAll('thead th')).toHaveLength(8)
})
export const LongCode = story('long-code', async (md) => {
  await expect(md.querySelectorAll('.vcs-code__line')).toHaveLength(3000)
  await expect(md.querySelector('.vcs-code')?.getAttribute('data-lang')).toBe('ts')
})
export const LongQuote = story('long-quote', async (md) => {
  await expect(md.querySelectorAll('blockquote > p')).toHaveLength(1)
  await expect(md.querySelectorAll('blockquote em')).toHaveLength(2000)
})
export const EmphasisSoup = story('emphasis-soup', async (md) => {
  // Nothing ever closes: the finished answer shows its asterisks, like a one-shot render does.
  await expect(md.querySelector('em, strong')).toBeNull()
  await expect(md.textContent).toContain('*a **a *a')
})
