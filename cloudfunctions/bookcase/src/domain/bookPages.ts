// Listing a reader's books a page at a time, in one of the shelf's sort orders. A page is one walk of an
// index in key order from just after the cursor's key (each key ends with the book's _id, so keys are
// unique per reader); the filter is rebuilt from the caller's identity on every call.
import type { ListSort } from '../../../../typings/api'
import { command, count, find, regExp, type Filter } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { invalidArgument } from '../errors'
import { fold } from './bookDocument'
import { decodeCursor, encodeCursor } from './cursor'
import { SUMMARY_FIELDS } from './policy'

const BOOKS = COLLECTIONS.books

type SortKey = 'addedKey' | 'titleKey' | 'authorKey' | 'seriesKey'

/** One walk of one key. `only` narrows the walk to its part of the shelf given the cursor's key (or
 * none); `applies` says whether the walk can find anything under the filter at all. */
interface Walk {
  key: SortKey
  direction: 'asc' | 'desc'
  only?: (after: string | undefined) => Filter
  applies?: (filter: Filter) => boolean
}

const after = (walk: Walk, key: string): Filter => ({ [walk.key]: walk.direction === 'desc' ? command().lt(key) : command().gt(key) })

/** Each sort is one walk, except 'series': first the books in a series by seriesKey (series name,
 * volume, title), then the books in no series by title. Books stored before series existed have no
 * seriesKey and so fall, correctly, into the second walk. */
const WALKS: Record<ListSort, Walk[]> = {
  added: [{ key: 'addedKey', direction: 'desc' }],
  title: [{ key: 'titleKey', direction: 'asc' }],
  author: [{ key: 'authorKey', direction: 'asc' }],
  series: [
    // Every seriesKey is a non-empty string, so "after ''" is "has one".
    { key: 'seriesKey', direction: 'asc', only: (key) => ({ seriesKey: command().gt(key ?? '') }) },
    { key: 'titleKey', direction: 'asc', only: () => ({ seriesKey: command().exists(false) }), applies: (filter) => filter.series === undefined },
  ],
}

export interface PageRequest {
  pageSize: number
  cursor?: string
  q?: string
  sort: ListSort
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** What `q` matches: a case-insensitive substring of the title, an author or the ISBN (-10 or -13). */
function searchFilter(q: string): Filter {
  const folded = fold(q)
  // "978-7-5442..." should find the ISBN, which is stored as digits only.
  const needle = /^[0-9xX][0-9xX -]*$/.test(folded) ? folded.replace(/[ -]/g, '') : folded
  return { searchText: regExp(escapeRegExp(needle)) }
}

// A sort of several walks says in its cursor which walk it stopped in: "<walk index>:<key>".
function encodePosition(sort: ListSort, walk: number, key: string): string {
  return encodeCursor(sort, WALKS[sort].length > 1 ? `${walk}:${key}` : key)
}

function decodePosition(sort: ListSort, cursor: string | undefined): { walk: number; key?: string } {
  if (cursor === undefined) return { walk: 0 }
  const key = decodeCursor(cursor, sort)
  if (WALKS[sort].length === 1) return { walk: 0, key }
  const match = /^(\d):(.+)$/s.exec(key)
  if (!match || Number(match[1]) >= WALKS[sort].length) throw invalidArgument('malformed cursor')
  return { walk: Number(match[1]), key: match[2] }
}

/** One page of books matching `base` (already scoped to one reader by the caller), plus the total. */
export async function pageOfBooks(base: Filter, request: PageRequest) {
  const filter: Filter = { ...base }
  if (request.q) Object.assign(filter, searchFilter(request.q))
  const walks = WALKS[request.sort]
  const start = decodePosition(request.sort, request.cursor)
  // One extra row tells whether there is a next page without a second query.
  const wanted = request.pageSize + 1
  const rows: { doc: BookDocument; walk: number }[] = []
  const [, total] = await Promise.all([
    (async () => {
      for (let w = start.walk; w < walks.length && rows.length < wanted; w++) {
        const walk = walks[w]
        if (walk.applies && !walk.applies(filter)) continue
        const key = w === start.walk ? start.key : undefined
        const where: Filter = { ...filter, ...(key !== undefined ? after(walk, key) : {}), ...walk.only?.(key) }
        const found = await find<BookDocument>(BOOKS, where, { orderBy: [[walk.key, walk.direction]], limit: wanted - rows.length, fields: SUMMARY_FIELDS })
        rows.push(...found.map((doc) => ({ doc, walk: w })))
      }
    })(),
    count(BOOKS, filter),
  ])
  const page = rows.slice(0, request.pageSize)
  const last = page[page.length - 1]
  const lastKey = last?.doc[walks[last.walk].key]
  const nextCursor = rows.length > request.pageSize && last && lastKey ? encodePosition(request.sort, last.walk, lastKey) : null
  return { items: page.map((row) => row.doc), nextCursor, total }
}
