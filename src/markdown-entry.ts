// vue-chat-stream/markdown — the streaming markdown renderer MessageItem uses, for a message component of your own:
// half-written markdown healed, finished blocks memoized, HTML sanitized, code highlighted by shiki on demand.
// See docs/markdown.md.

// Render: a whole text at once, or a growing one block by block
export { renderMarkdown } from './markdown/md'
export { createStreamingMarkdown, renderMarkdownBlocks } from './markdown/streaming'
export type {
  MarkdownBlock,
  MarkdownCodeBlock,
  HtmlParts,
  MarkdownHtmlBlock,
  StreamingMarkdown,
  StreamingMarkdownOptions,
} from './markdown/streaming'
export { useStreamingMarkdown } from './markdown/useStreamingMarkdown'
export { healTail } from './markdown/heal'

// Sanitize: every block (DOMPurify), and the cheaper check for the tail that is re-rendered on every commit
export { sanitizeHtml, sanitizeTailHtml } from './markdown/sanitize'

// Highlight: shiki's runtime and grammars load on first use; preload them when the page is idle
export { ensureLanguage, loadHighlighter } from './markdown/highlight/highlighter'
