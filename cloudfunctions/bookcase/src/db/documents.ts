// The documents the function stores, collection by collection. Only the function reads and writes
// them (collections are closed to clients); what leaves the function is shaped by domain/policy.ts.
import type { BookMetadata, MetadataSource, ReaderFields } from '../../../../typings/api'

export const COLLECTIONS = {
  books: 'books',
  shelves: 'shelves',
  isbnCache: 'isbn_cache',
  rateLimits: 'rate_limits',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]

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

/** `_id` is the ISBN-13. Either found metadata or a confirmed "not found" mark, each with an expiry. */
export interface IsbnCacheDocument {
  _id: string
  found: boolean
  book?: BookMetadata & { isbn: string }
  source?: Exclude<MetadataSource, 'manual'>
  fetchedAt: Date
  expiresAt: Date
}

/** One reader's count of uncached lookups in one fixed window. */
export interface RateLimitDocument {
  _id: string
  count: number
  expiresAt: Date
}
