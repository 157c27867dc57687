// The shelf's filters (typings/api.d.ts ListFilters, `q` aside) as one database filter over the
// reader's own books. Each value is a validated scalar; none becomes an operator.
import type { ListFilters } from '../../../../typings/api'
import { command, type Filter } from '../db/client'
import { lentBooksFilter } from './lending'

export function shelfFilter(openid: string, filters: Omit<ListFilters, 'q'>): Filter {
  const filter: Filter = { _openid: openid }
  if (filters.status) filter.status = filters.status
  if (filters.tag) filter.tags = filters.tag // array contains
  // Books stored before ownership existed are owned, so 'owned' is "not wanted".
  if (filters.ownership) filter.ownership = filters.ownership === 'wanted' ? 'wanted' : command().neq('wanted')
  if (filters.location) filter.location = filters.location
  if (filters.series) filter.series = filters.series
  if (filters.lent) Object.assign(filter, lentBooksFilter(openid))
  return filter
}
