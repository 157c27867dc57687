// getShelf {}: the caller's shelf settings and counts, created on first use.
import { ownShelf } from '../domain/policy'
import { getOrCreateShelf, shelfCounts } from '../domain/shelves'
import type { Action } from './types'

export const getShelf: Action<'getShelf'> = async (_event, { openid, now }) => {
  const shelf = await getOrCreateShelf(openid, now)
  return ownShelf(shelf, await shelfCounts(shelf))
}
