import { readonly, shallowRef, type Ref } from 'vue'

let shared: Ref<boolean> | undefined

/**
 * `navigator.onLine` as a read-only ref, kept current by the window's `online` / `offline` events. One pair of
 * listeners per page, whatever the number of messages asking (the network is the page's, not a component's).
 * True where there is no window (SSR, Node).
 */
export function useOnline(): Readonly<Ref<boolean>> {
  if (typeof window === 'undefined') return readonly(shallowRef(true))
  if (!shared) {
    const online = shallowRef(navigator.onLine !== false)
    const update = () => (online.value = navigator.onLine !== false)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    shared = online
  }
  return readonly(shared)
}
