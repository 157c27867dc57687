// Cursor paging shared by the shelf and the shared shelf: the first page replaces the list, the
// next ones append, and an answer that a newer reload has overtaken (the reader kept typing) is
// dropped instead of overwriting fresher results.
import type { Page } from '../../typings/api'

export class PagedLoader<R extends Page<unknown>> {
  private cursor: string | null = null
  private generation = 0
  private loadingNext = false

  constructor(private readonly fetch: (cursor: string | undefined) => Promise<R>) {}

  get hasMore(): boolean {
    return this.cursor !== null
  }

  /** The first page; null when a newer reload started meanwhile. Rejects with the call's error. */
  async first(): Promise<R | null> {
    const generation = ++this.generation
    this.loadingNext = false
    const result = await this.fetch(undefined)
    if (generation !== this.generation) return null
    this.cursor = result.nextCursor
    return result
  }

  /** The next page; null when there is none, one is already on its way, or a reload overtook it. */
  async next(): Promise<R | null> {
    if (this.cursor === null || this.loadingNext) return null
    const generation = this.generation
    this.loadingNext = true
    try {
      const result = await this.fetch(this.cursor)
      if (generation !== this.generation) return null
      this.cursor = result.nextCursor
      return result
    } finally {
      if (generation === this.generation) this.loadingNext = false
    }
  }
}

/**
 * setData paths that append `added` after `existingCount` items: only the new items cross to the
 * view layer, not the whole list again.
 */
export function appendPatch<T>(key: string, existingCount: number, added: T[]): Record<string, T> {
  const patch: Record<string, T> = {}
  added.forEach((item, i) => {
    patch[`${key}[${existingCount + i}]`] = item
  })
  return patch
}
