import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, waitFor } from 'storybook/test'
import { nextFrames } from '../../test/support/frames'
import { listParts, readingLine, topIn, untilScrollSettles } from './play.test-support'
import OlderList from './OlderList.vue'

/** Scrolling to the top calls `loadOlder`; the 50 prepended messages appear above without moving the view. */
const meta = {
  title: 'Components/MessageList/Load older',
  component: OlderList,
  tags: ['autodocs'],
  argTypes: {
    virtualize: { control: 'inline-radio', options: ['auto', 'always', 'never'] },
    latencyMs: { control: { type: 'number', min: 0, step: 100 } },
  },
  args: { total: 200, pageSize: 50, latencyMs: 300, virtualize: 'always' },
} satisfies Meta<typeof OlderList>

export default meta
type Story = StoryObj<typeof meta>

function topOf(canvasElement: HTMLElement, key: string) {
  const { scroller } = listParts(canvasElement)
  const row = scroller.querySelector(`[data-message-key="${key}"]`)!
  return row.getBoundingClientRect().top - scroller.getBoundingClientRect().top
}

async function loadsWithoutMoving(canvasElement: HTMLElement) {
  const { scroller } = listParts(canvasElement)
  const wrapper = canvasElement.querySelector<HTMLElement>('[data-loads]')!
  await nextFrames(4)
  // Scroll up into the top band: the first message of the page is at the top of the view.
  scroller.scrollTop = 40
  await waitFor(() => expect(scroller.querySelector('[data-message-key="h150"]')).not.toBeNull())
  // Let the rows measured at the new position settle (the load takes 300 ms).
  await nextFrames(4)
  await expect(wrapper.dataset.loads).toBe('0')
  const before = topOf(canvasElement, 'h150')
  await waitFor(() => expect(wrapper.dataset.loads).toBe('1'), { timeout: 5_000 })
  await nextFrames(4)
  await expect(wrapper.dataset.count).toBe('100')
  await expect(Math.abs(topOf(canvasElement, 'h150') - before)).toBeLessThanOrEqual(1)
  await expect(scroller.scrollTop).toBeGreaterThan(1000)
}

export const Virtualized: Story = { play: ({ canvasElement }) => loadsWithoutMoving(canvasElement) }

/**
 * 180 messages, all rendered; the reader at the very top. The 50 older ones arrive after 700 ms and take the list
 * over the virtualization threshold (200): it switches to a virtual window in the same frame the messages arrive,
 * and the message being read stays exactly where it was.
 */
export const AcrossTheThreshold: Story = {
  name: 'Across the virtualization threshold',
  args: { total: 230, pageSize: 180, latencyMs: 700, virtualize: 'auto' },
  play: async ({ canvasElement }) => {
    const { root, scroller } = listParts(canvasElement)
    const wrapper = canvasElement.querySelector<HTMLElement>('[data-loads]')!
    await nextFrames(4)
    await expect(root.dataset.virtualization).toBe('off')
    scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -600, bubbles: true }))
    scroller.scrollTop = 0
    await untilScrollSettles(scroller)
    await expect(scroller.scrollTop).toBe(0)
    const reading = readingLine(scroller)
    const key = reading.el.closest<HTMLElement>('[data-message-key]')!.dataset.messageKey!
    const rowTop = () => topIn(scroller, scroller.querySelector(`[data-message-key="${key}"]`)!)
    const before = rowTop()
    await waitFor(() => expect(wrapper.dataset.loads).toBe('1'), { timeout: 5_000 })
    await untilScrollSettles(scroller)
    await expect(wrapper.dataset.count).toBe('230')
    await expect(root.dataset.virtualization).toBe('on')
    await expect(Math.abs(rowTop() - before)).toBeLessThanOrEqual(1)
    await expect(scroller.scrollTop).toBeGreaterThan(2000)
  },
}
export const NotVirtualized: Story = { args: { virtualize: 'never' }, play: ({ canvasElement }) => loadsWithoutMoving(canvasElement) }
