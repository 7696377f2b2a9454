import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createHandlers, defaultScenarioArgs, fixtures, MISSING_AUTH_BODY, scenarioArgTypes } from 'vue-chat-stream/mocks'
import StreamInspector from './StreamInspector.vue'

/**
 * The mock stream harness, raw. Pick a message, speed, chunking and interruption in the controls: the inspector
 * POSTs to the harness (through MSW's service worker) with `fetch` and shows every frame as it arrives, with the
 * time since the request. Nothing here uses the library's stream client — these are the bytes the client gets.
 */
const meta = {
  title: 'Harness/Stream inspector',
  component: StreamInspector,
  tags: ['autodocs'],
  argTypes: {
    ...scenarioArgTypes,
    auth: {
      control: 'inline-radio',
      options: ['header', 'query', 'wrong-token'],
      description: 'Token in the Authorization header (contract), in the query string (old client → 422), or a wrong one (401)',
    },
    sessionId: { control: 'text' },
    maxRows: { control: { type: 'number', min: 10, step: 10 } },
  },
  args: { ...defaultScenarioArgs, auth: 'header', sessionId: 'inspector', maxRows: 200 },
  parameters: {
    // No fixed scenario: the inspector sends its args as the X-Mock-Scenario header, so controls apply live.
    msw: { handlers: createHandlers() },
  },
} satisfies Meta<typeof StreamInspector>

export default meta
type Story = StoryObj<typeof meta>

const state = (canvas: ReturnType<typeof within>) => canvas.getByTestId('state').textContent

/** A short answer at 200 tokens/s: frames arrive in order, ids 1…n, `start` first and `done` last. */
export const ShortScenario: Story = {
  args: { fixture: 'one-liner', speed: 'fast', sessionId: 'short' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(state(canvas)).toBe('done'), { timeout: 25_000 })
    const rows = canvasElement.querySelectorAll<HTMLTableRowElement>('tbody tr')
    const events = [...rows].map((r) => r.dataset.event)
    const ids = [...rows].map((r) => Number(r.dataset.id))
    await expect(events[0]).toBe('start')
    await expect(events.at(-1)).toBe('done')
    await expect(events.slice(1, -1).every((e) => e === 'delta')).toBe(true)
    await expect(ids).toEqual(ids.map((_, i) => i + 1))
    await expect(canvas.getByTestId('answer').textContent).toBe(fixtures['one-liner'].content)
  },
}

/** Pick anything in the controls; this one streams the markdown kitchen sink at 200 tokens/s. */
export const Playground: Story = {
  args: { fixture: 'kitchen-sink', speed: 'fast', sessionId: 'playground' },
  parameters: {
    visual: { skip: 'No play function: it is captured mid-stream, at a different frame each run.' },
    chromatic: { disableSnapshot: true },
  },
}

/** The connection breaks mid-frame; Resume sends `GET …/stream` with `Last-Event-ID` and the text completes exactly. */
export const DropAndResume: Story = {
  args: { fixture: 'short-answer', speed: 'fast', interruption: 'drop', sessionId: 'drop' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(state(canvas)).toBe('broken'), { timeout: 25_000 })
    await userEvent.click(canvas.getByRole('button', { name: /Resume/ }))
    await waitFor(() => expect(state(canvas)).toBe('done'), { timeout: 25_000 })
    await expect(canvas.getByTestId('answer').textContent).toBe(fixtures['short-answer'].content)
  },
}

/** The old client's request: token in the query string, no header → FastAPI's 422, shown as sent. */
export const TokenInQueryString: Story = {
  args: { fixture: 'one-liner', auth: 'query', sessionId: 'query' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(state(canvas)).toBe('http-error'), { timeout: 25_000 })
    await expect(canvas.getByTestId('error-body').textContent).toBe(JSON.stringify(MISSING_AUTH_BODY))
  },
}

/** Frozen half-way: the frames up to there, then nothing — the state stays `streaming`. */
export const Frozen: Story = {
  args: { fixture: 'streaming-traps', speed: 'instant', interruption: 'frozen', at: 0.5, sessionId: 'frozen' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByTestId('answer').textContent?.length).toBeGreaterThan(0), { timeout: 25_000 })
    await new Promise((resolve) => setTimeout(resolve, 500))
    await expect(state(canvas)).toBe('streaming')
    await expect(canvasElement.querySelector('tbody tr:last-child')?.getAttribute('data-event')).toBe('delta')
  },
}
