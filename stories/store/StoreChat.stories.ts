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
  const button = composer(canvasElement).getByRole('button', { name: 'Send' })
  await userEvent.click(button)
  // The button keeps its focus ring only when the answer failed before it was disabled: a race, not the story's
  // subject. Leave no focus behind, so the snapshot is the same every time.
  button.blur()
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

/** A refused token is fatal: the answer says what to do in plain words; the technical text is behind Details. */
export const FatalError: Story = {
  args: { interruption: '401' },
  play: async ({ canvasElement }) => {
    await send(canvasElement)
    await waitForStatus(canvasElement, 'error')
    await expect(within(answerRow(canvasElement)!).getByRole('alert').textContent).toBe('Your session has expired. Sign in again, then try again.')
    await expect(answerRow(canvasElement)!.querySelector('.vcs-error__technical')!.textContent).toMatch(/rejected the token \(401\)/)
  },
}

/**
 * The server is overloaded (503 with `Retry-After: 2`): the answer says so and counts down to the client's next
 * try, then streams by itself — through MSW in the browser, the real stream client and the store.
 */
export const ServerBusyThenAnswers: Story = {
  name: 'Server busy, then answers (reconnecting)',
  args: { interruption: '503', maxAttempts: 3 },
  parameters: {
    visual: { skip: 'The countdown runs on the wall clock while the client waits (its end state equals Streaming); the countdown is snapshotted with a frozen clock in Components/MessageItem "Server busy".', chromatic: 'Chromatic waits for the play function, so it snapshots the finished answer like Streaming: a check that nothing of the countdown is left behind.' },
  },
  play: async ({ canvasElement }) => {
    await send(canvasElement)
    await waitFor(() => expect(answerRow(canvasElement)?.querySelector('.vcs-connection')?.textContent).toMatch(/^The server is busy — trying again in [12]\u00a0s…$/), { timeout: 10_000 })
    await expect(answerRow(canvasElement)!.querySelector('article')).toHaveAttribute('data-connection', 'reconnecting')
    await waitForStatus(canvasElement, 'done')
    await expect(answerRow(canvasElement)!.querySelector('.vcs-connection')).toBeNull()
    await expect(answerLength(canvasElement)).toBe(fixtures['short-answer'].content.length)
  },
}

/** The connection drops halfway and the client resumes on its own: the same message, no text twice. */
export const DropThenReconnects: Story = {
  name: 'Drop, then reconnects by itself',
  args: { interruption: 'drop', maxAttempts: 3 },
  play: async ({ canvasElement }) => {
    await send(canvasElement)
    await waitForStatus(canvasElement, 'done')
    await expect(answerLength(canvasElement)).toBe(fixtures['short-answer'].content.length)
    await expect(answerRow(canvasElement)!.querySelector('article')).not.toHaveAttribute('data-connection')
  },
}
