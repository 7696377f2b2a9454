/**
 * Ids for sessions (`s-…`) and messages (`m-…`): `crypto.randomUUID()`, or time + a counter where it does not
 * exist. One generator per store or composable: no counter shared across apps (SSR requests).
 */
export function createIdGenerator(): (kind: 'session' | 'message') => string {
  let counter = 0
  return (kind) => {
    const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${(counter++).toString(36)}`
    return `${kind === 'session' ? 's' : 'm'}-${random}`
  }
}
