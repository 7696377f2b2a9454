// Mounting components in the browser tests: a fresh app per call, unmounted after each test.
import { afterEach } from 'vitest'
import { createApp, h, type App, type Component, type Plugin } from 'vue'
import '../styles/tokens.css'

const mounted: { app: App; el: HTMLElement }[] = []
afterEach(() => {
  for (const { app, el } of mounted.splice(0)) {
    app.unmount()
    el.remove()
  }
})

/** Mounts `render` (a render function or a component) in a new app with `plugins`. */
export function mountApp(render: (() => ReturnType<typeof h>) | Component, plugins: Plugin[] = []): HTMLElement {
  const el = document.createElement('div')
  el.dataset.vcsTheme = 'light'
  document.body.append(el)
  const app = createApp(typeof render === 'function' && !('setup' in render) && !('render' in render) ? { render } : render)
  for (const plugin of plugins) app.use(plugin)
  app.mount(el)
  mounted.push({ app, el })
  return el
}

export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = performance.now() + ms
  while (!check()) {
    if (performance.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Sets what `navigator.onLine` says and fires the matching window event, as a browser does when the network changes. */
export function setOnline(online: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
  window.dispatchEvent(new Event(online ? 'online' : 'offline'))
}

/** Restores the browser's own `navigator.onLine`. */
export function restoreOnline(): void {
  delete (navigator as { onLine?: boolean }).onLine
  window.dispatchEvent(new Event('online'))
}
