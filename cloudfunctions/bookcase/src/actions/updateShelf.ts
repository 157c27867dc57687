// updateShelf {isPublic?, name?}: publish or unpublish the shelf, or rename it.
import { ownShelf } from '../domain/policy'
import { shelfCounts, updateShelf as saveShelf } from '../domain/shelves'
import type { Action } from './types'

export const updateShelf: Action<'updateShelf'> = async (event, { openid, now }) => {
  const changes: { isPublic?: boolean; name?: string } = {}
  if (event.isPublic !== undefined) changes.isPublic = event.isPublic
  if (event.name !== undefined) changes.name = event.name
  const shelf = await saveShelf(openid, changes, now)
  const { count, publicCount } = await shelfCounts(shelf)
  return ownShelf(shelf, count, publicCount)
}
