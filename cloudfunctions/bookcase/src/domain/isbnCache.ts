// The shared ISBN cache (`isbn_cache`, _id = ISBN-13): found metadata lives long, a confirmed "not
// found" shorter (books get catalogued later). Failures and timeouts are never written here.
import { findOne, put } from '../db/client'
import { BOOK_METADATA_FIELDS, COLLECTIONS, type IsbnCacheDocument } from '../db/documents'
import { pickFields } from '../db/fieldList'
import { DAY_MS } from './days'
import type { FoundBook, SourceName } from './providers/types'

export const CACHE_TTL_MS = { found: 30 * DAY_MS, notFound: 1 * DAY_MS }

export type CachedAnswer = { found: true; book: FoundBook; source: SourceName } | { found: false }

export async function readCache(isbn13: string, now: Date): Promise<CachedAnswer | null> {
  const entry = await findOne<IsbnCacheDocument>(COLLECTIONS.isbnCache, { _id: isbn13 })
  if (!entry || new Date(entry.expiresAt).getTime() <= now.getTime()) return null
  if (entry.found && entry.book && entry.source) return { found: true, book: entry.book, source: entry.source }
  return entry.found ? null : { found: false }
}

/** The stored entry for an answer: the book by the contract's metadata list, so nothing else a source's
 * parser might carry is cached. */
export function cacheEntry(answer: CachedAnswer, now: Date): Omit<IsbnCacheDocument, '_id'> {
  const ttl = answer.found ? CACHE_TTL_MS.found : CACHE_TTL_MS.notFound
  return answer.found
    ? { found: true, book: pickFields(answer.book, BOOK_METADATA_FIELDS), source: answer.source, fetchedAt: now, expiresAt: new Date(now.getTime() + ttl) }
    : { found: false, fetchedAt: now, expiresAt: new Date(now.getTime() + ttl) }
}

export async function writeCache(isbn13: string, answer: CachedAnswer, now: Date): Promise<void> {
  await put(COLLECTIONS.isbnCache, isbn13, cacheEntry(answer, now))
}
