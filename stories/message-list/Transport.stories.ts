import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createHandlers } from 'vue-chat-stream/mocks'
import TransportLists from './TransportLists.vue'

/**
 * The failure this library exists for, in the list: the legacy EventSource client (token in the URL) gets a 422
 * and the list shows the error in place; the fixed transport (fetch + Authorization) streams the answer.
 */
const meta = {
  title: 'Components/MessageList/Legacy 422 vs fixed transport',
  component: TransportLists,
  tags: ['autodocs'],
  args: { question: 'Why did the old client get a 422?' },
  parameters: { msw: { handlers: createHandlers() } },
} satisfies Meta<typeof TransportLists>

export default meta
type Story = StoryObj<typeof meta>

export const LegacyVsFixed: Story = {
  name: 'Legacy 422 vs fixed transport',
  play: async ({ canvasElement }) => {
    const legacy = within(canvasElement).getByTestId('legacy')
    const fixed = within(canvasElement).getByTestId('fixed')
    await waitFor(() => expect(legacy.querySelector('[data-role="assistant"][data-status="error"]')).not.toBeNull(), { timeout: 30_000 })
    // The reader gets a plain sentence; Details (opened here, as support would) names the 422 and its cause.
    await expect(within(legacy).getByRole('alert').textContent).toBe('The request was not accepted. If this keeps happening, contact support.')
    await userEvent.click(legacy.querySelector('summary')!)
    await expect(legacy.querySelector('details')!.open).toBe(true)
    await expect(legacy.querySelector('.vcs-error__technical')!.textContent).toMatch(/422.*EventSource cannot send headers/)
    await waitFor(() => expect(fixed.querySelectorAll('[data-role="assistant"][data-status="done"]')).toHaveLength(3), { timeout: 30_000 })
    for (const side of [legacy, fixed]) {
      const scroller = side.querySelector<HTMLElement>('.vcs-message-list__scroller')!
      await waitFor(() => expect(scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop).toBeLessThanOrEqual(1))
      await expect(side.querySelector('[role="log"]')).toHaveAttribute('aria-busy', 'false')
    }
  },
}
