import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { StreamingDebugPanel } from '../../src/components/StreamingDebugPanel'
import { parseDiagnostics } from '../../src/diagnostics/parse'
import type { DiagnosticsFile } from '../../src/diagnostics/schema'
import stormRaw from './fixtures/503-storm.json?raw'
import slowRendererRaw from './fixtures/slow-renderer.json?raw'
import stalledRaw from './fixtures/stalled-stream.json?raw'
import tokenInUrlRaw from './fixtures/token-in-url-422.json?raw'

function load(raw: string): DiagnosticsFile {
  const result = parseDiagnostics(raw)
  if (!result.ok) throw new Error(result.error)
  return result.diagnostics
}

/**
 * `StreamingDebugPanel` from `vue-chat-stream/debug`, showing saved diagnostics files — what the support team
 * sees when a user sends one. Fully deterministic: these stories guard the panel's formatting in the visual
 * tests. The live stories are under "Debug panel/Scenarios".
 */
const meta = {
  title: 'Debug panel/StreamingDebugPanel',
  component: StreamingDebugPanel,
  tags: ['autodocs'],
  argTypes: {
    diagnostics: { control: 'object' },
    loader: { control: 'boolean' },
    title: { control: 'text' },
    headingLevel: { control: 'inline-radio', options: [2, 3, 4, 5] },
  },
  args: { onCopy: fn(), onLoad: fn() },
  parameters: {
    visual: {
      tolerance: {
        pixels: 16,
        reason: "The rounded bottom corners sit on the capture's bottom edge: one anti-aliasing colour step on a few of their pixels was seen to change between identical runs (6 px here, 10 px on the transport demo).",
      },
    },
  },
} satisfies Meta<typeof StreamingDebugPanel>

export default meta
type Story = StoryObj<typeof meta>

const figure = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.textContent?.trim() ?? ''

/** A user's file: a stall the client recovered from, with the charts, the histogram and the capped log. */
export const LoadedStalledStream: Story = {
  args: { diagnostics: load(stalledRaw) },
  play: async ({ canvasElement }) => {
    await expect(figure(canvasElement, 'source')).toBe('loaded file')
    await expect(figure(canvasElement, 'stalls')).toBe('1')
    await expect(figure(canvasElement, 'retry-log')).toContain('stall')
    await expect(canvasElement.querySelector('[data-finding="stalls"]')).not.toBeNull()
    await expect(figure(canvasElement, 'log-count')).toMatch(/omitted/)
  },
}

/** The seed's 422: the token went in the URL; status, FastAPI's detail and the warning say so at a glance. */
export const LoadedTokenInUrl422: Story = {
  args: { diagnostics: load(tokenInUrlRaw) },
  play: async ({ canvasElement }) => {
    await expect(figure(canvasElement, 'status')).toBe('422')
    await expect(figure(canvasElement, 'detail')).toBe('header authorization: Field required')
    await expect(figure(canvasElement, 'token-transport')).toBe('URL query string')
    await expect(canvasElement.querySelector('[data-finding="token-in-url"]')).not.toBeNull()
    await expect(canvasElement.textContent).not.toMatch(/token=demo/)
  },
}

/** A file from a slow device: nothing failed; the rendering figures explain the stutter (a main thread this busy also delays reading the stream). */
export const LoadedSlowRenderer: Story = {
  args: { diagnostics: load(slowRendererRaw) },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-finding="jank"]')).not.toBeNull()
    await expect(canvasElement.querySelector('.vcs-debug__finding--error')).toBeNull()
    await expect(Number(figure(canvasElement, 'dropped-frames'))).toBeGreaterThan(0)
    await expect(figure(canvasElement, 'renders-per-publish')).toBe('1.01')
    await expect(figure(canvasElement, 'virtualization')).toBe('off')
  },
}

/**
 * A 503 storm, recorded from the example app against the mock server (scripts/example-captures.ts): the service
 * answered every try with 503 and Retry-After; the client waited as told five times, then gave up. The support
 * training's fourth exercise (docs/support.md).
 */
export const Loaded503Storm: Story = {
  args: { diagnostics: load(stormRaw) },
  play: async ({ canvasElement }) => {
    await expect(figure(canvasElement, 'status')).toBe('503')
    await expect(figure(canvasElement, 'token-transport')).toBe('Authorization header')
    await expect(canvasElement.querySelector('[data-finding="overloaded"]')).not.toBeNull()
    await expect(canvasElement.querySelector('.vcs-debug__finding--error')).not.toBeNull()
    await expect(figure(canvasElement, 'retry-log')).toContain('503')
  },
}

/** Support pastes a file into an empty panel: the panel shows it, and says which file it is showing. */
export const PasteAFile: Story = {
  args: {},
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(figure(canvasElement, 'empty')).toMatch(/Nothing to show yet/)
    const box = canvas.getByLabelText('Or paste its JSON')
    await userEvent.click(box)
    await userEvent.paste(tokenInUrlRaw)
    await userEvent.click(canvas.getByRole('button', { name: 'Show pasted diagnostics' }))
    await waitFor(() => expect(figure(canvasElement, 'status')).toBe('422'))
    await expect(figure(canvasElement, 'file-banner')).toContain('pasted JSON')
    await expect(args.onLoad).toHaveBeenCalledOnce()
  },
}

/** A file that is not diagnostics is refused with a sentence, and nothing else changes. */
export const PasteSomethingElse: Story = {
  args: {},
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByLabelText('Or paste its JSON'))
    await userEvent.paste('{"hello": "world"}')
    await userEvent.click(canvas.getByRole('button', { name: 'Show pasted diagnostics' }))
    await expect(await canvas.findByRole('alert')).toHaveTextContent('not a vue-chat-stream diagnostics file')
    await expect(figure(canvasElement, 'source')).toBe('idle')
  },
}

/** A 60,000-entry log, as a stream logged with a raised `maxLogEntries` would give (deterministic). */
function largeLogFile(): DiagnosticsFile {
  const base = load(stalledRaw)
  const log = Array.from({ length: 60_000 }, (_, i) => ({
    atMs: i * 2,
    type: (i % 500 === 499 ? 'retry' : 'chunk') as 'retry' | 'chunk',
    text: i % 500 === 499 ? `attempt 1 in 250 ms: stall (entry ${i})` : `${64 + (i % 200)} B (total ${i * 96} B), entry ${i}`,
  }))
  return { ...base, note: 'Long session, log size raised.', stream: { ...base.stream!, log, logOmitted: 0 } }
}

/**
 * A file with 60,000 log entries: the import keeps the first 1,000 and the latest 9,000 and says what it left
 * out; the event log renders only the rows in view, so the panel stays as light as with fifty.
 */
export const LoadedLargeLog: Story = {
  args: { diagnostics: largeLogFile() },
  play: async ({ canvasElement }) => {
    await expect(figure(canvasElement, 'log-count')).toBe('10001 of 10001 (50000 omitted)')
    await expect(figure(canvasElement, 'file-banner')).toContain('Left out to keep the panel fast: stream.log: 50,000 of 60,000 entries omitted.')
    const rows = () => canvasElement.querySelectorAll('.vcs-log__table tbody tr:not(.vcs-log__spacer)')
    const scroller = () => canvasElement.querySelector<HTMLElement>('.vcs-log__scroll')!
    const scrollTo = (top: number) => {
      scroller().scrollTop = top
      scroller().dispatchEvent(new Event('scroll'))
    }
    await waitFor(() => expect(rows().length).toBeGreaterThan(5))
    await expect(rows().length).toBeLessThan(60)
    scrollTo(scroller().scrollHeight)
    await waitFor(() => expect(scroller().textContent).toContain('entry 59999'), { timeout: 5000 })
    await expect(rows().length).toBeLessThan(60)
    // Back to the top for the snapshot: the first rows and the header.
    scrollTo(0)
    await waitFor(() => expect(scroller().textContent).toContain('entry 0'), { timeout: 5000 })
  },
}

/**
 * A hand-edited file that is partial — the rendering figures are `{}` and most stream figures are missing — shows
 * with defaults instead of disappearing.
 */
export const LoadedPartialFile: Story = {
  args: {
    diagnostics: {
      schema: 'vue-chat-stream/diagnostics',
      version: 1,
      stream: { status: 503, state: 'error', error: { kind: 'http', status: 503, message: 'The server is overloaded (503).', detail: [null, 'busy'] } },
      reactivity: {},
    } as unknown as DiagnosticsFile,
  },
  play: async ({ canvasElement }) => {
    await expect(figure(canvasElement, 'status')).toBe('503')
    await expect(figure(canvasElement, 'detail')).toBe('nullbusy')
    await expect(figure(canvasElement, 'publishes')).toBe('0')
    await expect(canvasElement.querySelector('[data-testid="file-error"]')).toBeNull()
  },
}

/** A file whose fields are wrong is refused with a sentence naming the field, instead of a broken panel. */
export const RefusedBrokenFile: Story = {
  args: {
    diagnostics: {
      schema: 'vue-chat-stream/diagnostics',
      version: 1,
      stream: { log: [{ atMs: 'soon', type: 'open', text: 'x' }] },
    } as unknown as DiagnosticsFile,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'This diagnostics file cannot be shown: stream.log[0].atMs is not valid (expected number, got "soon").',
    )
    await expect(figure(canvasElement, 'empty')).toMatch(/Nothing to show yet/)
  },
}
