// A filter another page asks the shelf to show (我的's 借出中 N 本 → the 借出中 books): wx.switchTab
// cannot carry a query, so the asking page leaves the filter here and the shelf takes it when it next
// shows. Module state is enough: every page of one Mini Program shares it.
import type { ShelfFilters } from './shelf-filters'

let pending: Partial<ShelfFilters> | null = null

/** Switches to the shelf tab showing only what `filters` selects (every other filter cleared). */
export function openShelfFiltered(filters: Partial<ShelfFilters>): void {
  pending = { ...filters }
  // Should the switch fail, no later visit to the shelf is filtered by surprise.
  wx.switchTab({ url: '/pages/shelf/index', fail: () => (pending = null) })
}

/** The filter asked for since the last call, then none until the next request. */
export function takePendingShelfFilter(): Partial<ShelfFilters> | null {
  const filters = pending
  pending = null
  return filters
}
