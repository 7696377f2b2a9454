import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { nextFrames } from '../../test/support/frames'
import LateContentList from './LateContentList.vue'
import { listParts, readingLine, topIn, untilScrollSettles } from './play.test-support'

/**
 * Rows that change height after they are shown — a picture arriving late, a quote expanding — while the reader is
 * in the middle of a virtualized history. The text under the reader's eye stays where it is, also when the row
 * that changes straddles the top edge of the view. See docs/decisions/virtualization-streaming.md.
 */
const meta = {
  title: 'Components/MessageList/Late content',
  component: LateContentList,
  tags: ['autodocs'],
  argTypes: {
    change: { control: 'inline-radio', options: ['picture', 'quote'] },
    virtualize: { control: 'inline-radio', options: ['auto', 'always', 'never'] },
    historySize: { control: { type: 'number', min: 50, max: 10_000, step: 50 } },
  },
  args: { change: 'picture', historySize: 400, target: 301, virtualize: 'auto' },
} satisfies Meta<typeof LateContentList>

export default meta
type Story = StoryObj<typeof meta>

/** Scrolls (as a reader would: the list stops following) until `find()` is rendered with its top `above` px above the view. */
async function bringAboveEdge(scroller: HTMLElement, find: () => Element | null, above: number) {
  // Roughly there first: the virtualizer renders the rows around the target.
  scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -600, bubbles: true }))
  for (let i = 0; i < 40 && !find(); i++) {
    scroller.scrollTop -= 1500
    await untilScrollSettles(scroller)
  }
  for (let i = 0; i < 6; i++) {
    const el = find()!
    const delta = topIn(scroller, el) + above
    if (Math.abs(delta) < 0.5) break
    scroller.scrollTop += delta
    await untilScrollSettles(scroller)
  }
  await expect(Math.abs(topIn(scroller, find()!) + above)).toBeLessThanOrEqual(1)
}

/** A 240 px picture in an answer loads while its top is 30 px above the view: the caption below it does not move. */
export const LatePicture: Story = {
  play: async ({ canvasElement }) => {
    const { root, scroller } = listParts(canvasElement)
    await nextFrames(4)
    await expect(root.dataset.virtualization).toBe('on')
    const figure = () => canvasElement.querySelector('[data-late-figure] img')
    await bringAboveEdge(scroller, figure, 30)
    await expect(root.dataset.stick).toBe('released')
    const caption = () => canvasElement.querySelector('[data-late-caption]')!
    const captionTop = topIn(scroller, caption())
    const reading = readingLine(scroller)
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Load the picture' }))
    await waitFor(() => expect(figure()!.getBoundingClientRect().height).toBe(240))
    await nextFrames(3)
    await expect(Math.abs(topIn(scroller, caption()) - captionTop)).toBeLessThanOrEqual(1)
    await expect(Math.abs(topIn(scroller, reading.el) - reading.top)).toBeLessThanOrEqual(1)
  },
}

/** A quote at the top of the answer straddling the top edge expands by 160 px: the answer's text does not move. */
export const GrowingRowAtTheEdge: Story = {
  name: 'Growing row at the top edge',
  args: { change: 'quote' },
  play: async ({ canvasElement }) => {
    const { root, scroller } = listParts(canvasElement)
    await nextFrames(4)
    const row = () => canvasElement.querySelector('[data-message-key="h301"]')
    await bringAboveEdge(scroller, row, 40)
    const text = () => row()!.querySelector('.vcs-message')!
    const textTop = topIn(scroller, text())
    const reading = readingLine(scroller)
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Expand the quote' }))
    await nextFrames(4)
    await expect(row()!.querySelector('.vcs-story-late__quote')!.getBoundingClientRect().height).toBe(160)
    await expect(root.dataset.virtualization).toBe('on')
    await expect(Math.abs(topIn(scroller, text()) - textTop)).toBeLessThanOrEqual(1)
    await expect(Math.abs(topIn(scroller, reading.el) - reading.top)).toBeLessThanOrEqual(1)
  },
}
