// The shelf's filters as the page holds them ('' for "any") and as listBooks takes them (ListFilters,
// absent for "any"), so the page never sends an empty filter the function would refuse.
import type { ListFilters, Ownership, ReadingStatus } from '../../typings/api'

export interface ShelfFilters {
  query: string
  status: ReadingStatus | ''
  tag: string
  ownership: Ownership | ''
  location: string
  series: string
  /** Only books lent out now (借出中). */
  lent: boolean
}

export const NO_FILTERS: ShelfFilters = { query: '', status: '', tag: '', ownership: '', location: '', series: '', lent: false }

export function listFiltersOf(filters: ShelfFilters): ListFilters {
  return {
    ...(filters.query ? { q: filters.query } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.ownership ? { ownership: filters.ownership } : {}),
    ...(filters.location ? { location: filters.location } : {}),
    ...(filters.series ? { series: filters.series } : {}),
    ...(filters.lent ? { lent: true as const } : {}),
  }
}

export function isFiltered(filters: ShelfFilters): boolean {
  return Object.keys(listFiltersOf(filters)).length > 0
}
