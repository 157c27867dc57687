// A reader's books in the database: find, add (deduplicated), list a page, update, remove. Every owner
// query carries `_openid`, so another reader's id simply is not found.
import type { BookPatch, ListSort, TagCount } from '../../../../typings/api'
import { command, count, countArrayValues, find, findOne, insert, regExp, removeWhere, updateWhere, type Filter } from '../db/client'
import { BOOK_PATCH_FIELDS, COLLECTIONS, type BookDocument } from '../db/documents'
import { derivedKeys } from './bookDocument'
import { decodeCursor, encodeCursor } from './cursor'
import { SUMMARY_FIELDS } from './policy'

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

const SORT_KEY = { added: 'addedKey', title: 'titleKey', author: 'authorKey' } as const satisfies Record<ListSort, keyof BookDocument>
const SORT_DIRECTION = { added: 'desc', title: 'asc', author: 'asc' } as const

export interface PageRequest {
  pageSize: number
  cursor?: string
  q?: string
  sort: ListSort
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What `q` matches: a case-insensitive substring of the title, an author or the ISBN (-10 or -13). */
function searchFilter(q: string): Filter {
  const folded = q.normalize('NFKC').toLowerCase()
  // "978-7-5442..." should find the ISBN, which is stored as digits only.
  const needle = /^[0-9xX][0-9xX -]*$/.test(folded) ? folded.replace(/[ -]/g, '') : folded
  return { searchText: regExp(escapeRegExp(needle)) }
}

/** One page of books matching `base` (already scoped to one reader by the caller), plus the total. */
export async function pageOfBooks(base: Filter, request: PageRequest) {
  const key = SORT_KEY[request.sort]
  const direction = SORT_DIRECTION[request.sort]
  const filter: Filter = { ...base }
  if (request.q) Object.assign(filter, searchFilter(request.q))
  const _ = command()
  const paged: Filter = { ...filter }
  if (request.cursor) {
    const after = decodeCursor(request.cursor, request.sort)
    paged[key] = direction === 'desc' ? _.lt(after) : _.gt(after)
  }
  // One extra row tells whether there is a next page without a second query.
  const [rows, total] = await Promise.all([
    find<BookDocument>(BOOKS, paged, { orderBy: [[key, direction]], limit: request.pageSize + 1, fields: SUMMARY_FIELDS }),
    count(BOOKS, filter),
  ])
  const items = rows.slice(0, request.pageSize)
  const last = items[items.length - 1]
  const nextCursor = rows.length > request.pageSize && last ? encodeCursor(request.sort, last[key]) : null
  return { items, nextCursor, total }
}

/** Applies a validated patch to the caller's own book; null when it is not theirs (or gone). */
export async function updateOwnBook(openid: string, id: string, patch: BookPatch, now: Date): Promise<BookDocument | null> {
  const current = await findOwnBook(openid, id)
  if (!current) return null
  const _ = command()
  const set: Filter = {}
  const unset: Filter = {}
  for (const field of BOOK_PATCH_FIELDS) {
    const value = patch[field]
    if (value === undefined) continue
    // '' and null clear an optional bibliographic field; the reader's rating null means "unrated".
    if ((value === '' || value === null) && field !== 'rating' && field !== 'note') unset[field] = _.remove()
    else set[field] = value
  }
  const next = { ...current, ...set, updatedAt: now } as BookDocument
  for (const field of Object.keys(unset)) delete (next as unknown as Filter)[field]
  const data: Filter = { ...set, ...unset, updatedAt: now }
  if ('title' in patch || 'authors' in patch) Object.assign(data, derivedKeys(next))
  const updated = await updateWhere(BOOKS, { _id: id, _openid: openid }, data)
  // updated === 0 also when nothing changed; re-read to tell that apart from a concurrent removal.
  return updated > 0 ? { ...next, ...derivedKeys(next) } : findOwnBook(openid, id)
}

export async function removeOwnBook(openid: string, id: string): Promise<boolean> {
  return (await removeWhere(BOOKS, { _id: id, _openid: openid })) > 0
}

/** The reader's distinct tags with how many of their books carry each, most used first, then by name. */
export async function ownTagCounts(openid: string, limit: number): Promise<TagCount[]> {
  const rows = await countArrayValues(BOOKS, { _openid: openid }, 'tags', limit)
  return rows.filter((row): row is { value: string; count: number } => typeof row.value === 'string').map(({ value, count }) => ({ tag: value, count }))
}

export const countBooks = (filter: Filter) => count(BOOKS, filter)
