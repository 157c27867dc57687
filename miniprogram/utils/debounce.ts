// Debounce for search boxes: one query after the reader pauses typing, not one per keystroke.
export interface Debounced<Args extends unknown[]> {
  (...args: Args): void
  /** Forget a pending call (page unloaded, or the search ran another way). */
  cancel(): void
}

export function debounce<Args extends unknown[]>(fn: (...args: Args) => void, waitMs: number): Debounced<Args> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const debounced = (...args: Args) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      fn(...args)
    }, waitMs)
  }
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  return debounced
}
