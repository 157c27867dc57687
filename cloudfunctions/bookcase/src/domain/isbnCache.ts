// The shared ISBN cache (`isbn_cache`, _id = ISBN-13): found metadata lives long, a confirmed "not
// found" shorter (books get catalogued later). Failures and timeouts are never written here.
import { findOne, put } from '../db/client'
import { COLLECTIONS, type IsbnCacheDocument } from '../db/documents'
import type { FoundBook, SourceName } from './providers/types'

const DAY_MS = 24 * 60 * 60 * 1000
export const CACHE_TTL_MS = { found: 30 * DAY_MS, notFound: 1 * DAY_MS }

export type CachedAnswer = { found: true; book: FoundBook; source: SourceName } | { found: false }

export async function readCache(isbn13: string, now: Date): Promise<CachedAnswer | null> {
  const entry = await findOne<IsbnCacheDocument>(COLLECTIONS.isbnCache, { _id: isbn13 })
  if (!entry || new Date(entry.expiresAt).getTime() <= now.getTime()) return null
  if (entry.found && entry.book && entry.source) return { found: true, book: entry.book, source: entry.source }
  return entry.found ? null : { found: false }
}

export async function writeCache(isbn13: string, answer: CachedAnswer, now: Date): Promise<void> {
  const ttl = answer.found ? CACHE_TTL_MS.found : CACHE_TTL_MS.notFound
  const entry: Omit<IsbnCacheDocument, '_id'> = answer.found
    ? { found: true, book: answer.book, source: answer.source, fetchedAt: now, expiresAt: new Date(now.getTime() + ttl) }
    : { found: false, fetchedAt: now, expiresAt: new Date(now.getTime() + ttl) }
  await put(COLLECTIONS.isbnCache, isbn13, entry)
}
