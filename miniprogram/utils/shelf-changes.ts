// Pages that change the shelf (scan, book) mark it; the shelf page reloads on its next onShow only
// then. Module state is enough: every page of one Mini Program shares this module instance.
let changed = false

export function markShelfChanged(): void {
  changed = true
}

/** True once after any change, then false until the next one. */
export function takeShelfChanged(): boolean {
  const was = changed
  changed = false
  return was
}
