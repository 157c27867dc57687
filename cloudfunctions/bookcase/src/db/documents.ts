// The documents the function stores, collection by collection, each with the one list of fields it may
// hold. Only the function reads and writes them (collections are closed to clients); every write is
// built from these lists (and db/client.ts refuses any other field), as domain/policy.ts builds every
// answer from its own lists, so no key a client sends can become a stored field.
import type { ActionParams, BookMetadata, BookPatch, MetadataSource, ReaderFields } from '../../../../typings/api'
import { fieldList, without } from './fieldList'

export const COLLECTIONS = {
  books: 'books',
  shelves: 'shelves',
  isbnCache: 'isbn_cache',
  rateLimits: 'rate_limits',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]

/** The bibliographic fields of the contract (typings/api.d.ts BookMetadata). */
export const BOOK_METADATA_FIELDS = fieldList<BookMetadata>()([
  'isbn',
  'title',
  'subtitle',
  'authors',
  'publisher',
  'publishedDate',
  'pageCount',
  'coverUrl',
  'summary',
  'language',
])

/** The reader's own fields of the contract (typings/api.d.ts ReaderFields). */
export const READER_FIELDS = fieldList<ReaderFields>()(['status', 'rating', 'tags', 'note', 'is_private'])

/** What updateBook may change (typings/api.d.ts BookPatch): never the ISBN, the owner or a derived key. */
export const BOOK_PATCH_FIELDS = fieldList<BookPatch>()([...READER_FIELDS, ...without(BOOK_METADATA_FIELDS, 'isbn')])

/** One book on one reader's shelf. Optional bibliographic fields are absent rather than empty. */
export interface BookDocument extends BookMetadata, ReaderFields {
  _id: string
  _openid: string
  source: MetadataSource
  createdAt: Date
  updatedAt: Date
  /** Derived keys (domain/bookDocument.ts), each unique per reader because it ends with the _id:
   * listing pages by "key after the cursor's key" is then one indexed range, whatever the sort. */
  addedKey: string
  titleKey: string
  authorKey: string
  /** Lower-cased title, authors and ISBN forms, for the `q` search. */
  searchText: string
}

export const BOOK_DOCUMENT_FIELDS = fieldList<BookDocument>()([
  '_id',
  '_openid',
  ...BOOK_METADATA_FIELDS,
  ...READER_FIELDS,
  'source',
  'createdAt',
  'updatedAt',
  'addedKey',
  'titleKey',
  'authorKey',
  'searchText',
])

export interface ShelfDocument {
  _id: string
  _openid: string
  /** Opaque, random, rotatable: the only handle a friend ever gets. */
  shareId: string
  isPublic: boolean
  name: string
  createdAt: Date
  updatedAt: Date
}

/** The shelf settings the reader changes with updateShelf (typings/api.d.ts, Actions.updateShelf). */
export const SHELF_SETTINGS_FIELDS = fieldList<ActionParams<'updateShelf'>>()(['isPublic', 'name'])

export const SHELF_DOCUMENT_FIELDS = fieldList<ShelfDocument>()(['_id', '_openid', 'shareId', 'isPublic', 'name', 'createdAt', 'updatedAt'])

/** `_id` is the ISBN-13. Either found metadata or a confirmed "not found" mark, each with an expiry. */
export interface IsbnCacheDocument {
  _id: string
  found: boolean
  book?: BookMetadata & { isbn: string }
  source?: Exclude<MetadataSource, 'manual'>
  fetchedAt: Date
  expiresAt: Date
}

export const ISBN_CACHE_DOCUMENT_FIELDS = fieldList<IsbnCacheDocument>()(['_id', 'found', 'book', 'source', 'fetchedAt', 'expiresAt'])

/** One reader's count of uncached lookups in one fixed window. */
export interface RateLimitDocument {
  _id: string
  count: number
  expiresAt: Date
}

export const RATE_LIMIT_DOCUMENT_FIELDS = fieldList<RateLimitDocument>()(['_id', 'count', 'expiresAt'])

/** Every field each collection's documents may hold: what db/client.ts lets a write name. */
export const STORED_FIELDS: Record<CollectionName, ReadonlySet<string>> = {
  books: new Set(BOOK_DOCUMENT_FIELDS),
  shelves: new Set(SHELF_DOCUMENT_FIELDS),
  isbn_cache: new Set(ISBN_CACHE_DOCUMENT_FIELDS),
  rate_limits: new Set(RATE_LIMIT_DOCUMENT_FIELDS),
}

/** Throws (a bug, answered INTERNAL) when a write names a field its collection's documents do not hold:
 * the last check before anything reaches the database. */
export function assertStoredFields(name: CollectionName, data: object): void {
  for (const key of Object.keys(data)) {
    if (!STORED_FIELDS[name].has(key)) throw new Error(`refusing to store the undeclared field ${JSON.stringify(key.slice(0, 40))} in ${name}`)
  }
}
