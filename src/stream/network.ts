// Whether the browser has a network, and waiting until it has one again: a stream does not spend reconnect
// attempts (or re-send anything) while `navigator.onLine` is false.

/** The network as the stream client sees it; injectable for tests. */
export interface NetworkStatus {
  /** False only when the browser knows it is offline (`navigator.onLine === false`). */
  online(): boolean
  /** Resolves once the network is back (the `online` event), or at once when `signal` aborts. */
  whenOnline(signal: AbortSignal): Promise<void>
}

/** `navigator.onLine` and the window's `online` event; always online where neither exists (Node, workers without them). */
export const browserNetwork: NetworkStatus = {
  online: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  whenOnline(signal) {
    return new Promise((resolve) => {
      if (signal.aborted || typeof window === 'undefined') return resolve()
      const done = () => {
        window.removeEventListener('online', done)
        signal.removeEventListener('abort', done)
        resolve()
      }
      window.addEventListener('online', done)
      signal.addEventListener('abort', done)
    })
  },
}
