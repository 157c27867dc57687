// Pages that change the shelf mark it; the shelf page refreshes on its next onShow only then, and only
// what changed: 'books' (scan, book page) reloads the list, 'settings' (publish, rename, new share link)
// reloads the shelf's share state. Module state is enough: every page of one Mini Program shares it.
export type ShelfChange = 'books' | 'settings'

const pending = new Set<ShelfChange>()

export function markShelfChanged(change: ShelfChange = 'books'): void {
  pending.add(change)
}

/** The changes since the last call, then none until the next change. */
export function takeShelfChanges(): ReadonlySet<ShelfChange> {
  const changes = new Set(pending)
  pending.clear()
  return changes
}
