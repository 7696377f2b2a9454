// Helpers for the MessageList browser tests (not exported from the package): mount the list in a fixed box,
// stream an answer into it as immutable snapshots, and read where its rows are.
import { createApp, defineComponent, h, shallowRef } from 'vue'
import type { Component, ComponentPublicInstance } from 'vue'
import { mulberry32 } from 'vue-chat-stream/mocks'
import { nextFrames } from '../../../test/support/frames'
import type { ChatMessage, MessageStatus } from '../../types'
import MessageList from './MessageList.vue'
import type { MessageListProps } from './types'

const WORDS = 'stream token render layout virtual anchor scroll message answer table code block paragraph reader'.split(' ')

/** A markdown answer with a table and a code block, about `size` characters long. */
export function tallMarkdown(size: number, seed = 1): string {
  const rnd = mulberry32(seed)
  const parts: string[] = []
  let length = 0
  let i = 0
  while (length < size) {
    const kind = i % 3
    let part: string
    if (kind === 0) {
      part = Array.from({ length: 30 + Math.floor(rnd() * 40) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ')
    } else if (kind === 1) {
      const rows = Array.from({ length: 6 }, (_, r) => `| row ${r} | ${Math.floor(rnd() * 1000)} | ${WORDS[r]} |`)
      part = ['| name | value | note |', '| --- | --- | --- |', ...rows].join('\n')
    } else {
      const lines = Array.from({ length: 8 }, (_, l) => `  const v${l} = compute(${l}, ${Math.floor(rnd() * 99)})`)
      part = ['```ts', 'function example() {', ...lines, '}', '```'].join('\n')
    }
    parts.push(part)
    length += part.length + 2
    i++
  }
  return parts.join('\n\n').slice(0, size)
}

export function message(id: string, content: string, status: MessageStatus, role: ChatMessage['role'] = 'assistant'): ChatMessage {
  return { id, role, content, status, createdAt: 1_700_000_000_000 }
}

export interface MountedList {
  host: HTMLElement
  scroller: HTMLElement
  root: HTMLElement
  setMessages: (next: readonly ChatMessage[]) => void
  messages: () => readonly ChatMessage[]
  events: { name: string; args: unknown[] }[]
  exposed: () => ComponentPublicInstance & { scrollToBottom: () => void }
  unmount: () => void
}

/** Mount MessageList into a fixed-size box (real Chromium layout). */
export function mountList(
  initial: readonly ChatMessage[],
  props: Partial<Omit<MessageListProps, 'messages'>> = {},
  /** `item` renders each message through the default slot (it gets the slot's props). */
  options: { height?: number; width?: number; item?: Component } = {},
): MountedList {
  const host = document.createElement('div')
  host.style.cssText = `height:${options.height ?? 600}px;width:${options.width ?? 800}px;position:relative;`
  document.body.appendChild(host)
  const messages = shallowRef<readonly ChatMessage[]>(initial)
  const events: { name: string; args: unknown[] }[] = []
  const listRef = shallowRef<ComponentPublicInstance & { scrollToBottom: () => void }>()
  const record = (name: string) => (...args: unknown[]) => events.push({ name, args })
  const App = defineComponent({
    setup: () => () =>
      h(
        MessageList,
        {
          ...props,
          messages: messages.value,
          ref: listRef,
          'onVirtualizationChange': record('virtualization-change'),
          'onLoadOlder': record('load-older'),
          'onStickChange': record('stick-change'),
          'onCopy': record('copy'),
          'onRetry': record('retry'),
          'onStop': record('stop'),
        },
        options.item ? { default: (slot: { message: ChatMessage; index: number; live: boolean }) => h(options.item!, slot) } : undefined,
      ),
  })
  const app = createApp(App)
  app.mount(host)
  return {
    host,
    root: host.querySelector<HTMLElement>('.vcs-message-list')!,
    scroller: host.querySelector<HTMLElement>('.vcs-message-list__scroller')!,
    setMessages: (next) => {
      messages.value = next
    },
    messages: () => messages.value,
    events,
    exposed: () => listRef.value!,
    unmount: () => {
      app.unmount()
      host.remove()
    },
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Wait until `scrollTop` has not changed for `quietFrames` frames (a wheel scroll may animate). */
export async function untilScrollSettles(el: HTMLElement, quietFrames = 6, maxFrames = 240) {
  let last = el.scrollTop
  let quiet = 0
  for (let i = 0; i < maxFrames && quiet < quietFrames; i++) {
    await nextFrames()
    if (Math.abs(el.scrollTop - last) < 0.5) quiet++
    else quiet = 0
    last = el.scrollTop
  }
}

export function distanceFromBottom(el: HTMLElement) {
  return el.scrollHeight - el.clientHeight - el.scrollTop
}

export function rowTop(list: MountedList, key: string): number | undefined {
  const row = list.scroller.querySelector<HTMLElement>(`[data-message-key="${key}"]`)
  if (!row) return undefined
  return row.getBoundingClientRect().top - list.scroller.getBoundingClientRect().top
}

/** The first row whose bottom is below the viewport's top, and its top relative to the viewport. */
export function firstVisible(list: MountedList): { key: string; top: number } {
  const top = list.scroller.getBoundingClientRect().top
  const rows = Array.from(list.scroller.querySelectorAll<HTMLElement>('[data-message-key]'))
  const row = rows.find((r) => r.getBoundingClientRect().bottom > top + 0.5)!
  return { key: row.dataset.messageKey!, top: row.getBoundingClientRect().top - top }
}

/**
 * Stream `text` into a new assistant message appended to the list, `chunk` characters every `intervalMs` ms,
 * each step a new immutable snapshot. Calls `during(step)` after each update; resolves after the final status.
 */
export async function streamAnswer(
  list: MountedList,
  id: string,
  text: string,
  options: { chunk?: number; intervalMs?: number; final?: MessageStatus; during?: (step: number) => void | Promise<void>; keepOpen?: boolean } = {},
) {
  const { chunk = 24, intervalMs = 8, final = 'done' } = options
  const base = list.messages().filter((m) => m.id !== id)
  list.setMessages([...base, message(id, '', 'pending')])
  await sleep(intervalMs)
  let step = 0
  for (let i = chunk; i < text.length + chunk; i += chunk) {
    const current = list.messages()
    list.setMessages([...current.slice(0, -1), message(id, text.slice(0, i), 'streaming')])
    await options.during?.(step++)
    await sleep(intervalMs)
  }
  if (!options.keepOpen) {
    const current = list.messages()
    list.setMessages([...current.slice(0, -1), message(id, text, final)])
  }
}

/** Record the distance from the bottom each time layout settles after a resize (after the list's own observer). */
export function watchBottomGap(list: MountedList) {
  const gaps: number[] = []
  const content = list.scroller.firstElementChild!
  const observer = new ResizeObserver(() => gaps.push(distanceFromBottom(list.scroller)))
  observer.observe(content)
  return { gaps, stop: () => observer.disconnect() }
}

/** The element a reader looks at: the deepest element at the reading line (a third down the viewport). */
export function elementAtReadingLine(list: MountedList): { el: Element; key: string; top: number } {
  const box = list.scroller.getBoundingClientRect()
  const y = box.top + list.scroller.clientHeight / 3
  // 40 px in: inside the text of a row (row and message padding are 16 px each), clear of centred overlays.
  const el = document.elementFromPoint(box.left + 40, y)!
  const row = el.closest<HTMLElement>('[data-message-key]')!
  return { el, key: row.dataset.messageKey!, top: el.getBoundingClientRect().top - box.top }
}

/**
 * Calls `read` after every layout the list makes and corrects in the same frame (a ResizeObserver created after
 * the list's own runs after its corrections) and, with `frames`, once after every frame's rendering update. Leave
 * `frames` off where a task outside the list changes layout between frames (an image decoding): a read between that
 * task and the next frame sees a layout no frame painted. Returns what `read` returned, in order.
 */
export function sampleLayouts<T>(list: MountedList, read: () => T, options: { frames?: boolean } = {}): { samples: T[]; stop: () => void } {
  const samples: T[] = []
  const observer = new ResizeObserver(() => samples.push(read()))
  observer.observe(list.scroller.querySelector('.vcs-message-list__content')!)
  const rows = list.scroller.querySelector('.vcs-message-list__rows')
  if (rows) observer.observe(rows)
  let running = options.frames ?? false
  const frame = () => {
    if (!running) return
    // After the frame's rendering update: what was painted.
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      if (running) samples.push(read())
      requestAnimationFrame(frame)
    }
    channel.port2.postMessage(null)
  }
  requestAnimationFrame(frame)
  return {
    samples,
    stop: () => {
      running = false
      observer.disconnect()
    },
  }
}
