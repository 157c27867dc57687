// The fields each stored document may hold, written out from the contract (typings/api.d.ts and
// cloudfunctions/bookcase/src/db/documents.ts's interfaces) on purpose rather than imported from the
// function, so a wrong list in the function cannot make the tests agree with it.
import { COLLECTION_NAMES, type FunctionHarness } from './harness'

/** Fields every stored book has. */
export const BOOK_ALWAYS = [
  '_id',
  '_openid',
  'title',
  'authors',
  'source',
  'status',
  'rating',
  'tags',
  'note',
  'is_private',
  'ownership',
  'progress',
  'loan',
  'loans',
  'lent',
  'createdAt',
  'updatedAt',
  'addedKey',
  'titleKey',
  'authorKey',
  'searchText',
]
/** Bibliographic fields a book has only when known. */
export const BOOK_OPTIONAL = ['isbn', 'subtitle', 'publisher', 'publishedDate', 'pageCount', 'coverUrl', 'summary', 'language']
/** The reader's fields a book has only when set, and the series sort's key (only on books in a series). */
export const BOOK_READER_OPTIONAL = ['series', 'volume', 'location', 'startedAt', 'finishedAt', 'seriesKey']
/** A photographed cover's file id, and the Douban subject id an imported book is matched on (never answered). */
export const BOOK_FILE_OPTIONAL = ['coverFileId', 'doubanId']
/** BookMetadata: what a cached book may hold. */
export const METADATA = ['isbn', 'title', 'authors', ...BOOK_OPTIONAL.filter((key) => key !== 'isbn')]
export const SHELF = ['_id', '_openid', 'shareId', 'isPublic', 'name', 'createdAt', 'updatedAt']
export const CACHE_FOUND = ['_id', 'found', 'book', 'source', 'fetchedAt', 'expiresAt']
export const CACHE_NOT_FOUND = ['_id', 'found', 'fetchedAt', 'expiresAt']
export const RATE_LIMIT = ['_id', 'count', 'expiresAt']
export const IMPORT_JOB = [
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
]

export const ALLOWED: Record<(typeof COLLECTION_NAMES)[number], readonly string[]> = {
  books: [...BOOK_ALWAYS, ...BOOK_OPTIONAL, ...BOOK_READER_OPTIONAL, ...BOOK_FILE_OPTIONAL],
  shelves: SHELF,
  isbn_cache: CACHE_FOUND,
  rate_limits: RATE_LIMIT,
  import_jobs: IMPORT_JOB,
}

/** The fields outside its contract that any stored document of `collection` matching `filter` holds. */
export async function strayFields(h: FunctionHarness, collection: (typeof COLLECTION_NAMES)[number], filter?: Record<string, unknown>): Promise<string[]> {
  const docs = await h.storedDocuments(collection, filter)
  return [...new Set(docs.flatMap((doc) => Object.keys(doc).filter((key) => !ALLOWED[collection].includes(key))))]
}
