// How a book becomes a document: its id, its reader fields' defaults and the derived keys used for
// sorting, paging and search. Pure (no database), so the benchmark seeds 100k books with this same code.
import { createHash, randomBytes } from 'crypto'
import type { BookMetadata, MetadataSource, ReaderFields } from '../../../../typings/api'
import { BOOK_METADATA_FIELDS, READER_FIELDS, type BookDocument } from '../db/documents'
import { pickFields } from '../db/fieldList'
import { latestPastDayOf } from './days'
import { toIsbn10 } from './isbn'
import { assertReaderFieldsAgree } from './readerRules'

/** A book with an ISBN gets a deterministic id per (reader, ISBN): the database's own `_id` uniqueness
 * then settles concurrent adds of the same ISBN, on the emulator and on CloudBase alike. It is a
 * one-way hash (domain-separated SHA-256, 132 bits), so a friend who sees it on a shared shelf learns
 * nothing about the OpenID it was derived from. */
export function bookIdFor(openid: string, isbn13: string): string {
  return 'b' + createHash('sha256').update(`bookcase/book/v1\n${openid}\n${isbn13}`).digest('base64url').slice(0, 22)
}

/** A book without an ISBN has nothing to deduplicate on: a random id. */
export const randomBookId = () => 'm' + randomBytes(16).toString('base64url')

export const DEFAULT_READER_FIELDS: ReaderFields = {
  status: 'want',
  rating: null,
  tags: [],
  note: '',
  is_private: false,
  ownership: 'owned',
  progress: null,
}

/** A stored book with every field the function later added filled with its default: books stored before
 * ownership, progress or lending existed read as owned, without progress, never lent. */
export function withDefaults<T extends Partial<BookDocument>>(doc: T): T & Pick<BookDocument, 'ownership' | 'progress' | 'loan' | 'loans' | 'lent'> {
  return {
    ...doc,
    ownership: doc.ownership ?? DEFAULT_READER_FIELDS.ownership,
    progress: doc.progress ?? null,
    loan: doc.loan ?? null,
    loans: doc.loans ?? [],
    lent: doc.loan != null,
  }
}

/** Case- and width-folded text: what the derived keys, the search text and an import's dedupe keys hold. */
export const fold = (s: string) => s.normalize('NFKC').toLowerCase()
// Field separator inside derived keys: sorts before any printable character, never in validated text.
const SEP = '\u0001'

/** A volume as fixed-width digits (volumes are 0.5 steps up to LIMITS.volume, so twice one is an integer
 * below 10^5); a book in a series without a volume sorts after its numbered ones. */
const volumeKey = (volume: number | undefined) => (volume === undefined ? '99999' : String(Math.round(volume * 2)).padStart(5, '0'))

type KeySource = Pick<BookDocument, '_id' | 'title' | 'authors' | 'isbn' | 'createdAt' | 'series' | 'volume'>

/** The series sort's key: series name, volume, title, id; absent for a book in no series. */
export function seriesKeyOf(book: Pick<KeySource, '_id' | 'title' | 'series' | 'volume'>): string | undefined {
  if (book.series === undefined) return undefined
  return [fold(book.series), volumeKey(book.volume), fold(book.title), book._id].join(SEP)
}

/** The keys derived from a book's fields: recomputed whenever title, authors, ISBN, series or volume
 * change. seriesKey is undefined for a book in no series (the caller removes a stale one). */
export function derivedKeys(book: KeySource) {
  const title = fold(book.title)
  const firstAuthor = fold(book.authors[0] ?? '')
  const isbnForms = book.isbn ? [book.isbn, toIsbn10(book.isbn) ?? ''] : []
  return {
    seriesKey: seriesKeyOf(book),
    // Zero-padded milliseconds sort as numbers do; newest first is a descending walk.
    addedKey: `${String(book.createdAt.getTime()).padStart(15, '0')}${SEP}${book._id}`,
    titleKey: `${title}${SEP}${book._id}`,
    authorKey: `${firstAuthor}${SEP}${title}${SEP}${book._id}`,
    searchText: [title, ...book.authors.map(fold), ...isbnForms].join(SEP),
  }
}

export interface NewBook {
  id: string
  openid: string
  metadata: BookMetadata
  source: MetadataSource
  reader?: Partial<ReaderFields>
  now: Date
}

/** Drops undefined, null and '' optional fields: absent is the one way to say "unknown". */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T
}

/** A new book's document: the contract's bibliographic and reader fields, picked by their lists (so no
 * other key of `metadata` or `reader` is stored), and the fields the function owns. Throws
 * INVALID_ARGUMENT when the reader fields disagree (domain/readerRules.ts). Adding a book never fills in
 * startedAt / finishedAt: a book added as 已读 may have been read years ago. */
export function buildBookDocument({ id, openid, metadata, source, reader = {}, now }: NewBook): BookDocument {
  const base = {
    ...compact(pickFields(metadata, BOOK_METADATA_FIELDS)),
    title: metadata.title,
    authors: metadata.authors,
    _id: id,
    _openid: openid,
    source,
    ...DEFAULT_READER_FIELDS,
    ...compact(pickFields(reader, READER_FIELDS)),
    // rating and progress null are meaningful ("unrated", "not started"): keep them whatever compact() did.
    rating: reader.rating ?? null,
    progress: reader.progress ?? null,
    loan: null,
    loans: [],
    lent: false,
    createdAt: now,
    updatedAt: now,
  }
  const givenDays = (['startedAt', 'finishedAt'] as const).filter((field) => base[field] !== undefined)
  assertReaderFieldsAgree(base, givenDays, latestPastDayOf(now))
  const { seriesKey, ...keys } = derivedKeys(base)
  return { ...base, ...keys, ...(seriesKey === undefined ? {} : { seriesKey }) }
}
