import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, within } from 'storybook/test'
import { ChatConfigProvider, MessageList } from '../../src'
import type { ChatMessage } from '../../src'
import { cannotResumeError, networkError } from '../../src/errors'
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
  // No `locale` arg: the list follows the configured language (the toolbar's Language) unless a story sets one.
  args: { messages: makeHistory(6, { prefix: 'h', text: harnessAnswers() }), virtualize: 'auto', streamingStrategy: 'outside' },
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

/** The German chat's clock, frozen so the countdown reads the same in every snapshot. */
const STORY_NOW = Date.UTC(2025, 5, 3, 10, 0, 0)

const german = (id: string, role: ChatMessage['role'], content: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  role,
  content,
  status: 'done',
  createdAt: 0,
  ...extra,
})

const GERMAN_CHAT: ChatMessage[] = [
  german('de-1', 'user', 'Warum stand das Token früher in der URL?'),
  german('de-2', 'assistant', 'Der alte Client nutzte **EventSource**, und EventSource kann keine Header senden. Der Server verlangt aber den `Authorization`-Header und antwortete deshalb mit **422**.'),
  german('de-3', 'user', 'Und was passiert, wenn die Verbindung abbricht?'),
  german('de-4', 'assistant', 'Der Client setzt die Antwort mit `Last-Event-ID` genau dort fort, wo sie abgebrochen ist:\n\n- kein Text doppelt', {
    status: 'streaming',
    connection: { state: 'reconnecting', attempt: 1, retryAt: STORY_NOW + 3000, delayMs: 3000, reason: 'network' },
  }),
]

/**
 * German (`locale: 'de'`, du-form): role labels, buttons, the reconnecting line and every screen-reader string. The
 * `locale` prop overrides the configured language for this list and the messages in it; `strings` overrides single
 * strings of the list.
 */
export const German: Story = {
  args: { messages: GERMAN_CHAT, locale: 'de' },
  decorators: [
    () => ({
      components: { ChatConfigProvider },
      setup: () => ({ now: () => STORY_NOW }),
      template: '<ChatConfigProvider :now="now"><story /></ChatConfigProvider>',
    }),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('log', { name: 'Nachrichten' })).toBeInTheDocument()
    await expect(canvas.getAllByRole('article', { name: 'Deine Nachricht' })).toHaveLength(2)
    await expect(canvas.getAllByRole('article', { name: 'Antwort des Assistenten' })).toHaveLength(2)
    await expect(canvas.getByRole('button', { name: 'Kopieren' })).toBeTruthy()
    await expect(canvas.getByRole('button', { name: 'Anhalten' })).toBeTruthy()
    await expect(canvasElement.querySelector('.vcs-connection')!.textContent).toBe('Verbindung unterbrochen – neuer Versuch in 3\u00a0Sekunden\u00a0…')
  },
}

/** The empty state in German; the `empty` slot replaces it. */
export const GermanEmpty: Story = {
  name: 'German — empty',
  args: { messages: [], locale: 'de' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Noch keine Nachrichten.')).toBeVisible()
    await expect(within(canvasElement).getByRole('log', { name: 'Nachrichten' })).toBeInTheDocument()
  },
}

/** A failed answer in German inside the list, with the developer text behind *Technische Details*. */
export const GermanError: Story = {
  name: 'German — error',
  globals: { locale: 'de' },
  args: {
    messages: [
      german('de-e1', 'user', 'Fasse die Änderungen zusammen.'),
      german('de-e2', 'assistant', '', { status: 'error', error: cannotResumeError(networkError(new TypeError('Failed to fetch'), '')).toJSON() }),
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('alert').textContent).toBe('Der Assistent ist gerade nicht erreichbar. Versuche es gleich noch einmal.')
    await expect(canvasElement.querySelector('summary')!.textContent).toBe('Technische Details')
  },
}
