// What a patch does to a book, worked out without the database: which fields it sets and which it
// clears, the days a status change fills in, and the derived keys that follow. domain/books.ts writes it.
import type { BookPatch } from '../../../../typings/api'
import { BOOK_PATCH_FIELDS, type BookDocument } from '../db/documents'
import { derivedKeys, withDefaults } from './bookDocument'
import { latestPastDayOf, todayOf } from './days'
import { assertReaderFieldsAgree } from './readerRules'

export interface PatchPlan {
  /** The book as it will be stored. */
  next: BookDocument
  set: Partial<BookDocument>
  /** Optional fields the patch clears (removed from the document). */
  unset: (keyof BookDocument)[]
}

/** Fields whose null or '' is a value of its own rather than "clear": unrated, no note, no progress. */
const KEPT_EMPTY = new Set<string>(['rating', 'note', 'progress'])
/** Fields the derived keys are computed from (domain/bookDocument.ts derivedKeys). */
const KEY_SOURCES = new Set<string>(['title', 'authors', 'series', 'volume'])

/** Throws INVALID_ARGUMENT when the patched book's fields would disagree (domain/readerRules.ts). */
export function planPatch(stored: BookDocument, patch: BookPatch, now: Date): PatchPlan {
  const current = withDefaults(stored)
  const set: Record<string, unknown> = {}
  const unset = new Set<keyof BookDocument>()
  for (const field of BOOK_PATCH_FIELDS) {
    const value = patch[field]
    if (value === undefined) continue
    if ((value === '' || value === null) && !KEPT_EMPTY.has(field)) unset.add(field)
    else set[field] = value
  }
  // Leaving a series leaves its volume too, unless the patch says otherwise (then readerRules refuses).
  if (unset.has('series') && patch.volume === undefined && current.volume !== undefined) unset.add('volume')

  // A status change fills in the day it happened, unless the patch gives it or the book has it already.
  const today = todayOf(now)
  if (patch.status && patch.status !== current.status) {
    if (patch.status === 'reading' && patch.startedAt === undefined && !current.startedAt) set.startedAt = today
    if (patch.status === 'read' && patch.finishedAt === undefined && !current.finishedAt) set.finishedAt = today
  }

  const next = { ...current, ...set, updatedAt: now } as BookDocument
  for (const field of unset) delete next[field]
  const givenDays = (['startedAt', 'finishedAt'] as const).filter((field) => patch[field] !== undefined)
  assertReaderFieldsAgree(next, givenDays, latestPastDayOf(now))

  if ([...Object.keys(set), ...unset].some((field) => KEY_SOURCES.has(field))) {
    const { seriesKey, ...keys } = derivedKeys(next)
    Object.assign(set, keys)
    Object.assign(next, keys)
    if (seriesKey === undefined) {
      delete next.seriesKey
      if (stored.seriesKey !== undefined) unset.add('seriesKey')
    } else {
      set.seriesKey = next.seriesKey = seriesKey
    }
  }
  return { next, set: set as Partial<BookDocument>, unset: [...unset] }
}
