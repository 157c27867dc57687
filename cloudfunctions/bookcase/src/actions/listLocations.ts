// listLocations {}: the caller's own locations (书房、客厅书柜 …) with how many books stand in each, to
// suggest while typing one. Owner only, like listTags.
import { ownLocationCounts } from '../domain/books'
import { LIMITS } from '../validation/fields'
import type { Action } from './types'

export const listLocations: Action<'listLocations'> = async (_event, { openid }) => ({
  locations: await ownLocationCounts(openid, LIMITS.locationList),
})
