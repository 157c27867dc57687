// The documents the function stores, collection by collection, each with the one list of fields it may
// hold. Only the function reads and writes them (collections are closed to clients); every write is
// built from these lists (and db/client.ts refuses any other field), as domain/policy.ts builds every
// answer from its own lists, so no key a client sends can become a stored field.
import type { ActionParams, BookMetadata, BookPatch, ImportFormat, ImportProgress, ImportSkip, Loan, MetadataSource, ReaderFields } from '../../../../typings/api'
import { fieldList, without } from './fieldList'

export const COLLECTIONS = {
  books: 'books',
  shelves: 'shelves',
  isbnCache: 'isbn_cache',
  rateLimits: 'rate_limits',
  importJobs: 'import_jobs',
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
export const READER_FIELDS = fieldList<ReaderFields>()([
  'status',
  'rating',
  'tags',
  'note',
  'is_private',
  'ownership',
  'series',
  'volume',
  'location',
  'progress',
  'startedAt',
  'finishedAt',
])

/** What updateBook may change (typings/api.d.ts BookPatch): never the ISBN, the owner or a derived key. */
export const BOOK_PATCH_FIELDS = fieldList<BookPatch>()([...READER_FIELDS, ...without(BOOK_METADATA_FIELDS, 'isbn')])

/** One book on one reader's shelf. Optional bibliographic fields are absent rather than empty. */
export interface BookDocument extends BookMetadata, ReaderFields {
  _id: string
  _openid: string
  source: MetadataSource
  createdAt: Date
  updatedAt: Date
  /** The loan now (lendBook), or null; returnBook moves it to `loans`, oldest first, capped. */
  loan: Loan | null
  loans: Loan[]
  /** loan !== null, kept beside it so the 借出中 filter and lentCount are one indexed equality. */
  lent: boolean
  /** A photographed cover: a file id in the reader's covers folder (storage/paths.ts), never a temp URL. */
  coverFileId?: string
  /** The Douban subject id an imported book came with: internal, for deduplicating the next import of
   * the same Douban export (rows without an ISBN); never in any answer. */
  doubanId?: string
  /** Derived keys (domain/bookDocument.ts), each unique per reader because it ends with the _id:
   * listing pages by "key after the cursor's key" is then one indexed range, whatever the sort. */
  addedKey: string
  titleKey: string
  authorKey: string
  /** Present only on books in a series (series name, volume, title); the series sort lists books in no
   * series after these, by titleKey (domain/books.ts). */
  seriesKey?: string
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
  'loan',
  'loans',
  'lent',
  'coverFileId',
  'doubanId',
  'addedKey',
  'titleKey',
  'authorKey',
  'seriesKey',
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

/** One import (startImport → importBooks until done), owned by the reader who started it. */
export interface ImportJobDocument {
  _id: string
  _openid: string
  /** The one storage path the job's file is read from (storage/paths.ts); never a client-given one. */
  cloudPath: string
  fileName: string
  /** startImport's option: every added book is private. */
  is_private: boolean
  state: ImportProgress['state']
  format: ImportFormat | null
  total: number
  processed: number
  added: number
  duplicates: number
  skippedCount: number
  /** The first skipped rows (ImportProgress documents the cap). */
  skipped: ImportSkip[]
  /** A slice in progress holds the job until then (or until it ends), so two calls never import the
   * same rows at once; a slice cut short by the function's timeout frees it when this passes. */
  leaseUntil: Date
  leaseId: string
  createdAt: Date
  updatedAt: Date
}

export const IMPORT_JOB_DOCUMENT_FIELDS = fieldList<ImportJobDocument>()([
  '_id',
  '_openid',
  'cloudPath',
  'fileName',
  'is_private',
  'state',
  'format',
  'total',
  'processed',
  'added',
  'duplicates',
  'skippedCount',
  'skipped',
  'leaseUntil',
  'leaseId',
  'createdAt',
  'updatedAt',
])

/** Every field each collection's documents may hold: what db/client.ts lets a write name. */
export const STORED_FIELDS: Record<CollectionName, ReadonlySet<string>> = {
  books: new Set(BOOK_DOCUMENT_FIELDS),
  shelves: new Set(SHELF_DOCUMENT_FIELDS),
  isbn_cache: new Set(ISBN_CACHE_DOCUMENT_FIELDS),
  rate_limits: new Set(RATE_LIMIT_DOCUMENT_FIELDS),
  import_jobs: new Set(IMPORT_JOB_DOCUMENT_FIELDS),
}

/** Throws (a bug, answered INTERNAL) when a write names a field its collection's documents do not hold:
 * the last check before anything reaches the database. */
export function assertStoredFields(name: CollectionName, data: object): void {
  for (const key of Object.keys(data)) {
    if (!STORED_FIELDS[name].has(key)) throw new Error(`refusing to store the undeclared field ${JSON.stringify(key.slice(0, 40))} in ${name}`)
  }
}
