import { isSafeImageUrl, isSafeLinkUrl } from './md'

/** Tags and attributes the renderer emits; nothing else may appear in its output. */
const TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'hr', 'br', 'pre', 'code', 'em', 'strong', 's',
  'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
])
const ATTRS = new Set(['href', 'title', 'rel', 'src', 'alt', 'loading', 'referrerpolicy', 'class', 'start', 'style', 'type', 'disabled', 'checked', 'aria-label'])
const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>/y
const ATTR = /\s+([a-z-]+)(?:="([^"<>]*)")?/g
const STYLE = /^text-align:(left|right|center)$/

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
    TAG.lastIndex = i
    const m = TAG.exec(html)
    if (!m || !TAGS.has(m[2]!)) return false
    if (m[1]) continue
    for (const a of m[3]!.matchAll(ATTR)) {
      const name = a[1]!
      const value = decode(a[2] ?? '')
      if (!ATTRS.has(name) || value.includes('&#') || (a[2] ?? '').includes('&#')) return false
      if (name === 'href' && !isSafeLinkUrl(value)) return false
      if (name === 'src' && !(m[2] === 'img' && isSafeImageUrl(value))) return false
      if (name === 'style' && !STYLE.test(value)) return false
      if (name === 'type' && value !== 'checkbox') return false
    }
    i = TAG.lastIndex - 1
  }
  return true
}
