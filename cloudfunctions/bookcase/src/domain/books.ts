// A reader's books in the database: find, add (deduplicated), update, remove (listing a page is
// domain/bookPages.ts). Every owner query carries `_openid`, so another reader's id simply is not found.
import type { BookPatch, LocationCount, TagCount } from '../../../../typings/api'
import { command, count, countValues, findOne, insert, removeWhere, updateWhere, type Filter } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { planPatch } from './bookPatch'

const BOOKS = COLLECTIONS.books

export function findOwnBook(openid: string, id: string): Promise<BookDocument | null> {
  return findOne<BookDocument>(BOOKS, { _id: id, _openid: openid })
}

/** Stores a new book. When its id is taken (the same ISBN is already on this reader's shelf, perhaps
 * added a moment ago by a concurrent call) the existing book is returned instead. */
export async function addBookDocument(doc: BookDocument): Promise<{ book: BookDocument; duplicate: boolean }> {
  if ((await insert(BOOKS, doc)) === 'inserted') return { book: doc, duplicate: false }
  const existing = await findOwnBook(doc._openid, doc._id)
  if (existing) return { book: existing, duplicate: true }
  // The unique (_openid, isbn) index fired on a book with another id (added before ids were derived
  // from the ISBN, or imported): that one is the existing copy.
  const sameIsbn = doc.isbn ? await findOne<BookDocument>(BOOKS, { _openid: doc._openid, isbn: doc.isbn }) : null
  if (sameIsbn) return { book: sameIsbn, duplicate: true }
  throw new Error(`insert of ${doc._id} reported a duplicate, but no such book exists`)
}

/** Applies a validated patch to the caller's own book; null when it is not theirs (or gone). Throws
 * INVALID_ARGUMENT when the patched fields would disagree (domain/bookPatch.ts). */
export async function updateOwnBook(openid: string, id: string, patch: BookPatch, now: Date): Promise<BookDocument | null> {
  const _ = command()
  // The write is conditional (a lent book never goes on the wish list), so a loan that lands between the
  // read and the write makes it miss: read again, check the patch against the book as it is now (lent:
  // refused) and write again. Every write sets updatedAt, so a miss is never "nothing to change".
  for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
    const current = await findOwnBook(openid, id)
    if (!current) return null
    // Missed only because the same values were already there (an identical write this millisecond).
    if (attempt > 1 && new Date(current.updatedAt).getTime() === now.getTime()) return current
    const { next, set, unset } = planPatch(current, patch, now)
    const data: Filter = { ...set, updatedAt: now }
    // The SDK writes a plain object as dotted paths, merging it into the stored one; progress is replaced.
    if (set.progress) data.progress = _.set(set.progress)
    for (const field of unset) data[field] = _.remove()
    const filter: Filter = { _id: id, _openid: openid, ...(set.ownership === 'wanted' ? { lent: _.neq(true) } : {}) }
    if ((await updateWhere(BOOKS, filter, data)) > 0) return next
  }
  throw new Error(`updateBook ${id}: the book kept changing under ${MAX_UPDATE_ATTEMPTS} attempts`)
}

const MAX_UPDATE_ATTEMPTS = 3

export async function removeOwnBook(openid: string, id: string): Promise<boolean> {
  return (await removeWhere(BOOKS, { _id: id, _openid: openid })) > 0
}

/** The reader's distinct values of `field` (an array field when `array`) with how many of their books
 * carry each, most carried first, then by value. Only strings count (a stray value never surfaces). */
async function ownValueCounts(openid: string, field: 'tags' | 'authors' | 'location', limit: number, array: boolean) {
  const rows = await countValues(BOOKS, { _openid: openid, [field]: command().exists(true) }, field, limit, { array })
  return rows.filter((row): row is { value: string; count: number } => typeof row.value === 'string')
}

export async function ownTagCounts(openid: string, limit: number): Promise<TagCount[]> {
  return (await ownValueCounts(openid, 'tags', limit, true)).map(({ value, count }) => ({ tag: value, count }))
}

export async function ownAuthorCounts(openid: string, limit: number): Promise<{ author: string; count: number }[]> {
  return (await ownValueCounts(openid, 'authors', limit, true)).map(({ value, count }) => ({ author: value, count }))
}

export async function ownLocationCounts(openid: string, limit: number): Promise<LocationCount[]> {
  return (await ownValueCounts(openid, 'location', limit, false)).map(({ value, count }) => ({ location: value, count }))
}

export const countBooks = (filter: Filter) => count(BOOKS, filter)
