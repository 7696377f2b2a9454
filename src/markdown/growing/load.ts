// Growing blocks in parts are only needed for long answers: their code loads on demand (it is not in an app's
// first-render JavaScript). Until it has loaded, a large unfinished block is rendered whole, as before.
import type * as Growing from './index'

let loaded: typeof Growing | null = null
let loading: Promise<typeof Growing> | null = null

/** The growing-blocks module if it has loaded, else null. */
export function growingModule(): typeof Growing | null {
  return loaded
}

/** Loads the growing-blocks module (once; a failed load is retried on the next call). */
export function loadGrowing(): Promise<typeof Growing> {
  loading ??= import('./index').then(
    (m) => (loaded = m),
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}
