import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import { MessageList } from '../../src'
import { nextFrames } from '../../test/support/frames'
import { harnessAnswers, makeHistory } from '../../test/support/history'
import { expectAtBottom, listParts } from './play.test-support'

/**
 * The message list: history virtualized with @tanstack/vue-virtual above a threshold, the streaming message kept
 * outside the virtual window, follow mode that lets go the moment the reader scrolls, and older messages loaded at
 * the top without moving the view. See docs/decisions/virtualization-streaming.md.
 */
const meta = {
  title: 'Components/MessageList',
  component: MessageList,
  tags: ['autodocs'],
  decorators: [() => ({ template: '<div style="height: 460px; border: 1px solid var(--vcs-color-border)"><story /></div>' })],
  argTypes: {
    virtualize: { control: 'inline-radio', options: ['auto', 'always', 'never'] },
    streamingStrategy: { control: 'inline-radio', options: ['outside', 'pause'] },
    locale: { control: 'inline-radio', options: ['en', 'de'] },
    virtualizeThreshold: { control: { type: 'number', min: 0, step: 50 } },
  },
  args: { messages: makeHistory(6, { prefix: 'h', text: harnessAnswers() }), virtualize: 'auto', streamingStrategy: 'outside', locale: 'en' },
} satisfies Meta<typeof MessageList>

export default meta
type Story = StoryObj<typeof meta>

/** No messages: the empty state (replace it with the `empty` slot). */
export const Empty: Story = {
  args: { messages: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No messages yet.')).toBeVisible()
    await expect(canvasElement.querySelector('[role="log"]')).toHaveAttribute('aria-busy', 'false')
  },
}

/** A short chat renders every message and opens at the newest one. */
export const ShortChat: Story = {
  play: async ({ canvasElement }) => {
    await nextFrames(3)
    const { root } = listParts(canvasElement)
    await expect(root.dataset.virtualization).toBe('off')
    await expect(within(canvasElement).getAllByRole('listitem')).toHaveLength(6)
    await expectAtBottom(canvasElement)
  },
}

/** 10,000 messages: a bounded window of rows, opened exactly at the bottom. */
export const TenThousandMessages: Story = {
  name: '10,000-message history',
  args: { messages: makeHistory(10_000, { prefix: 'h', text: harnessAnswers() }) },
  play: async ({ canvasElement }) => {
    await nextFrames(6)
    const { root } = listParts(canvasElement)
    await expect(root.dataset.virtualization).toBe('on')
    const rows = canvasElement.querySelectorAll('.vcs-message-list__row')
    await expect(rows.length).toBeLessThan(60)
    await expect(canvasElement.querySelector('[data-message-key="h9999"]')).not.toBeNull()
    await expectAtBottom(canvasElement)
  },
}

/** German strings (`locale: 'de'`); any single string can be overridden with `strings`. */
export const German: Story = {
  args: { messages: [], locale: 'de' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Noch keine Nachrichten.')).toBeVisible()
    await expect(within(canvasElement).getByRole('log', { name: 'Nachrichten' })).toBeInTheDocument()
  },
}
