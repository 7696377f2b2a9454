import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { createHandlers, defaultScenarioArgs, fixtures, scenarioArgTypes } from 'vue-chat-stream/mocks'
import DebugPanelDemo from './DebugPanelDemo.vue'

/**
 * The debug panel next to a chat answer streaming from the mock harness (MSW), through the real stream client.
 * Each story is one harness scenario; its play function checks the figure that explains it.
 */
const meta = {
  title: 'Debug panel/Scenarios',
  component: DebugPanelDemo,
  tags: ['autodocs'],
  argTypes: {
    ...scenarioArgTypes,
    transport: { control: 'select', options: ['auto', 'fetch', 'xhr', 'eventsource'] },
    token: { control: 'text' },
    maxAttempts: { control: { type: 'number', min: 0, max: 5 } },
    stallTimeoutMs: { control: { type: 'number', min: 0, step: 500 } },
    slowRenderMs: { control: { type: 'number', min: 0, max: 200 }, description: 'Busy time per render of the answer' },
    historySize: { control: { type: 'number', min: 0, max: 500 } },
    virtualize: { control: 'inline-radio', options: ['auto', 'always', 'never'] },
    legacy: { control: 'boolean', description: 'EventSource with the token in the URL (the seed)' },
  },
  args: { ...defaultScenarioArgs, speed: 'fast' },
  parameters: {
    msw: { handlers: createHandlers() },
    visual: { skip: 'live timings: figures, charts and log times differ per run (the loaded-file stories guard the pixels)' },
    // The same live timings would be a diff on every Chromatic build; the loaded-file stories are snapshotted there.
    chromatic: { disableSnapshot: true },
  },
} satisfies Meta<typeof DebugPanelDemo>

export default meta
type Story = StoryObj<typeof meta>

const figure = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(`.vcs-debug [data-testid="${id}"]`)?.textContent?.trim() ?? ''
const finding = (canvasElement: HTMLElement, id: string) => canvasElement.querySelector(`.vcs-debug [data-finding="${id}"]`)

async function waitForState(canvasElement: HTMLElement, state: 'closed' | 'error', timeout = 20_000) {
  await waitFor(() => expect(figure(canvasElement, 'state')).toBe(state), { timeout })
}

/** `1.2 s` / `850 ms` → ms */
function ms(text: string): number {
  const m = /^([\d.]+) (ms|s)$/.exec(text)
  if (!m) return NaN
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1)
}

/** Everything fine: 200, a first token within moments, no retries, and the verdict says so. */
export const Healthy: Story = {
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'closed')
    await expect(figure(canvasElement, 'status')).toBe('200')
    await expect(figure(canvasElement, 'token-transport')).toBe('Authorization header')
    await expect(figure(canvasElement, 'retries')).toBe('0')
    await expect(figure(canvasElement, 'chars')).toBe(`${fixtures['short-answer'].content.length} chars`)
    await expect(finding(canvasElement, 'healthy')).not.toBeNull()
    await expect(figure(canvasElement, 'first-token')).not.toBe('–')
  },
}

/** The server answers at once but the first text takes 4 s (heartbeats meanwhile): the model, not the network. */
export const SlowFirstToken: Story = {
  args: { fixture: 'one-liner', speed: 'slow-first-token' },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'closed', 30_000)
    await expect(ms(figure(canvasElement, 'first-token'))).toBeGreaterThanOrEqual(3500)
    await expect(ms(figure(canvasElement, 'ttfb'))).toBeLessThan(ms(figure(canvasElement, 'first-token')))
    await expect(finding(canvasElement, 'slow-first-token')).not.toBeNull()
  },
}

/** Six seconds without a byte: the client calls it a stall after 2.5 s and resumes with Last-Event-ID. */
export const Stalls: Story = {
  args: { scenario: { interruption: { kind: 'stall', at: 0.5, seconds: 6 } }, stallTimeoutMs: 2500, maxAttempts: 5 },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'closed', 30_000)
    await expect(Number(figure(canvasElement, 'stalls'))).toBeGreaterThanOrEqual(1)
    await expect(finding(canvasElement, 'stalls')).not.toBeNull()
    await expect(figure(canvasElement, 'retry-log')).toContain('stall')
    await expect(figure(canvasElement, 'chars')).toBe(`${fixtures['short-answer'].content.length} chars`)
  },
}

/** The connection breaks mid-frame; the client resumes after the last event id and no text is lost or repeated. */
export const DropAndResume: Story = {
  args: { interruption: 'drop' },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'closed')
    await expect(Number(figure(canvasElement, 'retries'))).toBeGreaterThanOrEqual(1)
    await expect(figure(canvasElement, 'retry-log')).toContain('network')
    await expect(finding(canvasElement, 'drops')).not.toBeNull()
    await expect(figure(canvasElement, 'chars')).toBe(`${fixtures['short-answer'].content.length} chars`)
    await expect(figure(canvasElement, 'last-event-id')).not.toBe('–')
  },
}

/** A token the server refuses: 401 and its detail, fatal at once (no retries). */
export const Unauthorized401: Story = {
  args: { token: 'expired-token' },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'error')
    await expect(figure(canvasElement, 'status')).toBe('401')
    await expect(figure(canvasElement, 'detail')).toBe('Invalid token')
    await expect(figure(canvasElement, 'retries')).toBe('0')
    await expect(finding(canvasElement, 'http-401')).not.toBeNull()
  },
}

/**
 * The seed's bug: EventSource cannot send headers, so the token went into the URL and the backend answered 422.
 * The panel shows the status, FastAPI's `loc`/`msg` made readable, and where the token travelled.
 */
export const MissingHeader422: Story = {
  args: { legacy: true },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'error')
    await expect(figure(canvasElement, 'status')).toBe('422')
    await expect(figure(canvasElement, 'detail')).toBe('header authorization: Field required')
    await expect(figure(canvasElement, 'token-transport')).toBe('URL query string')
    await expect(figure(canvasElement, 'token-warning')).toContain('422')
    await expect(finding(canvasElement, 'token-in-url')).not.toBeNull()
    // The exported file carries no token.
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Copy diagnostics' }))
    await waitFor(() => expect(canvasElement.querySelector('.vcs-debug [role="status"]')).not.toBeNull())
    const json = canvasElement.querySelector<HTMLTextAreaElement>('.vcs-debug__json')?.value
    if (json) {
      await expect(json).toContain('"status": 422')
      await expect(json).not.toMatch(/token=demo|Bearer demo/)
    }
  },
}

/** 503 with Retry-After: 2 on the first POST; the client waits as asked, posts again, and the answer arrives. */
export const Overloaded503ThenRetry: Story = {
  args: { interruption: '503' },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'closed', 30_000)
    await expect(figure(canvasElement, 'status')).toBe('200')
    await expect(figure(canvasElement, 'retries')).toBe('1')
    await expect(figure(canvasElement, 'retry-log')).toContain('http 503')
    // The server asked for 2 s; Retry-After is capped at the demo's retry.maxDelayMs (1 s), and the row says both.
    await expect(figure(canvasElement, 'retry-log')).toContain('it asked to retry in 2 s. The client retries in 1 s (retry.maxDelayMs).')
    await expect(figure(canvasElement, 'retry-log')).toContain('1.0 s')
    await expect(finding(canvasElement, 'overloaded')).not.toBeNull()
  },
}

/** A 110 KB answer as fast as the harness can send it: the log stays capped at 500 entries, the charts bounded. */
export const LongAnswer: Story = {
  args: { fixture: 'long-mixed', speed: 'instant' },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'closed', 50_000)
    await expect(figure(canvasElement, 'chars')).toBe(`${fixtures['long-mixed'].content.length.toLocaleString('en-US')} chars`)
    await expect(figure(canvasElement, 'log-count')).toMatch(/ of 501 \(\d+ omitted\)$/)
    await expect(Number(figure(canvasElement, 'events'))).toBeGreaterThan(10_000)
  },
}

/** The stream is fine but every render of the answer blocks the main thread for 60 ms: the rendering figures show it. */
export const SlowRenderer: Story = {
  args: { slowRenderMs: 60 },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, 'closed', 30_000)
    await waitFor(() => expect(Number(figure(canvasElement, 'dropped-frames'))).toBeGreaterThan(0), { timeout: 5000 })
    await waitFor(() => expect(ms(figure(canvasElement, 'paint-p95'))).toBeGreaterThan(50), { timeout: 5000 })
    await expect(finding(canvasElement, 'jank')).not.toBeNull()
    await expect(figure(canvasElement, 'virtualization')).toBe('off')
  },
}
