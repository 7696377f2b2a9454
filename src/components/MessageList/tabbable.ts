// What Tab would reach: used to leave the list in one step instead of walking through every rendered message's
// buttons. Document order only (positive tabindex values, which reorder the sequence, are not modelled).

const CANDIDATES = [
  'a[href]',
  'area[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'iframe',
  'audio[controls]',
  'video[controls]',
  'summary',
  '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]',
].join(',')

export function isTabbable(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement) || el.tabIndex < 0) return false
  if ((el as HTMLButtonElement).disabled || el.closest('[inert]')) return false
  if (el.getClientRects().length === 0) return false
  return getComputedStyle(el).visibility !== 'hidden'
}

/** Tabbable elements inside `root` (not `root` itself), in document order. */
export function tabbablesIn(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll(CANDIDATES)).filter(isTabbable)
}

/** The first tabbable element after `boundary` and everything inside it, or null. */
export function tabbableAfter(boundary: Element): HTMLElement | null {
  for (const el of document.querySelectorAll(CANDIDATES)) {
    if (boundary.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && !boundary.contains(el) && isTabbable(el)) return el
  }
  return null
}

/** The last tabbable element before `boundary` (not one of its ancestors), or null. */
export function tabbableBefore(boundary: Element): HTMLElement | null {
  const all = document.querySelectorAll(CANDIDATES)
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!
    if (boundary.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING && !el.contains(boundary) && isTabbable(el)) return el
  }
  return null
}
