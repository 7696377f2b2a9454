import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { h } from 'vue'
import { fixtures } from 'vue-chat-stream/mocks'
import type { FixtureName } from 'vue-chat-stream/mocks'
import { ChatConfigProvider, MessageItem, useChatConfig } from '../../src'
import type { ChatMessage, MessageConnection, StreamErrorInfo } from '../../src'
import { cannotResumeError, networkError } from '../../src/errors'
import { renderMarkdownBlocks } from '../../src/markdown/streaming'
import { markerFlashes, visibleText } from '../../src/markdown/visible-text.test-support'
import { errorExamples, JARGON } from '../../test/support/errors'
import LiveMessage from './LiveMessage.vue'

function msg(content: string, status: ChatMessage['status'] = 'done', extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id: 'story', role: 'assistant', content, status, createdAt: 0, ...extra }
}

/** Text a reader sees outside code blocks (code may legitimately contain `**`). */
function proseText(root: HTMLElement): string {
  const clone = root.cloneNode(true) as HTMLElement
  clone.querySelectorAll('pre, code, .vcs-code').forEach((n) => n.remove())
  return clone.textContent ?? ''
}

async function expectNoRawMarkers(root: HTMLElement) {
  const text = proseText(root)
  await expect(text).not.toContain('**')
  await expect(text).not.toContain('~~')
}

/** What the reader sees of the markdown (code included), without UI chrome (labels, buttons, caret). */
function markdownText(root: Element): string {
  const clone = root.cloneNode(true) as HTMLElement
  clone.querySelectorAll('.vcs-code__bar, .vcs-caret').forEach((n) => n.remove())
  return clone.textContent ?? ''
}

/** Polls until `check` passes (plain loop: independent of the test runner's timers). */
async function until(check: () => boolean, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 25))
  }
}

/**
 * Waits until every picture has loaded (the harness serves the fixtures' pictures). Pictures load lazily: each is
 * scrolled to first, so one below the fold is in the snapshot too.
 */
async function picturesLoaded(root: HTMLElement) {
  for (const img of root.querySelectorAll('img')) {
    img.scrollIntoView({ block: 'nearest' })
    await until(() => img.complete && img.naturalWidth > 0)
  }
  window.scrollTo(0, 0)
}

async function expectHighlighted(root: HTMLElement) {
  await until(() => root.querySelector('.vcs-code[data-highlighted] span[style*="--shiki-light"]') !== null)
}

const meta = {
  title: 'Components/MessageItem',
  component: MessageItem,
  tags: ['autodocs'],
  args: { message: msg(fixtures['short-answer'].content) },
  argTypes: { message: { control: 'object', description: 'The ChatMessage snapshot to render' } },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof MessageItem>

export default meta
type Story = StoryObj<typeof meta>

function done(name: FixtureName, play?: Story['play']): Story {
  return { name: `${fixtures[name].title} — done`, args: { message: msg(fixtures[name].content) }, play }
}

/** One canvas, three frames: the fixture frozen at 25 / 50 / 75 % with status `streaming`. */
function midStream(name: FixtureName): Story {
  const content = fixtures[name].content
  return {
    name: `${fixtures[name].title} — mid-stream 25/50/75 %`,
    render: () => ({
      setup: () => () =>
        h(
          'div',
          { class: 'vcs-frames', style: 'display:grid;gap:16px' },
          [25, 50, 75].map((p) =>
            h('div', { 'data-frame': p }, [
              h('p', { style: 'margin:0 0 4px;font-size:12px;color:var(--vcs-color-muted)' }, `${p} %`),
              h(MessageItem, { message: msg(content.slice(0, Math.floor((content.length * p) / 100)), 'streaming', { id: `frame-${p}` }) }),
            ]),
          ),
        ),
    }),
    play: async ({ canvasElement }) => {
      await expect(canvasElement.querySelectorAll('[data-status="streaming"]')).toHaveLength(3)
      // No markdown syntax beyond what the finished answer itself shows (escaped or literal characters).
      const finalText = visibleText(renderMarkdownBlocks(content))
      for (const frame of canvasElement.querySelectorAll('.vcs-markdown')) {
        await expect(markerFlashes(markdownText(frame), finalText)).toEqual([])
      }
      for (const caret of canvasElement.querySelectorAll('.vcs-caret')) await expect(caret.closest('pre, table')).toBeNull()
      await picturesLoaded(canvasElement)
    },
  }
}

// Every fixture, done
export const KitchenSink = done('kitchen-sink', async ({ canvasElement }) => {
  await expectNoRawMarkers(canvasElement)
  await expect(canvasElement.querySelector('table')).not.toBeNull()
  await expect(canvasElement.querySelectorAll('input.vcs-task[type="checkbox"]')).toHaveLength(3)
  await expect(canvasElement.querySelector('s')?.textContent).toBe('strikethrough')
  // Task checkboxes are named by their text, in the answer's language (no English "done" / "to do").
  await expect(within(canvasElement).getByRole('checkbox', { name: 'Write the harness' })).toBeChecked()
  await expect(within(canvasElement).getByRole('checkbox', { name: 'Ship it' })).not.toBeChecked()
  // Alignment survives finishing: the "Notes" column (`----:`) is right-aligned.
  await expect(getComputedStyle(canvasElement.querySelector('tbody td:last-child')!).textAlign).toBe('right')
  await expect(canvasElement.textContent).not.toContain('[^')
  await picturesLoaded(canvasElement)
  await expect(within(canvasElement).getByRole('img', { name: 'A small diagram' })).toBeTruthy()
})
export const CodeHeavy = done('code-heavy', async ({ canvasElement }) => {
  await expectHighlighted(canvasElement)
  const labels = [...canvasElement.querySelectorAll('.vcs-code__lang')].map((n) => n.textContent)
  await expect(labels).toEqual(['ts', 'python', 'bash', 'json', 'diff', 'brainfuck-ish', 'text'])
  await expect(canvasElement.querySelector('.vcs-code[data-lang="brainfuck-ish"]')!.hasAttribute('data-highlighted')).toBe(false)
})
export const TableHeavy = done('table-heavy', async ({ canvasElement }) => {
  await expect(canvasElement.querySelectorAll('table')).toHaveLength(4)
  await expectNoRawMarkers(canvasElement)
})
export const OneLiner = done('one-liner', async ({ canvasElement }) => {
  await expect(within(canvasElement).getByText('Canberra').tagName).toBe('STRONG')
})
export const ShortAnswer = done('short-answer', async ({ canvasElement }) => expectNoRawMarkers(canvasElement))
export const I18n = done('i18n', async ({ canvasElement }) => {
  // The content finds its own direction; the role label and buttons follow the page (or the configured `dir`).
  await expect(canvasElement.querySelector('.vcs-message__body')!.getAttribute('dir')).toBe('auto')
  await expect(canvasElement.querySelector('article')!.hasAttribute('dir')).toBe(false)
  await expect(canvasElement.textContent).toContain('こんにちは')
})
export const StreamingTraps = done('streaming-traps', async ({ canvasElement }) => expectNoRawMarkers(canvasElement))
export const Hostile = done('hostile', async ({ canvasElement }) => {
  await expect(canvasElement.querySelector('.vcs-markdown script, .vcs-markdown iframe, .vcs-markdown img[onerror]')).toBeNull()
  await expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined()
  await expect(canvasElement.textContent).toContain('<script>')
})
export const MathEscapes = done('math-escapes', async ({ canvasElement }) => {
  await expect(canvasElement.textContent).toContain('*not italic*')
})
export const Nesting = done('nesting', async ({ canvasElement }) => {
  await expect(canvasElement.querySelector('blockquote ul blockquote')).not.toBeNull()
})
export const LongLine = done('long-line')
export const ServerErrorPartial = done('server-error')
export const Empty = done('empty', async ({ canvasElement }) => {
  await expect(canvasElement.querySelector('[data-status="done"]')).not.toBeNull()
  await expect(canvasElement.querySelector('.vcs-markdown')).toBeNull()
})
const TOO_TALL_FOR_PIXELS = {
  visual: { skip: 'The 100 KB answer renders ~30,000 px tall: Chromium cannot capture an element that size stably within the comparison timeout. Its formatting is guarded by the unit equivalence tests and by the smaller fixtures, which share every block type.' },
  // ~30 million pixels per mode: beyond what a Chromatic snapshot should hold; the smaller fixtures are snapshotted.
  chromatic: { disableSnapshot: true },
}

export const LongMixed: Story = {
  ...done('long-mixed', async ({ canvasElement }) => {
    await expectNoRawMarkers(canvasElement)
    await expect(canvasElement.querySelectorAll('.vcs-code').length).toBeGreaterThan(10)
  }),
  parameters: TOO_TALL_FOR_PIXELS,
}

// Every fixture, frozen mid-stream (formatting snapshots)
export const KitchenSinkMidStream = midStream('kitchen-sink')
export const CodeHeavyMidStream = midStream('code-heavy')
export const TableHeavyMidStream = midStream('table-heavy')
export const OneLinerMidStream = midStream('one-liner')
export const ShortAnswerMidStream = midStream('short-answer')
export const I18nMidStream = midStream('i18n')
export const StreamingTrapsMidStream = midStream('streaming-traps')
export const HostileMidStream = midStream('hostile')
export const MathEscapesMidStream = midStream('math-escapes')
export const NestingMidStream = midStream('nesting')
export const LongLineMidStream = midStream('long-line')
export const ServerErrorMidStream = midStream('server-error')
export const LongMixedMidStream: Story = { ...midStream('long-mixed'), parameters: TOO_TALL_FOR_PIXELS }

// Roles
export const User: Story = { args: { message: msg('How do I send the token **without** putting it in the URL?', 'done', { role: 'user' }) } }
export const System: Story = { args: { message: msg('You are a helpful assistant. Answer in **markdown**.', 'done', { role: 'system' }) } }
export const Tool: Story = { args: { message: msg('```json\n{ "results": 3, "source": "kb" }\n```', 'done', { role: 'tool' }) } }

// States
export const Pending: Story = {
  args: { message: msg('', 'pending') },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status', { name: 'Assistant is typing' })).toBeTruthy()
    await expect(within(canvasElement).getByRole('button', { name: 'Stop' })).toBeTruthy()
  },
}
export const Streaming: Story = {
  args: { message: msg('Streaming an answer with **bold text that is still op', 'streaming') },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('p .vcs-caret')).not.toBeNull()
    await expect(canvasElement.querySelector('strong')?.textContent).toBe('bold text that is still op')
    await expectNoRawMarkers(canvasElement)
  },
}
export const Stopped: Story = {
  args: { message: msg('The answer started but the reader pressed **Stop** after', 'stopped') },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.textContent).toContain('Stopped')
    await expect(within(canvasElement).getByRole('button', { name: 'Retry' })).toBeTruthy()
  },
}
const missingAuth: StreamErrorInfo = {
  kind: 'http',
  status: 422,
  detail: [{ type: 'missing', loc: ['header', 'authorization'], msg: 'Field required', input: null }],
  message: 'The server rejected the request. Send the token in the Authorization header, not in the URL.',
  retryable: false,
}
export const Error422: Story = {
  name: 'Error — 422 missing Authorization',
  args: { message: msg('', 'error', { error: missingAuth }), onRetry: fn() },
  play: async ({ canvasElement, args }) => {
    // The reader gets one plain sentence; FastAPI's detail and the status are in the Details disclosure.
    await expect(within(canvasElement).getByRole('alert').textContent).toBe('The request was not accepted. If this keeps happening, contact support.')
    const details = canvasElement.querySelector('details')!
    await expect(details.open).toBe(false)
    await expect(details.textContent).toContain('header authorization: Field required')
    await expect(details.textContent).toContain('HTTP 422')
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Retry' }))
    await expect(args.onRetry).toHaveBeenCalledTimes(1)
  },
}

/** The reader copies one code block: the event carries exactly that block's source. */
export const CopyCodeBlock: Story = {
  name: 'Copy a code block',
  args: { message: msg('Run this:\n\n```bash\nnpm run mock-server -- --port 8787\n```\n\nThen open Storybook.'), onCopy: fn() },
  play: async ({ canvasElement, args }) => {
    const button = await within(canvasElement).findByRole('button', { name: /Copy bash code/ })
    await userEvent.click(button)
    await expect(args.onCopy).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'code', text: 'npm run mock-server -- --port 8787\n' }),
    )
    // The confirmation ("Copied" when the clipboard accepts) reverts after 1.5 s; wait past it for a stable snapshot.
    await new Promise((resolve) => setTimeout(resolve, 1800))
    await waitFor(() => expect(button.textContent).toBe('Copy bash code'), { timeout: 4000 })
  },
}
export const ErrorMidAnswer: Story = {
  name: 'Error — server error after partial text',
  args: {
    message: msg(fixtures['server-error'].content, 'error', {
      error: { kind: 'protocol', message: fixtures['server-error'].serverError ?? 'The server reported an error.', retryable: false },
    }),
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert').textContent).toBe('The assistant could not finish this answer.')
    await expect(canvasElement.querySelector('.vcs-error__technical')!.textContent).toContain('Upstream model timed out')
  },
}

// Connection trouble and errors, as the person in front of the chat reads them

/** The countdown stories' clock: frozen, so "in 3 s" stays 3 s in every snapshot. */
const STORY_NOW = Date.UTC(2025, 5, 3, 10, 0, 0)
const frozenClock = () => ({
  components: { ChatConfigProvider },
  setup: () => ({ now: () => STORY_NOW }),
  template: '<ChatConfigProvider :now="now"><story /></ChatConfigProvider>',
})
const reconnecting = (seconds: number, extra: Partial<Extract<MessageConnection, { state: 'reconnecting' }>> = {}): MessageConnection => ({
  state: 'reconnecting',
  attempt: 1,
  retryAt: STORY_NOW + seconds * 1000,
  delayMs: seconds * 1000,
  reason: 'network',
  ...extra,
})

/** What arrived before the connection went away: the answer's first two paragraphs. */
const FIRST_PARAGRAPHS = fixtures['short-answer'].content.split('\n\n').slice(0, 2).join('\n\n')

/** The connection dropped mid-answer: the text so far stays, a line counts down to the client's next try. */
export const Reconnecting: Story = {
  name: 'Connection lost — reconnecting',
  decorators: [frozenClock],
  args: { message: msg(FIRST_PARAGRAPHS, 'streaming', { connection: reconnecting(3) }) },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.vcs-connection')!.textContent).toBe('Connection lost — reconnecting in 3\u00a0s…')
    // Nothing is being written while it waits: no caret, not busy; a polite live region is ready for the news.
    await expect(canvasElement.querySelector('.vcs-caret')).not.toBeVisible()
    await expect(canvasElement.querySelector('article')).not.toHaveAttribute('aria-busy')
    await expect(canvasElement.querySelector('[role="status"][aria-live="polite"]')).not.toBeNull()
    await expect(within(canvasElement).getByRole('button', { name: 'Stop' })).toBeTruthy()
  },
}

/** The server said 503 with Retry-After: the wait is the server's, and the line says so. */
export const ServerBusy: Story = {
  name: 'Server busy — trying again',
  decorators: [frozenClock],
  args: { message: msg('', 'pending', { connection: reconnecting(2, { reason: 'http', status: 503 }) }) },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.vcs-connection')!.textContent).toBe('The server is busy — trying again in 2\u00a0s…')
    await expect(canvasElement.querySelector('.vcs-typing')).toBeNull()
  },
}

/** The browser is offline: the client waits for the network, and the answer continues by itself. */
export const Offline: Story = {
  decorators: [frozenClock],
  args: { message: msg(FIRST_PARAGRAPHS, 'streaming', { connection: { state: 'offline' } }) },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.vcs-connection')!.textContent).toBe('You are offline — the answer continues when you are back online.')
  },
}

/**
 * Every kind of failure, as the reader sees it: one plain sentence, *Details* with the developer text (open it),
 * and *Retry*. Built with the library's own error constructors.
 */
export const EveryErrorKind: Story = {
  name: 'Errors — every kind',
  render: () => ({
    setup: () => () =>
      h(
        'div',
        { style: 'display:grid;gap:12px' },
        // "offline" needs navigator.onLine === false; the browser tests show it (src/components/MessageItem).
        errorExamples().filter((example) => example.online !== false).map((example, i) =>
          h('div', { 'data-error-example': example.key }, [
            h('p', { style: 'margin:0 0 4px;font-size:12px;color:var(--vcs-color-muted)', lang: 'en' }, example.name),
            h(MessageItem, { message: msg(example.hasContent ? 'The first part of the answer arrived' : '', 'error', { id: `error-${i}`, error: example.error }) }),
          ]),
        ),
      ),
  }),
  play: async ({ canvasElement }) => {
    for (const notice of canvasElement.querySelectorAll<HTMLElement>('.vcs-error')) {
      const shown = notice.cloneNode(true) as HTMLElement
      shown.querySelector('.vcs-error__technical')?.remove()
      await expect(shown.textContent ?? '').not.toMatch(JARGON)
    }
  },
}

/** The `error` slot replaces the notice; its props carry the sentence, its key and the technical text. */
export const ErrorSlot: Story = {
  name: 'Error — your own notice (error slot)',
  args: { message: msg('', 'error', { error: cannotResumeError(networkError(new TypeError('Failed to fetch'), '')).toJSON() }), onRetry: fn() },
  render: (args) => ({
    setup: () => () =>
      h(MessageItem, args, {
        error: ({ text, errorKey, technical, retry }: { text: string; errorKey: string; technical: { title: string }; retry: () => void }) =>
          h('div', { class: 'story-error', 'data-key': errorKey, style: 'margin-top:8px;padding:8px 12px;border-radius:6px;background:var(--vcs-color-surface)' }, [
            h('p', { style: 'margin:0 0 6px' }, text),
            h('small', { style: 'color:var(--vcs-color-muted)' }, `Reference for support: ${technical.title}`),
            h('div', [h('button', { type: 'button', class: 'vcs-button', style: 'margin-top:6px', onClick: retry }, 'Ask again')]),
          ]),
      }),
  }),
  play: async ({ canvasElement, args }) => {
    await expect(canvasElement.querySelector('.vcs-error')).toBeNull()
    await expect(canvasElement.querySelector('.story-error')).toHaveAttribute('data-key', 'unreachable')
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Ask again' }))
    await expect(args.onRetry).toHaveBeenCalledWith('story')
  },
}

const GERMAN_ANSWER = [
  '## Streaming ohne Ruckeln',
  '',
  'Die Antwort kommt **Stück für Stück** an und wird sofort formatiert:',
  '',
  '1. Der Client schickt das Token im `Authorization`-Header, nie in der URL.',
  '2. Bricht die Verbindung ab, setzt er mit `Last-Event-ID` genau dort fort.',
  '3. Jeder Abschnitt erscheint, sobald er vollständig ist.',
].join('\n')

/**
 * German (`locale: 'de'`, du-form): an answer being written, the same answer while the connection is lost, and
 * after it failed, with *Technische Details* open.
 */
export const German: Story = {
  name: 'German — mid-answer, reconnecting, error with Details',
  globals: { locale: 'de' },
  decorators: [frozenClock],
  render: () => ({
    setup: () => () => {
      const partial = GERMAN_ANSWER.slice(0, 150)
      const failed = cannotResumeError(networkError(new TypeError('Failed to fetch'), '14')).toJSON()
      return h('div', { style: 'display:grid;gap:16px' }, [
        h(MessageItem, { message: msg('Wie streamt ihr die Antworten?', 'done', { id: 'de-question', role: 'user' }) }),
        h(MessageItem, { message: msg(partial, 'streaming', { id: 'de-streaming' }) }),
        h(MessageItem, { message: msg(partial, 'streaming', { id: 'de-reconnecting', connection: reconnecting(3) }) }),
        h(MessageItem, { message: msg(partial, 'error', { id: 'de-error', error: failed }), detailsOpen: true }),
      ])
    },
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByRole('article', { name: 'Deine Nachricht' })).toBeTruthy()
    await expect(canvas.getAllByRole('article', { name: 'Antwort des Assistenten' })).toHaveLength(3)
    await expect(canvas.getAllByRole('button', { name: 'Anhalten' })).toHaveLength(2)
    await expect(canvasElement.querySelector('.vcs-connection')!.textContent).toBe('Verbindung unterbrochen – neuer Versuch in 3\u00a0Sekunden\u00a0…')
    await expect(canvas.getByRole('alert').textContent).toBe('Die Verbindung ist abgebrochen, deshalb ist diese Antwort unvollständig.')
    await expect(canvasElement.querySelector('details')!.open).toBe(true)
    await expect(canvasElement.querySelector('summary')!.textContent).toBe('Technische Details')
    await expect(canvasElement.querySelector('.vcs-error__technical')).toHaveAttribute('lang', 'en')
    await expect(canvas.getByRole('button', { name: 'Erneut versuchen' })).toBeTruthy()
  },
}

/** Every error kind in German. */
export const EveryErrorKindGerman: Story = {
  ...EveryErrorKind,
  name: 'Errors — every kind (German)',
  globals: { locale: 'de' },
}

// Slots

/** Slot content of an app speaks the configured language too: `useChatConfig()` gives the strings in effect. */
const COPY_MARKDOWN: Record<string, string> = { en: 'Copy markdown', de: 'Markdown kopieren' }

export const WithSlots: Story = {
  render: (args) => ({
    setup: () => {
      const config = useChatConfig()
      return () =>
        h(MessageItem, args, {
          avatar: () => h('span', { class: 'story-avatar', style: 'display:inline-grid;place-items:center;width:28px;height:28px;border-radius:50%;background:var(--vcs-color-accent);color:var(--vcs-color-bg);font-weight:600' }, 'A'),
          header: ({ message }: { message: ChatMessage }) => h('strong', `${config.value.strings.message.roles.assistant} · ${message.id}`),
          footer: () => h('span', { 'data-chromatic': 'ignore' }, 'Sources: docs/streaming.md'),
          actions: ({ copy }: { copy: () => void }) =>
            h('button', { type: 'button', class: 'vcs-button', onClick: copy }, COPY_MARKDOWN[config.value.locale] ?? COPY_MARKDOWN.en),
        })
    },
  }),
  args: { message: msg(fixtures['one-liner'].content) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Copy markdown' })).toBeTruthy()
    await expect(canvasElement.textContent).toContain('Assistant · story')
  },
}

// Live: a seeded timer streams a fixture (no network)
export const Live: StoryObj<typeof LiveMessage> = {
  render: ({ fixture, charsPerTick, intervalMs, seed }) => ({
    setup: () => () => h(LiveMessage, { fixture, charsPerTick, intervalMs, seed, key: `${fixture}:${charsPerTick}:${intervalMs}:${seed}` }),
  }),
  args: { fixture: 'kitchen-sink', charsPerTick: 48, intervalMs: 16, seed: 1 },
  argTypes: {
    fixture: { control: 'select', options: Object.keys(fixtures) },
    charsPerTick: { control: { type: 'range', min: 1, max: 400, step: 1 } },
    intervalMs: { control: { type: 'range', min: 4, max: 200, step: 4 } },
    seed: { control: { type: 'number', min: 0, step: 1 } },
  },
  play: async ({ canvasElement }) => {
    await until(() => canvasElement.querySelector('[data-status="done"]') !== null, 20_000)
    await expectNoRawMarkers(canvasElement)
    await expect(canvasElement.querySelector('[data-status="done"]')!.textContent).toContain('Release notes')
    await expect(canvasElement.querySelector('table')).not.toBeNull()
    await picturesLoaded(canvasElement)
  },
}
