// A reader's shelf: created on first use, one per reader (deterministic _id, so concurrent first calls
// agree), addressed by others only through its random, rotatable shareId.
import { createHash, randomBytes } from 'crypto'
import { count, findOne, insert, updateWhere } from '../db/client'
import { COLLECTIONS, SHELF_SETTINGS_FIELDS, type ShelfDocument } from '../db/documents'
import { pickFields } from '../db/fieldList'
import { lentBooksFilter } from './lending'
import { isShelfShared, sharedBooksFilter, type ShelfCounts } from './policy'

const SHELVES = COLLECTIONS.shelves
export const DEFAULT_SHELF_NAME = '我的书架'

const shelfIdFor = (openid: string) =>
  's' + createHash('sha256').update(`bookcase/shelf/v1\n${openid}`).digest('base64url').slice(0, 22)

/** 128 random bits, URL-safe; nothing in it relates to the OpenID. */
export const newShareId = () => randomBytes(16).toString('base64url')

export async function getOrCreateShelf(openid: string, now: Date): Promise<ShelfDocument> {
  const existing = await findOne<ShelfDocument>(SHELVES, { _openid: openid })
  if (existing) return existing
  const shelf: ShelfDocument = {
    _id: shelfIdFor(openid),
    _openid: openid,
    shareId: newShareId(),
    isPublic: false,
    name: DEFAULT_SHELF_NAME,
    createdAt: now,
    updatedAt: now,
  }
  if ((await insert(SHELVES, shelf)) === 'inserted') return shelf
  const raced = await findOne<ShelfDocument>(SHELVES, { _openid: openid })
  if (!raced) throw new Error('shelf insert reported a duplicate, but no shelf exists')
  return raced
}

/** The fields a shelf change may set: the reader's settings, and the share id rotateShareId replaces. */
const CHANGEABLE_FIELDS = [...SHELF_SETTINGS_FIELDS, 'shareId'] as const

export async function updateShelf(openid: string, requested: Partial<Pick<ShelfDocument, (typeof CHANGEABLE_FIELDS)[number]>>, now: Date) {
  const changes = pickFields(requested, CHANGEABLE_FIELDS)
  const shelf = await getOrCreateShelf(openid, now)
  await updateWhere(SHELVES, { _id: shelf._id, _openid: openid }, { ...changes, updatedAt: now })
  return { ...shelf, ...changes, updatedAt: now }
}

/** A shelf as a friend may reach it: only by its current shareId and only while it is public. */
export async function findSharedShelf(shareId: string): Promise<ShelfDocument | null> {
  const shelf = await findOne<ShelfDocument>(SHELVES, { shareId })
  return isShelfShared(shelf) ? shelf : null
}

/** How many books the shelf holds, shows to friends and has lent out now. */
export async function shelfCounts(shelf: ShelfDocument): Promise<ShelfCounts> {
  const [all, shared, lent] = await Promise.all([
    count(COLLECTIONS.books, { _openid: shelf._openid }),
    count(COLLECTIONS.books, sharedBooksFilter(shelf)),
    count(COLLECTIONS.books, lentBooksFilter(shelf._openid)),
  ])
  return { count: all, publicCount: shared, lentCount: lent }
}
