import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, fn, userEvent, within } from 'storybook/test'
import { ChatConfigProvider, ServiceNotice } from '../../src'
import type { NoticeStorage, ServiceNoticeConfig } from '../../src'

/** The stories' clock: 11:00 local time on a fixed day, so "until 14:00" reads the same on every machine. */
const NOW = new Date(2025, 5, 3, 11, 0).getTime()
const AT_TWO = new Date(2025, 5, 3, 14, 0)

/** Dismissals in memory, fresh per story: localStorage would keep a dismissed notice away in the next run. */
function memoryStorage(): NoticeStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return { entries, getItem: (key) => entries.get(key) ?? null, setItem: (key, value) => void entries.set(key, value) }
}

const degraded: ServiceNoticeConfig = { id: 'incident-2025-06-03', severity: 'warning', message: 'degraded', until: AT_TWO }

/**
 * Tells the people using the chat about temporary problems — the rollback plan's fourth step. Driven by app config
 * (`notices` of `createChatConfigPlugin` / `<ChatConfigProvider>`, or the `notices` prop), translated with the
 * configured language, politely announced once, dismissible (remembered per notice id), gone after its `until`.
 */
const meta = {
  title: 'Components/ServiceNotice',
  component: ServiceNotice,
  tags: ['autodocs'],
  decorators: [
    () => ({
      components: { ChatConfigProvider },
      setup: () => ({ now: () => NOW }),
      template: '<ChatConfigProvider :now="now"><story /></ChatConfigProvider>',
    }),
  ],
  args: { notices: [degraded], storage: memoryStorage(), onDismiss: fn() },
  argTypes: { storage: { control: false } },
} satisfies Meta<typeof ServiceNotice>

export default meta
type Story = StoryObj<typeof meta>

/** The built-in "degraded" notice with the time it is expected to end. */
export const Degraded: Story = {
  args: { storage: memoryStorage() },
  play: async ({ canvasElement }) => {
    const notice = canvasElement.querySelector('.vcs-notice')!
    await expect(notice.textContent).toContain('Warning: Answers may be slow or break off right now. We are working on it.')
    await expect(notice.textContent).toMatch(/Expected until 2:00\s?PM\./)
    await expect(within(canvasElement).getByRole('status').textContent).toContain('Answers may be slow')
  },
}

/** The same notice in German. */
export const German: Story = {
  globals: { locale: 'de' },
  args: { storage: memoryStorage() },
  play: async ({ canvasElement }) => {
    const notice = canvasElement.querySelector('.vcs-notice')!
    await expect(notice.textContent).toContain('Warnung: Antworten kommen gerade eventuell langsam oder brechen ab. Wir arbeiten daran.')
    await expect(notice.textContent).toContain('Voraussichtlich bis 14:00\u00a0Uhr.')
    await expect(within(canvasElement).getByRole('button', { name: 'Hinweis ausblenden' })).toBeTruthy()
  },
}

/** One of each severity: planned maintenance, degraded service, an outage (not dismissible). */
export const Severities: Story = {
  args: {
    storage: memoryStorage(),
    notices: [
      { id: 'maintenance-06-04', severity: 'info', message: 'maintenance', until: new Date(2025, 5, 4, 6, 0) },
      { id: 'incident-a', severity: 'warning', message: 'degraded' },
      { id: 'incident-b', severity: 'error', message: 'outage', dismissible: false },
    ],
  },
  play: async ({ canvasElement }) => {
    const notices = canvasElement.querySelectorAll('.vcs-notice')
    await expect([...notices].map((n) => n.className)).toEqual(['vcs-notice vcs-notice--info', 'vcs-notice vcs-notice--warning', 'vcs-notice vcs-notice--error'])
    await expect(notices[2]!.querySelector('button')).toBeNull()
  },
}

/** Your own words, per locale (matched like the catalogues; English when the locale has none). */
export const OwnText: Story = {
  name: 'Own text per locale',
  globals: { locale: 'de' },
  args: {
    storage: memoryStorage(),
    notices: [
      {
        id: 'rollback-2025-06',
        severity: 'info',
        message: {
          en: 'We switched back to the previous chat service for a while. Your chats are safe.',
          de: 'Wir nutzen vorübergehend wieder den bisherigen Chat-Dienst. Deine Chats bleiben erhalten.',
        },
      },
    ],
  },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.vcs-notice')!.textContent).toContain('Hinweis: Wir nutzen vorübergehend wieder den bisherigen Chat-Dienst.')
  },
}

/** Dismissed: gone, the `dismiss` event fired, and the dismissal is stored under the notice's id. */
export const Dismiss: Story = {
  args: { storage: memoryStorage() },
  parameters: { visual: { skip: 'Its end state is an empty banner area; the notice itself is snapshotted in Degraded.' }, chromatic: { disableSnapshot: true } },
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Dismiss notice' }))
    await expect(canvasElement.querySelector('.vcs-notice')).toBeNull()
    await expect(args.onDismiss).toHaveBeenCalledWith('incident-2025-06-03')
    await expect((args.storage as ReturnType<typeof memoryStorage>).entries.get('vue-chat-stream:notice-dismissed:incident-2025-06-03')).toBe('1')
  },
}

/** From app config: the `notices` of the provider (or `createChatConfigPlugin`), no prop needed. */
export const FromConfig: Story = {
  name: 'From app config',
  args: { notices: undefined, storage: memoryStorage() },
  decorators: [
    () => ({
      components: { ChatConfigProvider },
      setup: () => ({ notices: [{ id: 'config-outage', severity: 'error', message: 'outage' }] satisfies ServiceNoticeConfig[] }),
      template: '<ChatConfigProvider :notices="notices"><story /></ChatConfigProvider>',
    }),
  ],
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-notice-id="config-outage"]')!.textContent).toContain('Outage: The assistant is unavailable right now.')
  },
}

/** A notice whose `until` has passed shows nothing. */
export const Expired: Story = {
  args: { storage: memoryStorage(), notices: [{ id: 'over', message: 'degraded', until: new Date(2025, 5, 3, 10, 0) }] },
  parameters: { visual: { skip: 'Nothing to see by design: the notice is over.' }, chromatic: { disableSnapshot: true } },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.vcs-notice')).toBeNull()
  },
}
