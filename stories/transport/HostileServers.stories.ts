import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import { createHandlers, MISBEHAVE_HEADER, SCENARIO_HEADER } from 'vue-chat-stream/mocks'
import TransportDemo from './TransportDemo.vue'

/**
 * What the stream client makes of a broken or hostile server (docs/streaming.md, "Limits"): it stays bounded and
 * says what happened in one sentence, keeping the text it already had. The harness misbehaves on request
 * (`X-Mock-Misbehave`); the limits are lowered here so the stories stay light.
 */
const meta = {
  title: 'Transport/Hostile servers',
  component: TransportDemo,
  tags: ['autodocs'],
  args: { transport: 'fetch', token: 'demo', prompt: 'How do I stream a chat answer?' },
  parameters: {
    msw: { handlers: createHandlers({ scenario: { fixture: 'short-answer', speed: 'fast' } }) },
    visual: {
      tolerance: {
        pixels: 32,
        reason: 'The demo card settles at a sub-pixel height here: 6–10 anti-aliased pixels at its rounded bottom corners were seen to move between runs.',
      },
    },
  },
} satisfies Meta<typeof TransportDemo>

export default meta
type Story = StoryObj<typeof meta>

const misbehave = (name: string, scenario: object = {}) => ({
  [MISBEHAVE_HEADER]: name,
  [SCENARIO_HEADER]: JSON.stringify({ fixture: 'short-answer', speed: 'fast', ...scenario }),
})

/** A line that never ends: the client stops at `maxEventChars` (8 MiB by default; 256 KiB here) with a protocol error. */
export const EndlessLine: Story = {
  name: 'An endless line → "event larger than …"',
  args: { sessionId: 'hostile-endless', headers: misbehave('endless-line'), options: { maxEventChars: 256 * 1024 } },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 30_000 })
    await expect(alert).toHaveTextContent('protocol')
    await expect(alert).toHaveTextContent('An event larger than 256 KiB (262,144 characters) arrived from POST /api/sessions/hostile-endless/messages')
  },
}

/** A 500 whose HTML page never ends: 64 KB are read, the body is cancelled, the sentence names the page by its title. */
export const EndlessErrorPage: Story = {
  name: 'A 500 page without end → one honest sentence',
  args: { sessionId: 'hostile-500', headers: misbehave('endless-error-body') },
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 30_000 })
    await expect(alert).toHaveTextContent(
      'The server failed (500) (HTML page: 500 Internal Server Error). The stream cannot be resumed: a POST stream is resumed with GET on `resumeUrl`',
    )
    await expect(alert).not.toHaveTextContent('retries with backoff')
  },
}

/** A resume endpoint that replays from event 1 and drops at the same point: no text twice, and it gives up. */
export const ReplayingResume: Story = {
  name: 'A resume that replays → gives up, saying so',
  args: {
    sessionId: 'hostile-replay',
    headers: misbehave('replay-and-drop', { interruption: 'drop' }),
    options: { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, random: () => 0 },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const alert = await canvas.findByRole('alert', {}, { timeout: 30_000 })
    await expect(alert).toHaveTextContent('The server replays instead of resuming')
    await expect(alert).toHaveTextContent('Fix the resume endpoint to continue after Last-Event-ID.')
    const text = canvas.getByTestId('text').textContent ?? ''
    // What arrived before the first drop, once.
    await expect(text.length).toBeGreaterThan(50)
    await expect(text.indexOf(text.slice(0, 30), 1)).toBe(-1)
  },
}
