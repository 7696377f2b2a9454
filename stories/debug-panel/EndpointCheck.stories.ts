import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { h } from 'vue'
import { DEMO_TOKEN, createHandlers, type Misbehaviour } from 'vue-chat-stream/mocks'
import EndpointCheckCard from '../../src/components/StreamingDebugPanel/EndpointCheckCard.vue'
import { StreamingDebugPanel } from '../../src/components/StreamingDebugPanel'
import type { DoctorReport } from '../../src/doctor/types'
import bufferingReport from './fixtures/doctor-buffering-proxy.json'

/**
 * The endpoint doctor in the browser: the "Endpoint check" card of `StreamingDebugPanel` runs the checks of
 * `npx vue-chat-stream doctor` through this page's own fetch (so CORS is what the page really gets). The live
 * stories check the mock harness (MSW), once well-behaved and once per misbehaviour; the last one shows a report
 * the CLI printed with `--json`.
 */
const meta = {
  title: 'Debug panel/Endpoint check',
  component: EndpointCheckCard,
  tags: ['autodocs'],
  argTypes: {
    url: { control: 'text' },
    resumeUrl: { control: 'text' },
    headingLevel: { control: { type: 'number', min: 2, max: 6 } },
    report: { control: 'object' },
  },
} satisfies Meta<typeof EndpointCheckCard>

export default meta
type Story = StoryObj<typeof meta>

/** ~1.7 s of deltas: long enough (≥ 1 s) for the doctor to tell streaming from buffering with its defaults. */
const handlers = (misbehave: Misbehaviour[] = []) => createHandlers({ scenario: { speed: { tokensPerSecond: 60 } }, misbehave })

const live = {
  visual: { skip: 'live timings: every result quotes the arrival times and durations of this run (the CLI report story guards the pixels)' },
  // The same timings would be a diff on every Chromatic build.
  chromatic: { disableSnapshot: true },
}

/** The panel as a developer opens it (no stream yet), with its endpoint check. */
const inThePanel = {
  render: () => ({ render: () => h(StreamingDebugPanel, { loader: false }) }),
}

const statuses = (canvasElement: HTMLElement) =>
  Object.fromEntries([...canvasElement.querySelectorAll<HTMLElement>('[data-check]')].map((li) => [li.dataset.check, li.dataset.status]))
const rowText = (canvasElement: HTMLElement, id: string) => canvasElement.querySelector(`[data-check="${id}"]`)?.textContent ?? ''

/** Types the endpoint and the token into the card, presses "Check endpoint" and waits for all eight results. */
async function checkEndpoint(canvasElement: HTMLElement, sessionId: string) {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByLabelText('Endpoint URL'), `/api/sessions/${sessionId}/messages`)
  await userEvent.type(canvas.getByLabelText('Token'), DEMO_TOKEN)
  await userEvent.click(canvas.getByRole('button', { name: 'Check endpoint' }))
  await waitFor(() => expect(canvas.getByTestId('endpoint-summary')).toHaveTextContent(/^8 checks in/), { timeout: 30_000 })
}

const allPassBut = (overrides: Record<string, string>) => ({
  'auth-header': 'pass',
  'token-in-query': 'pass',
  cors: 'pass',
  'no-buffering': 'pass',
  heartbeats: 'pass',
  resume: 'pass',
  errors: 'pass',
  framing: 'pass',
  ...overrides,
})

/** The harness as the contract says: every check passes, and the token never appears on the page. */
export const HealthyEndpoint: Story = {
  ...inThePanel,
  parameters: { msw: { handlers: handlers() }, ...live },
  play: async ({ canvasElement }) => {
    await checkEndpoint(canvasElement, 'doctor-healthy')
    await expect(statuses(canvasElement)).toEqual(allPassBut({}))
    await expect(rowText(canvasElement, 'cors')).toMatch(/share an origin/)
    await expect(rowText(canvasElement, 'resume')).toMatch(/no replay, no gap/)
    await expect(canvasElement.textContent).not.toMatch(/Bearer demo|token=demo/)
  },
}

/** The old backend that read `?token=`: the doctor fails exactly that check and says why tokens do not belong in URLs. */
export const TokenAcceptedInUrl: Story = {
  ...inThePanel,
  parameters: { msw: { handlers: handlers(['token-in-url']) }, ...live },
  play: async ({ canvasElement }) => {
    await checkEndpoint(canvasElement, 'doctor-token-in-url')
    await expect(statuses(canvasElement)).toEqual(allPassBut({ 'token-in-query': 'fail' }))
    await expect(rowText(canvasElement, 'token-in-query')).toMatch(/accepted a token from the URL.*Change: Accept the token only in the Authorization header/)
  },
}

/** A resume endpoint that replays from the first event: called out, with the client's replay guard explained. */
export const ReplayingResume: Story = {
  ...inThePanel,
  parameters: { msw: { handlers: handlers(['replay-on-resume']) }, ...live },
  play: async ({ canvasElement }) => {
    await checkEndpoint(canvasElement, 'doctor-replay')
    await expect(statuses(canvasElement)).toEqual(allPassBut({ resume: 'fail' }))
    await expect(rowText(canvasElement, 'resume')).toMatch(/first event had id 1 \(start\): the server replays/)
  },
}

/**
 * What `npx vue-chat-stream doctor … --json` printed against `npm run mock-server -- --misbehave buffering-proxy`,
 * shown by the card: the buffering fails, the heartbeats cannot be judged behind it, the rest passes.
 */
export const CliReport: Story = {
  args: { report: bufferingReport as DoctorReport },
  play: async ({ canvasElement }) => {
    await expect(statuses(canvasElement)).toEqual(allPassBut({ 'no-buffering': 'fail', heartbeats: 'warn' }))
    await expect(within(canvasElement).getByTestId('endpoint-summary')).toHaveTextContent('8 checks in 5.4 s: 6 pass, 1 warn, 1 fail.')
    await expect(canvasElement.querySelector('form')).toBeNull()
  },
}
