/**
 * A single-consumer async queue: the producer pushes synchronously (inside the parser's callback), the
 * consumer awaits. Ends with `end()` (done) or `fail(error)` (thrown after the queued items).
 */
export class AsyncQueue<T> {
  private items: T[] = []
  private head = 0
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined
  private ended = false
  private failure: { error: unknown } | undefined

  get closed(): boolean {
    return this.ended || this.failure !== undefined
  }

  push(item: T): void {
    if (this.closed) return
    if (this.waiting) {
      const { resolve } = this.waiting
      this.waiting = undefined
      resolve({ value: item, done: false })
      return
    }
    this.items.push(item)
  }

  end(): void {
    if (this.closed) return
    this.ended = true
    this.settleWaiting()
  }

  fail(error: unknown): void {
    if (this.closed) return
    this.failure = { error }
    this.settleWaiting()
  }

  /** Drops what was not read yet (the consumer said it is done). */
  clear(): void {
    this.items = []
    this.head = 0
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) {
      const value = this.items[this.head++] as T
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head)
        this.head = 0
      }
      return Promise.resolve({ value, done: false })
    }
    if (this.failure) return Promise.reject(this.failure.error)
    if (this.ended) return Promise.resolve({ value: undefined, done: true })
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject }
    })
  }

  private settleWaiting(): void {
    if (!this.waiting) return
    const { resolve, reject } = this.waiting
    this.waiting = undefined
    if (this.failure) reject(this.failure.error)
    else resolve({ value: undefined, done: true })
  }
}
