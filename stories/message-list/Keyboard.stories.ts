import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, within } from 'storybook/test'
import { nextFrames } from '../../test/support/frames'
import KeyboardList from './KeyboardList.vue'
import { distanceFromBottom, listParts, topIn, untilScrollSettles } from './play.test-support'

/**
 * The list with the keyboard: one tab stop (Tab into the list focuses the message in view — the newest while
 * following — without scrolling), ↑/↓ between messages, PageUp/PageDown by a page, Home/End to the first/newest
 * message, Tab out to the composer. The focused message stays mounted while the virtual window moves.
 */
const meta = {
  title: 'Components/MessageList/Keyboard',
  component: KeyboardList,
  tags: ['autodocs'],
  parameters: {
    visual: {
      tolerance: {
        pixels: 8,
        reason: 'The list follows the bottom again after End, so each viewport change scrolls it: under load one anti-aliased pixel at the scroll container edge was seen one colour step off in a later mode.',
      },
    },
  },
  argTypes: { virtualize: { control: 'inline-radio', options: ['auto', 'always', 'never'] } },
  args: { historySize: 400, virtualize: 'auto' },
} satisfies Meta<typeof KeyboardList>

export default meta
type Story = StoryObj<typeof meta>

const focusedMessage = () => document.activeElement?.closest<HTMLElement>('[data-message-key]') ?? null

/** Tab in, PageUp ×5, End, Tab out: focus is on a message in the list after every key, and the walk ends at the bottom. */
export const KeyboardWalk: Story = {
  play: async ({ canvasElement }) => {
    const { root, scroller } = listParts(canvasElement)
    const canvas = within(canvasElement)
    await nextFrames(4)
    await expect(root.dataset.virtualization).toBe('on')
    canvas.getByRole('button', { name: 'Search the chat' }).focus()
    const bottom = scroller.scrollTop

    await userEvent.tab()
    await untilScrollSettles(scroller)
    await expect(focusedMessage()?.dataset.messageKey).toBe('h399')
    await expect(scroller.scrollTop).toBe(bottom)

    for (let i = 0; i < 5; i++) {
      const box = scroller.getBoundingClientRect()
      const atTop = document.elementFromPoint(box.left + box.width / 4, box.top + 2)!
      const before = topIn(scroller, atTop)
      await userEvent.keyboard('{PageUp}')
      await untilScrollSettles(scroller)
      const message = focusedMessage()
      await expect(message).not.toBeNull()
      await expect(scroller.contains(message)).toBe(true)
      // A full page (87.5 % of the view, as the browser pages): what was at the top edge is that much lower.
      await expect(Math.abs(topIn(scroller, atTop) - before - scroller.clientHeight * 0.875)).toBeLessThanOrEqual(1)
    }
    await expect(root.dataset.stick).toBe('released')

    await userEvent.keyboard('{End}')
    await untilScrollSettles(scroller)
    await expect(distanceFromBottom(scroller)).toBeLessThanOrEqual(1)
    await expect(root.dataset.stick).toBe('locked')
    await expect(focusedMessage()?.dataset.messageKey).toBe('h399')

    // Tab walks the focused message's own buttons, then leaves the list (not through every rendered message).
    await userEvent.tab()
    await expect(document.activeElement).toBe(within(focusedMessage()!).getByRole('button', { name: 'Copy' }))
    await userEvent.tab()
    await expect(document.activeElement).toBe(canvas.getByRole('textbox', { name: 'Message' }))
    await expect(distanceFromBottom(scroller)).toBeLessThanOrEqual(1)
  },
}
