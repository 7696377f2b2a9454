import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createHandlers, defaultScenarioArgs, fixtures, scenarioArgTypes } from 'vue-chat-stream/mocks'
import StoreChat from './StoreChat.vue'

/**
 * A chat driven by `useSessionsStore`, streaming from the mock harness through MSW. The panel on the right is
 * `useReactivityMonitor`: every delta is folded into at most one publish per frame and only the streaming
 * message re-renders.
 */
const meta = {
  title: 'Store/Store-driven chat',
  component: StoreChat,
  tags: ['autodocs'],
  argTypes: {
    ...scenarioArgTypes,
    maxAttempts: { control: { type: 'number', min: 0, max: 5 }, description: 'Client reconnect attempts' },
    historySize: { control: { type: 'number', min: 0, max: 2000, step: 10 }, description: 'Messages already in the session' },
    question: { control: 'text' },
  },
  args: { ...defaultScenarioArgs, fixture: 'short-answer', speed: 'fast', maxAttempts: 0, historySize: 6 },
  parameters: {
    msw: { handlers: createHandlers() },
  },
} satisfies Meta<typeof StoreChat>

export default meta
type Story = StoryObj<typeof meta>

const answerRow = (canvas: HTMLElement) => canvas.querySelector<HTMLElement>('li[data-role="assistant"]:last-child')
/** Characters in the answer's snapshot (MessageItem renders markdown, so its text is not the source). */
const answerLength = (canvas: HTMLElement) => Number(answerRow(canvas)?.dataset.contentLength ?? -1)

/** The composer's buttons (MessageItem has its own Stop / Retry buttons). */
const composer = (canvasElement: HTMLElement) => within(within(canvasElement).getByRole('form', { name: 'Ask a question' }))

async function send(canvasElement: HTMLElement) {
  await userEvent.click(composer(canvasElement).getByRole('button', { name: 'Send' }))
}

async function waitForStatus(canvasElement: HTMLElement, status: string, timeout = 40_000) {
  await waitFor(() => expect(answerRow(canvasElement)?.dataset.rowStatus).toBe(status), { timeout })
}

/** A fast answer: the whole text arrives, history rows never re-render. */
export const Streaming: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvasElement)
    await waitForStatus(canvasElement, 'done')
    await expect(answerLength(canvasElement)).toBe(fixtures['short-answer'].content.length)
    await waitFor(() => expect(Number(canvas.getByTestId('publishes').textContent)).toBeGreaterThan(0))
    await expect(canvas.getByTestId('max-renders').textContent).toBe('1')
    await expect(canvas.getByTestId('unchanged-renders').textContent).toBe('0')
  },
}

/** Bursts of 1,000 deltas per second into 200 older messages: many deltas per publish, one render per publish. */
export const ThousandDeltasPerSecond: Story = {
  args: { fixture: 'short-answer', speed: 'burst', historySize: 200 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await send(canvasElement)
    await waitForStatus(canvasElement, 'done', 50_000)
    await expect(answerLength(canvasElement)).toBe(fixtures['short-answer'].content.length)
    await waitFor(() => expect(Number(canvas.getByTestId('deltas').textContent)).toBeGreaterThan(Number(canvas.getByTestId('publishes').textContent)))
    await expect(canvas.getByTestId('unchanged-renders').textContent).toBe('0')
  },
}

/** The connection drops halfway; Retry resumes the same message with Last-Event-ID, no text twice. */
export const DropThenResume: Story = {
  args: { interruption: 'drop' },
  play: async ({ canvasElement }) => {
    await send(canvasElement)
    await waitForStatus(canvasElement, 'error')
    const id = answerRow(canvasElement)?.dataset.rowId
    await userEvent.click(composer(canvasElement).getByRole('button', { name: 'Retry' }))
    await waitForStatus(canvasElement, 'done')
    await expect(answerRow(canvasElement)?.dataset.rowId).toBe(id)
    await expect(answerLength(canvasElement)).toBe(fixtures['short-answer'].content.length)
  },
}

/** Stop keeps the text received so far. */
export const StopKeepsText: Story = {
  args: { speed: 'slow' },
  play: async ({ canvasElement }) => {
    await send(canvasElement)
    await waitFor(() => expect(answerLength(canvasElement)).toBeGreaterThan(8), { timeout: 10_000 })
    await userEvent.click(composer(canvasElement).getByRole('button', { name: 'Stop' }))
    await waitForStatus(canvasElement, 'stopped')
    await expect(answerLength(canvasElement)).toBeGreaterThan(8)
    await expect(answerLength(canvasElement)).toBeLessThan(fixtures['short-answer'].content.length)
  },
}

/** A refused token is fatal: the answer shows the error a person can act on. */
export const FatalError: Story = {
  args: { interruption: '401' },
  play: async ({ canvasElement }) => {
    await send(canvasElement)
    await waitForStatus(canvasElement, 'error')
    await expect(answerRow(canvasElement)?.textContent).toMatch(/token/i)
  },
}
