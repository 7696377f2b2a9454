import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, waitFor, within } from 'storybook/test'
import { createHandlers } from 'vue-chat-stream/mocks'
import TransportDemo from './TransportDemo.vue'

/**
 * The bug this library exists for, side by side. The legacy client opened an `EventSource` with the token in
 * the query string; EventSource cannot send headers, so the backend answered 422 ("header.authorization — Field
 * required"). The stream client sends `Authorization: Bearer …` over fetch (or xhr) and the answer streams.
 * Requests are answered by the mock harness through MSW's service worker (EventSource requests included).
 */
const meta = {
  title: 'Transport/Before and after',
  component: TransportDemo,
  tags: ['autodocs'],
  argTypes: {
    transport: { control: 'inline-radio', options: ['eventsource', 'fetch', 'xhr'] },
    token: { control: 'text' },
    prompt: { control: 'text' },
  },
  args: { token: 'demo', prompt: 'How do I stream a chat answer?' },
  parameters: {
    msw: { handlers: createHandlers({ scenario: { fixture: 'short-answer', speed: 'fast' } }) },
    visual: {
      tolerance: {
        pixels: 16,
        reason: "The rounded bottom corners sit on the capture's bottom edge: one anti-aliasing colour step on a few of their pixels was seen to change between identical runs (6 px here, 10 px on the transport demo).",
      },
    },
  },
} satisfies Meta<typeof TransportDemo>

export default meta
type Story = StoryObj<typeof meta>

/** Before: `new EventSource(url + '?token=…')`. The server never sees a header and answers 422; its detail is shown. */
export const LegacyEventSource: Story = {
  name: 'Before: EventSource, token in the URL → 422',
  args: { transport: 'eventsource', sessionId: 'legacy' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', {}, { timeout: 30_000 })
    await expect(alert).toHaveTextContent('http 422')
    await expect(alert).toHaveTextContent('EventSource cannot send headers')
    await expect(canvas.getByTestId('detail')).toHaveTextContent('"authorization"')
    await expect(canvas.getByTestId('detail')).toHaveTextContent('Field required')
    await expect(canvas.getByTestId('token-transport')).toHaveTextContent('in the URL')
    await expect(canvas.getByTestId('status')).toHaveTextContent('422')
    await expect(canvas.queryByTestId('text')).toBeNull()
  },
}

/** After: the stream client over fetch with `Authorization: Bearer demo`. */
export const Fetch: Story = {
  name: 'After: fetch, Authorization header → streams',
  args: { transport: 'fetch', sessionId: 'after-fetch' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByTestId('state')).toHaveTextContent('done'), { timeout: 30_000 })
    await expect(canvas.getByTestId('text').textContent?.length).toBeGreaterThan(100)
    await expect(canvas.getByTestId('token-transport')).toHaveTextContent('in the Authorization header')
    await expect(canvas.getByTestId('status')).toHaveTextContent('200')
    await expect(canvas.queryByRole('alert')).toBeNull()
  },
}

/** After, for browsers without streaming fetch bodies: XMLHttpRequest progress events, same header. */
export const Xhr: Story = {
  name: 'After: xhr, Authorization header → streams',
  args: { transport: 'xhr', sessionId: 'after-xhr' },
  play: Fetch.play,
}
