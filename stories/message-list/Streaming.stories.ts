import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { fixtureNames, speedNames } from 'vue-chat-stream/mocks'
import { nextFrames } from '../../test/support/frames'
import { distanceFromBottom, expectAtBottom, listParts, waitForPhase } from './play.test-support'
import StreamingList from './StreamingList.vue'

/**
 * A harness answer streamed into MessageList as immutable snapshots (no network): the list follows it to the
 * last pixel, the streaming message stays outside the virtual window, and the reader can always scroll away.
 */
const meta = {
  title: 'Components/MessageList/Streaming',
  component: StreamingList,
  tags: ['autodocs'],
  parameters: {
    visual: {
      tolerance: {
        pixels: 32,
        reason: "A live stream can settle at a sub-pixel scroll offset: up to 20 anti-aliased pixels at the list's rounded corners were seen to move between runs.",
      },
    },
  },
  argTypes: {
    fixture: { control: 'select', options: fixtureNames },
    speed: { control: 'select', options: speedNames },
    historySize: { control: { type: 'number', min: 0, max: 10_000, step: 10 } },
    timeScale: { control: { type: 'range', min: 0.1, max: 2, step: 0.1 } },
    dropAt: { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
    virtualize: { control: 'inline-radio', options: ['auto', 'always', 'never'] },
    streamingStrategy: { control: 'inline-radio', options: ['outside', 'pause'] },
  },
  args: { fixture: 'kitchen-sink', speed: 'fast', historySize: 20, virtualize: 'auto', streamingStrategy: 'outside' },
} satisfies Meta<typeof StreamingList>

export default meta
type Story = StoryObj<typeof meta>

async function streamsToTheEnd(canvasElement: HTMLElement) {
  await waitForPhase(canvasElement, 'done')
  await nextFrames(3)
  await expectAtBottom(canvasElement)
  await expect(canvasElement.querySelector('[role="log"]')).toHaveAttribute('aria-busy', 'false')
  await expect(canvasElement.querySelector('[data-message-id="answer"]')).toHaveAttribute('data-status', 'done')
}

export const Instant: Story = {
  args: { speed: 'instant', fixture: 'short-answer' },
  play: ({ canvasElement }) => streamsToTheEnd(canvasElement),
}
export const Slow: Story = { args: { speed: 'slow', fixture: 'one-liner' }, play: ({ canvasElement }) => streamsToTheEnd(canvasElement) }
export const Typing: Story = { args: { speed: 'typing', fixture: 'short-answer' }, play: ({ canvasElement }) => streamsToTheEnd(canvasElement) }
export const Fast: Story = { args: { speed: 'fast', fixture: 'table-heavy', historySize: 250 }, play: ({ canvasElement }) => streamsToTheEnd(canvasElement) }
export const Burst: Story = { args: { speed: 'burst', fixture: 'code-heavy' }, play: ({ canvasElement }) => streamsToTheEnd(canvasElement) }
export const Jittery: Story = { args: { speed: 'jittery', fixture: 'short-answer' }, play: ({ canvasElement }) => streamsToTheEnd(canvasElement) }
export const SlowFirstToken: Story = {
  args: { speed: 'slow-first-token', fixture: 'one-liner' },
  play: async ({ canvasElement }) => {
    // While nothing has arrived the answer is pending: the log is busy, the typing indicator shows.
    await waitFor(() => expect(canvasElement.querySelector('[data-message-id="answer"]')).toHaveAttribute('data-status', 'pending'))
    await expect(canvasElement.querySelector('[role="log"]')).toHaveAttribute('aria-busy', 'true')
    await streamsToTheEnd(canvasElement)
  },
}

/** The reader scrolls up while a long answer streams: the view stays exactly where they put it. */
export const ReaderScrolledAway: Story = {
  args: { speed: 'typing', fixture: 'code-heavy', historySize: 250, timeScale: 0.3 },
  play: async ({ canvasElement }) => {
    const { root, scroller } = listParts(canvasElement)
    await waitFor(() => expect(root.dataset.virtualization).toBe('outside'), { timeout: 10_000 })
    await nextFrames(10)
    scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -600, bubbles: true }))
    scroller.scrollTop -= 600
    await nextFrames(2)
    const top = scroller.scrollTop
    await expect(root.dataset.stick).toBe('released')
    await waitForPhase(canvasElement, 'done')
    await nextFrames(3)
    await expect(Math.abs(scroller.scrollTop - top)).toBeLessThanOrEqual(1)
    await expect(distanceFromBottom(scroller)).toBeGreaterThan(100)
    const jump = within(canvasElement).getByRole('button', { name: /Jump to latest/ })
    await userEvent.click(jump)
    await expectAtBottom(canvasElement)
  },
}

/** `streamingStrategy: 'pause'` — the seed's behaviour: every message renders while one streams. */
export const PauseVirtualization: Story = {
  args: { speed: 'fast', fixture: 'short-answer', historySize: 250, streamingStrategy: 'pause' },
  play: async ({ canvasElement }) => {
    const { root } = listParts(canvasElement)
    await waitFor(() => expect(root.dataset.virtualization).toBe('paused'), { timeout: 10_000 })
    await streamsToTheEnd(canvasElement)
    await expect(root.dataset.virtualization).toBe('on')
  },
}

/** The connection drops halfway (error state), the answer resumes and completes; the view follows throughout. */
export const InterruptedAndResumed: Story = {
  args: { speed: 'fast', fixture: 'kitchen-sink', dropAt: 0.5, resumeAfterMs: 600 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-message-id="answer"]')).toHaveAttribute('data-status', 'error'), { timeout: 20_000 })
    await expectAtBottom(canvasElement)
    const wrapper = await waitForPhase(canvasElement, 'done')
    await expect(wrapper.dataset.phases).toBe('pending,streaming,error,streaming,done')
    await nextFrames(3)
    await expectAtBottom(canvasElement)
  },
}
