// "Do I own it?" without the network: the ISBNs on the reader's shelf, kept in wx storage so the scan
// page can say 已在书架 at once, offline too. wx storage belongs to one WeChat user of one Mini Program
// (the preview's wx shim keys it by OpenID the same way), so the set is per reader by construction.
//
// Compact: each ISBN-13 is stored as its first 12 digits (the 13th is a check digit, derived), all of
// them sorted and concatenated into one string: 12 bytes a book, looked up by binary search. Bounded:
// past MAX_OWNED_ISBNS the set stops claiming to be complete and the scan page asks the function.
//
// Kept in step by services/api.ts, which hands every successful call to noteShelfCall: added books
// join the set at once and a removed book's ISBN (removeBook answers it) leaves it; an import (whose
// answer lists no ISBNs) marks it stale, and utils/owned-isbns-sync.ts rebuilds it from listBooks pages
// when the scan page next needs it.
import type { ActionData, ActionName, ActionParams } from '../../typings/api'
import { readStorage, writeStorage } from './storage'

const KEY = 'bookcase.ownedIsbns'
const FORMAT = 1
const WIDTH = 12
/** 240 KB of storage at most (one wx storage key may hold 1 MB). */
export const MAX_OWNED_ISBNS = 20000
/** A set older than this is rebuilt when next needed: books added from another device show up. */
export const OWNED_MAX_AGE_MS = 24 * 60 * 60 * 1000

interface StoredSet {
  v: typeof FORMAT
  /** When the set was last rebuilt from the shelf (ms since epoch). */
  builtAt: number
  /** An import happened since: rebuild before trusting a "not owned". */
  stale: boolean
  /** Sorted 12-digit ISBN-13 prefixes, concatenated. */
  digits: string
  /** False when the shelf held more ISBNs than MAX_OWNED_ISBNS. */
  complete: boolean
}

export type Ownedness = 'owned' | 'not-owned' | 'unknown'

const ISBN13 = /^97[89]\d{10}$/

function read(): StoredSet | null {
  const set = readStorage(KEY) as Partial<StoredSet> | null
  if (!set || set.v !== FORMAT || typeof set.digits !== 'string' || set.digits.length % WIDTH !== 0) return null
  return set as StoredSet
}

function write(set: StoredSet): void {
  // Refused (storage full or unavailable): the scan page falls back to asking the function.
  writeStorage(KEY, set)
}

function keyOf(isbn13: string): string | null {
  return ISBN13.test(isbn13) ? isbn13.slice(0, WIDTH) : null
}

/** Index of `key` in the packed string, or where it would go (as a negative: -(insertAt) - 1). */
function search(digits: string, key: string): number {
  let low = 0
  let high = digits.length / WIDTH - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const probe = digits.slice(mid * WIDTH, (mid + 1) * WIDTH)
    if (probe === key) return mid
    if (probe < key) low = mid + 1
    else high = mid - 1
  }
  return -low - 1
}

/** Packs ISBN-13s into the stored form: valid ones only, sorted, without repeats, bounded. */
function packIsbns(isbns: Iterable<string>): { digits: string; complete: boolean } {
  const keys = [...new Set([...isbns].map(keyOf).filter((key): key is string => key !== null))].sort()
  return { digits: keys.slice(0, MAX_OWNED_ISBNS).join(''), complete: keys.length <= MAX_OWNED_ISBNS }
}

/** Whether an ISBN-13 is on the shelf as far as the local set knows. */
export function ownedness(isbn13: string, now = Date.now()): Ownedness {
  const set = read()
  const key = keyOf(isbn13)
  if (!set || key === null) return 'unknown'
  if (search(set.digits, key) >= 0) return 'owned'
  const fresh = !set.stale && set.complete && now - set.builtAt < OWNED_MAX_AGE_MS
  return fresh ? 'not-owned' : 'unknown'
}

/** Whether the set needs a rebuild from the shelf (none yet, stale or old). */
export function needsRebuild(now = Date.now()): boolean {
  const set = read()
  return !set || set.stale || now - set.builtAt >= OWNED_MAX_AGE_MS
}

/** Replaces the set with the shelf's ISBNs as just listed. */
export function replaceOwned(isbns: Iterable<string>, now = Date.now()): void {
  write({ v: FORMAT, builtAt: now, stale: false, ...packIsbns(isbns) })
}

export function addOwned(isbn13: string): void {
  const set = read()
  const key = keyOf(isbn13)
  if (!set || key === null) return
  const at = search(set.digits, key)
  if (at >= 0) return
  if (set.digits.length / WIDTH >= MAX_OWNED_ISBNS) {
    write({ ...set, complete: false })
    return
  }
  const index = -at - 1
  write({ ...set, digits: set.digits.slice(0, index * WIDTH) + key + set.digits.slice(index * WIDTH) })
}

export function removeOwned(isbn13: string): void {
  const set = read()
  const key = keyOf(isbn13)
  if (!set || key === null) return
  const at = search(set.digits, key)
  if (at >= 0) write({ ...set, digits: set.digits.slice(0, at * WIDTH) + set.digits.slice((at + 1) * WIDTH) })
}

/** The next time the set is needed, rebuild it first. */
function markOwnedStale(): void {
  const set = read()
  if (set && !set.stale) write({ ...set, stale: true })
}

/** Keeps the set in step with a call that succeeded (services/api.ts calls this for every one). */
export function noteShelfCall<A extends ActionName>(action: A, _params: ActionParams<A>, data: ActionData<A>): void {
  switch (action) {
    case 'addBook': {
      const { book } = data as ActionData<'addBook'>
      if (book.isbn) addOwned(book.isbn)
      break
    }
    case 'addBooks':
      for (const item of (data as ActionData<'addBooks'>).results) {
        if (item.book?.isbn && (item.outcome === 'added' || item.outcome === 'duplicate')) addOwned(item.book.isbn)
      }
      break
    case 'removeBook': {
      // A reader holds one book per ISBN (database/indexes.json: owner_isbn), so its removal frees it.
      const { isbn } = data as ActionData<'removeBook'>
      if (isbn) removeOwned(isbn)
      break
    }
    case 'importBooks':
      if ((data as ActionData<'importBooks'>).added > 0) markOwnedStale()
      break
    default:
      break
  }
}
