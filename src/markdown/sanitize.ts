import DOMPurify from 'dompurify'
import type { Config } from 'dompurify'
import { isRendererHtml } from './validate'

/** Same policy as the renderer: http(s), mailto and relative URLs only. */
const SAFE_URI = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i

const CONFIG: Config = {
  ALLOWED_URI_REGEXP: SAFE_URI,
  FORBID_TAGS: ['style', 'form', 'iframe', 'object', 'embed', 'svg', 'math', 'textarea', 'select', 'button'],
  FORBID_ATTR: ['style', 'srcset', 'formaction', 'action'],
  ALLOW_DATA_ATTR: false,
}

/**
 * DOMPurify as defence in depth for the renderer's HTML (which already escapes raw HTML and validates URLs).
 * Without a DOM (SSR) it returns the input: the renderer's escaping is the guarantee there.
 */
export function sanitizeHtml(html: string): string {
  if (!DOMPurify.isSupported || typeof window === 'undefined') return html
  return DOMPurify.sanitize(html, CONFIG) as string
}

/**
 * For the streaming tail, which is re-rendered on every commit: output that passes a strict allow-list check of
 * the renderer's own tags/attributes/URLs is used as is; anything else goes through DOMPurify.
 */
export function sanitizeTailHtml(html: string): string {
  return isRendererHtml(html) ? html : sanitizeHtml(html)
}
