import { ROW_KEY_ATTR } from './viewAnchor'

/**
 * Arrow Up / Down on a message row moves focus to the previous / next rendered row (every row is a tab stop too).
 * Bound on the element that holds the rows; keys from inside a row (a button, a code block) are left alone.
 */
export function moveRowFocus(event: KeyboardEvent, content: HTMLElement | null): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  const row = event.target as HTMLElement
  if (!row.hasAttribute(ROW_KEY_ATTR) || !content) return
  const all = Array.from(content.querySelectorAll<HTMLElement>(`[${ROW_KEY_ATTR}]`))
  const next = all[all.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)]
  if (!next) return
  event.preventDefault()
  next.focus()
}
