// Support tools: the streaming debug panel and "Report a problem" (docs/operations.md, docs/support.md).
// Two switches:
//  - at build time, `VITE_SUPPORT_TOOLS=off` removes them: the dynamic imports below sit behind a constant, so the
//    bundler drops them and the build has no debug chunk at all;
//  - at run time, support opens the panel without developer tools: `?debug=1` in the address, or Ctrl+Alt+D. Only
//    then is `vue-chat-stream/debug` downloaded (its own chunk, ~28 KB gzip); nobody else loads it.
import { onScopeDispose, shallowRef } from 'vue'

/** Built with the support tools (the default). `VITE_SUPPORT_TOOLS=off npm run build` leaves them out. */
export const SUPPORT_TOOLS = import.meta.env.VITE_SUPPORT_TOOLS !== 'off'

const REMEMBER = 'vcs-example-debug-panel'

function requested(): boolean {
  const param = new URLSearchParams(window.location.search).get('debug')
  if (param !== null) {
    const on = param !== '0' && param !== 'off'
    try {
      // Remembered for the tab, so the panel survives a reload while support and the user talk.
      if (on) sessionStorage.setItem(REMEMBER, '1')
      else sessionStorage.removeItem(REMEMBER)
    } catch {
      // storage blocked: the parameter still works for this page view
    }
    return on
  }
  try {
    return sessionStorage.getItem(REMEMBER) === '1'
  } catch {
    return false
  }
}

/** Whether the debug panel is open: `?debug=1` (remembered for the tab), toggled with Ctrl+Alt+D. */
export function useDebugPanelFlag() {
  const open = shallowRef(SUPPORT_TOOLS && requested())
  if (!SUPPORT_TOOLS) return open
  const onKey = (event: KeyboardEvent) => {
    if (!(event.ctrlKey && event.altKey && !event.shiftKey && event.code === 'KeyD')) return
    event.preventDefault()
    open.value = !open.value
    try {
      if (open.value) sessionStorage.setItem(REMEMBER, '1')
      else sessionStorage.removeItem(REMEMBER)
    } catch {
      // storage blocked
    }
  }
  window.addEventListener('keydown', onKey)
  onScopeDispose(() => window.removeEventListener('keydown', onKey))
  return open
}
