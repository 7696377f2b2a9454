/** A small LRU bounded by entry count and by total weight (e.g. characters). */
export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>()
  private total = 0

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
  ) {}

  get size(): number {
    return this.map.size
  }

  get weight(): number {
    return this.total
  }

  get(key: K): V | undefined {
    const hit = this.map.get(key)
    if (!hit) return undefined
    this.map.delete(key)
    this.map.set(key, hit)
    return hit.value
  }

  set(key: K, value: V, weight = 1): void {
    const old = this.map.get(key)
    if (old) {
      this.total -= old.weight
      this.map.delete(key)
    }
    if (weight > this.maxWeight) return
    this.map.set(key, { value, weight })
    this.total += weight
    while (this.map.size > this.maxEntries || this.total > this.maxWeight) {
      const oldest = this.map.keys().next()
      if (oldest.done) break
      this.total -= this.map.get(oldest.value)!.weight
      this.map.delete(oldest.value)
    }
  }

  clear(): void {
    this.map.clear()
    this.total = 0
  }
}

/** cyrb53: a fast 53-bit string hash; with the length in the key, collisions are negligible for a memo. */
export function hashString(str: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}.${str.length.toString(36)}`
}

/**
 * A copy of `s` that does not keep its parent string alive. V8 slices share the parent's buffer; a memo that
 * keeps a slice of every commit's content would retain every commit. Concatenating then slicing flattens.
 */
export function detach(s: string): string {
  if (s.length < 13) return s
  return (' ' + s).slice(1)
}
