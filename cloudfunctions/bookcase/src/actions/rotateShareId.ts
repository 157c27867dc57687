// rotateShareId {}: a new share id; links carrying the old one stop working at once.
import { ownShelf } from '../domain/policy'
import { newShareId, shelfCounts, updateShelf } from '../domain/shelves'
import type { Action } from './types'

export const rotateShareId: Action<'rotateShareId'> = async (_event, { openid, now }) => {
  const shelf = await updateShelf(openid, { shareId: newShareId() }, now)
  return ownShelf(shelf, await shelfCounts(shelf))
}
