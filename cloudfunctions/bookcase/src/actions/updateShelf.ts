// updateShelf {isPublic?, name?}: publish or unpublish the shelf, or rename it.
import { SHELF_SETTINGS_FIELDS } from '../db/documents'
import { pickFields } from '../db/fieldList'
import { ownShelf } from '../domain/policy'
import { shelfCounts, updateShelf as saveShelf } from '../domain/shelves'
import type { Action } from './types'

export const updateShelf: Action<'updateShelf'> = async (event, { openid, now }) => {
  const shelf = await saveShelf(openid, pickFields(event, SHELF_SETTINGS_FIELDS), now)
  return ownShelf(shelf, await shelfCounts(shelf))
}
