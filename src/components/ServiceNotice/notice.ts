// Service notices as data: which text a notice shows in a locale, whether it is over, and which ones the reader
// dismissed (kept per notice id in localStorage, so a dismissed notice stays away across reloads).
import type { NoticeMessages, NoticeStrings } from '../../i18n'

/** How serious a notice is: `info` (planned, harmless), `warning` (degraded service), `error` (an outage). */
export type ServiceNoticeSeverity = 'info' | 'warning' | 'error'

/** One notice for the people using the chat, e.g. the rollback plan's "temporary problems". */
export interface ServiceNoticeConfig {
  /** Stable id: a dismissal is remembered under it. Use a new id for a new incident. */
  id: string
  /** @default 'warning' */
  severity?: ServiceNoticeSeverity
  /**
   * What it says: a built-in sentence by key (`'degraded'`, `'outage'`, `'maintenance'`, translated with the
   * locale), or your own text per locale (`{ en: '…', de: '…' }`, matched like the catalogues, English last).
   */
  message: keyof NoticeMessages | Readonly<Record<string, string>>
  /** When the problem is expected to end: shown in the notice; after it, the notice hides itself. */
  until?: Date | string | number
  /** @default true */
  dismissible?: boolean
}

/** Where dismissals are remembered; `localStorage` by default. */
export type NoticeStorage = Pick<Storage, 'getItem' | 'setItem'>

const STORAGE_PREFIX = 'vue-chat-stream:notice-dismissed:'

/** The notice's text in `locale`: the catalogue's sentence for a key, else the best match of its own texts. */
export function noticeText(notice: ServiceNoticeConfig, locale: string, strings: NoticeStrings): string {
  const { message } = notice
  if (typeof message === 'string') return strings.messages[message] ?? message
  const tags = Object.keys(message)
  const exact = tags.find((tag) => tag.toLowerCase() === locale.toLowerCase())
  const language = locale.split(/[-_]/)[0]!.toLowerCase()
  const near = exact ?? tags.find((tag) => tag.toLowerCase() === language) ?? tags.find((tag) => tag.toLowerCase().split(/[-_]/)[0] === language)
  const tag = near ?? tags.find((t) => t.toLowerCase() === 'en') ?? tags[0]
  return tag === undefined ? '' : (message[tag] ?? '')
}

/** `until` as epoch ms, or undefined when absent or unreadable. */
export function untilTime(notice: ServiceNoticeConfig): number | undefined {
  if (notice.until === undefined) return undefined
  const time = notice.until instanceof Date ? notice.until.getTime() : typeof notice.until === 'number' ? notice.until : Date.parse(notice.until)
  return Number.isFinite(time) ? time : undefined
}

/** "14:00" today, else date and time, in the locale's own format. */
export function formatUntil(time: number, locale: string, now: number): string {
  const at = new Date(time)
  const sameDay = new Date(now).toDateString() === at.toDateString()
  try {
    return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at)
  } catch {
    return at.toISOString()
  }
}

function defaultStorage(): NoticeStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    // Storage blocked (privacy settings, sandboxed frames): dismissals last for the page's life only.
    return undefined
  }
}

/** Dismissals: remembered in `storage` when it works, in memory always. */
export function createDismissals(storage: NoticeStorage | undefined = defaultStorage()) {
  const memory = new Set<string>()
  return {
    has(id: string): boolean {
      if (memory.has(id)) return true
      try {
        return storage?.getItem(STORAGE_PREFIX + id) === '1'
      } catch {
        return false
      }
    },
    add(id: string): void {
      memory.add(id)
      try {
        storage?.setItem(STORAGE_PREFIX + id, '1')
      } catch {
        // quota or privacy mode: remembered in memory only
      }
    },
  }
}
