import MarkdownIt from 'markdown-it'
import type { Options, Renderer, Token } from 'markdown-it'
import { taskLists } from './taskLists'

const SCHEME = /^([a-z][a-z0-9+.-]*):/i
const ALIGN_STYLE = /^text-align:(left|center|right)$/

/**
 * markdown-it writes a column's alignment (`:--`, `:-:`, `--:`) as `style="text-align:…"` on its cells; the
 * sanitizer drops every `style`. A class survives it, in streamed parts, the tail and the final render alike.
 */
function alignAsClass(token: Token): void {
  const style = token.attrGet('style')
  if (style === null) return
  token.attrs = token.attrs!.filter(([name]) => name !== 'style')
  const align = ALIGN_STYLE.exec(style)
  if (align) token.attrJoin('class', `vcs-align-${align[1]!}`)
}
const LINK_SCHEMES = new Set(['http', 'https', 'mailto'])

/** Links: http(s), mailto, or relative (no scheme). Everything else (javascript:, data:, vbscript:, file:) is refused. */
export function isSafeLinkUrl(url: string): boolean {
  // Control characters and whitespace are stripped by browsers before scheme parsing: do the same before deciding.
  // eslint-disable-next-line no-control-regex
  const probe = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase()
  const m = SCHEME.exec(probe)
  if (!m) return !probe.startsWith('\\')
  return LINK_SCHEMES.has(m[1]!)
}

/** Images: absolute http(s) only (no data:, no relative paths that could hit the app's own endpoints). */
export function isSafeImageUrl(url: string): boolean {
  return /^https?:\/\/\S/i.test(url.trim())
}

/**
 * The one markdown-it configuration used for streaming and one-shot renders, so both produce identical HTML.
 * CommonMark + GFM tables (column alignment as `vcs-align-left|center|right` classes), strikethrough, task lists and
 * linkify autolinks; raw HTML is escaped.
 */
export function createMarkdownIt(): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: false })
  md.linkify.set({ fuzzyEmail: false })
  md.validateLink = isSafeLinkUrl
  md.use(taskLists)

  const renderToken = (tokens: Token[], idx: number, options: Options, _env: unknown, self: Renderer) =>
    self.renderToken(tokens, idx, options)

  md.renderer.rules.th_open = md.renderer.rules.td_open = (tokens, idx, options, env, self) => {
    alignAsClass(tokens[idx]!)
    return renderToken(tokens, idx, options, env, self)
  }

  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet('rel', 'noopener noreferrer')
    return renderToken(tokens, idx, options, env, self)
  }

  const defaultImage = md.renderer.rules.image!
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    const src = token.attrGet('src') ?? ''
    if (!isSafeImageUrl(src)) {
      // Show what the image was meant to be, as text.
      return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env))
    }
    token.attrSet('loading', 'lazy')
    token.attrSet('referrerpolicy', 'no-referrer')
    return defaultImage(tokens, idx, options, env, self)
  }
  return md
}

let shared: MarkdownIt | undefined
/** The library's shared markdown-it instance (configured once). */
export function getMarkdownIt(): MarkdownIt {
  shared ??= createMarkdownIt()
  return shared
}

/**
 * One-shot render of a whole markdown document to an HTML string (unsanitized but safe by construction:
 * raw HTML is escaped and URLs are validated). Code blocks are plain `<pre><code class="language-x">`.
 * Pass the result through a sanitizer (DOMPurify) before inserting it into a page, as defence in depth.
 */
export function renderMarkdown(content: string): string {
  return getMarkdownIt().render(content)
}
