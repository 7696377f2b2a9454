import { nextTick, shallowRef, watch } from 'vue'
import type { Ref } from 'vue'
import type { ChatMessage, MessageStatus } from '../../types'
import type { MessageListStrings } from './locales'

const LIVE: ReadonlySet<MessageStatus> = new Set(['pending', 'streaming'])

export function isLiveStatus(status: MessageStatus): boolean {
  return LIVE.has(status)
}

/**
 * One polite announcement when an answer starts and one when it ends — never per token. Watches only the last
 * message's id and status, so a token (same id, same status) costs one string comparison.
 */
export function useAnswerAnnouncer(messages: () => readonly ChatMessage[], strings: Ref<MessageListStrings>) {
  const announcement = shallowRef('')

  function announce(text: string) {
    // Clear first so the same sentence twice in a row is announced twice.
    announcement.value = ''
    void nextTick(() => {
      announcement.value = text
    })
  }

  watch(
    () => {
      const last = messages().at(-1)
      return last ? `${last.id}\u0000${last.status}` : ''
    },
    (now, before) => {
      const [id, status] = now.split('\u0000') as [string, MessageStatus | undefined]
      const [prevId, prevStatus] = before.split('\u0000') as [string, MessageStatus | undefined]
      const wasLive = prevStatus !== undefined && isLiveStatus(prevStatus)
      const isLive = status !== undefined && isLiveStatus(status)
      if (isLive && (!wasLive || id !== prevId)) {
        announce(strings.value.answerStarted)
      } else if (!isLive && wasLive && id === prevId) {
        if (status === 'done') announce(strings.value.answerCompleted)
        else if (status === 'stopped') announce(strings.value.answerStopped)
        else if (status === 'error') announce(strings.value.answerFailed)
      }
    },
  )

  return { announcement }
}
