import { computed, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import { sanitizeHtml, sanitizeTailHtml } from './sanitize'
import { createStreamingMarkdown } from './streaming'
import type { MarkdownBlock, StreamingMarkdownOptions } from './streaming'

/**
 * Reactive blocks for a message's markdown: finished blocks keep their identity (so views can memo on them) and
 * only the tail is re-parsed on each change. Finished HTML is sanitized with DOMPurify; the tail is checked
 * against the renderer's allow-list (DOMPurify on anything unexpected) unless `options` say otherwise.
 */
export function useStreamingMarkdown(
  content: MaybeRefOrGetter<string>,
  streaming: MaybeRefOrGetter<boolean>,
  options: StreamingMarkdownOptions = {},
): ComputedRef<readonly MarkdownBlock[]> {
  const renderer = createStreamingMarkdown({ sanitize: sanitizeHtml, sanitizeTail: sanitizeTailHtml, ...options })
  return computed(() => renderer.update(toValue(content), toValue(streaming)))
}
