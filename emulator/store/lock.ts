// The store's single global lock. A transaction (or a compaction) holds it exclusively from start
// to end; ordinary operations only need it to be free for the instant they run (their in-memory
// part is synchronous), so when nobody holds it they pass without waiting at all.
// Waiters are served in arrival order.
interface Waiter {
  /** Set for an exclusive acquire. */
  owner?: string
  resolve: () => void
}

export class GlobalLock {
  private holder: string | null = null
  private readonly waiters: Waiter[] = []

  get owner(): string | null {
    return this.holder
  }

  /**
   * Before an operation: null when it may run right now (free, or `owner` is the holder),
   * otherwise a promise that resolves when its turn comes. Run the operation synchronously after it.
   */
  pass(owner?: string): Promise<void> | null {
    if (owner !== undefined && owner === this.holder) return null
    if (this.holder === null && this.waiters.length === 0) return null
    return new Promise((resolve) => this.waiters.push({ resolve }))
  }

  acquire(owner: string): Promise<void> {
    if (this.holder === null && this.waiters.length === 0) {
      this.holder = owner
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiters.push({ owner, resolve }))
  }

  release(owner: string): void {
    if (this.holder !== owner) return
    this.holder = null
    // Wake plain operations up to the next exclusive waiter, then hand the lock to it. The woken
    // operations resume (in order) before the new holder's own continuation does.
    while (this.waiters.length > 0) {
      const next = this.waiters.shift()!
      if (next.owner !== undefined) {
        this.holder = next.owner
        next.resolve()
        return
      }
      next.resolve()
    }
  }
}
