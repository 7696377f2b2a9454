import { isSafeImageUrl, isSafeLinkUrl } from './md'

/** Tags and attributes the renderer emits; nothing else may appear in its output. */
const TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'hr', 'br', 'pre', 'code', 'em', 'strong', 's',
  'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'label',
])
const ATTRS = new Set(['href', 'title', 'rel', 'src', 'alt', 'loading', 'referrerpolicy', 'class', 'start', 'type', 'disabled', 'checked'])
const TAG_NAME = /[a-z][a-z0-9]*/y
const ATTR_NAME = /[a-z-]+/y
const ATTR_VALUE = /="([^"<>]*)"/y
const SPACE = /\s/

interface Tag {
  closing: boolean
  name: string
  attrs: [name: string, value: string | undefined][]
  /** Offset just after the `>`. */
  end: number
}

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at
  return re.exec(s)
}

/** Reads `<name attr="v" …>` / `</name>` at `i` (a `<`); null if it is not a well-formed tag. Linear. */
function readTag(html: string, i: number): Tag | null {
  let at = i + 1
  const closing = html[at] === '/'
  if (closing) at++
  const name = sticky(TAG_NAME, html, at)
  if (!name) return null
  at += name[0].length
  const attrs: Tag['attrs'] = []
  for (;;) {
    let ws = at
    while (ws < html.length && SPACE.test(html[ws]!)) ws++
    if (html[ws] === '>' || (html[ws] === '/' && html[ws + 1] === '>')) return { closing, name: name[0], attrs, end: html[ws] === '>' ? ws + 1 : ws + 2 }
    const attr = ws > at ? sticky(ATTR_NAME, html, ws) : null
    if (!attr) return null
    at = ws + attr[0].length
    const value = sticky(ATTR_VALUE, html, at)
    if (value) at += value[0].length
    attrs.push([attr[0], value ? value[1] : undefined])
  }
}

function decode(v: string): string {
  return v.replace(/&quot;|&amp;|&lt;|&gt;|&#39;/g, (e) => ({ '&quot;': '"', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#39;': "'" })[e]!)
}

/**
 * A strict, linear check that `html` is renderer output and nothing else: every `<` starts an allow-listed tag
 * with allow-listed attributes and safe URLs. Used on the streaming tail (re-rendered every commit); anything
 * unexpected falls back to DOMPurify.
 */
export function isRendererHtml(html: string): boolean {
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const tag = readTag(html, i)
    if (!tag || !TAGS.has(tag.name)) return false
    if (!tag.closing) {
      for (const [name, raw] of tag.attrs) {
        const value = decode(raw ?? '')
        if (!ATTRS.has(name) || value.includes('&#') || (raw ?? '').includes('&#')) return false
        if (name === 'href' && !isSafeLinkUrl(value)) return false
        if (name === 'src' && !(tag.name === 'img' && isSafeImageUrl(value))) return false
        if (name === 'type' && value !== 'checkbox') return false
      }
    }
    i = tag.end - 1
  }
  return true
}
