// Field schemas shared by the action schemas: every string and array is bounded, every object strict,
// so no client value can reach the database as anything but a plain, bounded scalar.
import { z } from 'zod'
import type { FieldLimits } from '../../../../typings/limits'

/** Function-only bounds, beside the contract's (typings/limits.d.ts). */
interface FunctionLimits {
  readonly cursor: 2048
  readonly defaultPageSize: 20
  /** listTags answers at most this many tags (the contract documents the cap). */
  readonly tagList: 100
  /** listLocations answers at most this many locations (the contract documents the cap). */
  readonly locationList: 100
  /** getStats lists at most this many authors and tags. */
  readonly topList: 10
  /** The years getStats accepts, and the years a Day may fall in. */
  readonly minYear: 1900
  readonly maxYear: 2100
}

// Declared as the contract's literal types: a value that differs from typings/limits.d.ts fails to compile.
export const LIMITS: FieldLimits & FunctionLimits = {
  isbnInput: 32,
  title: 300,
  author: 100,
  authors: 20,
  publisher: 200,
  summary: 10_000,
  language: 35,
  coverUrl: 1000,
  tag: 30,
  tags: 20,
  note: 5000,
  shelfName: 40,
  query: 100,
  series: 100,
  volume: 9999,
  location: 40,
  borrower: 40,
  loanHistory: 50,
  maxPageCount: 100_000,
  maxPageSize: 50,
  batchIsbns: 50,
  importRows: 10_000,
  importBytes: 5_242_880,
  importFileName: 200,
  cursor: 2048,
  defaultPageSize: 20,
  tagList: 100,
  locationList: 100,
  topList: 10,
  minYear: 1900,
  maxYear: 2100,
}

/** Trimmed text with no control characters. */
export const text = (max: number) =>
  z
    .string()
    .max(max * 2) // bound the raw input before trimming, too
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed')

export const requiredText = (max: number) => text(max).pipe(z.string().min(1))

export const isbnInput = z.string().max(LIMITS.isbnInput)

/** Book ids and share ids are URL-safe tokens; nothing else ever reaches a query as an id. */
export const bookId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'malformed id')
export const shareId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'malformed share id')
export const cursor = z.string().max(LIMITS.cursor).regex(/^[A-Za-z0-9_-]+$/, 'malformed cursor')
export const pageSize = z.int().min(1).max(LIMITS.maxPageSize)
/** Text that must stay on one line (a search, a name, a place). */
export const line = (max: number) => text(max).refine((s) => !/[\r\n\t]/.test(s), 'one line only')
export const requiredLine = (max: number) => line(max).pipe(z.string().min(1))

/** One line of search text. */
export const query = line(LIMITS.query)

export const status = z.enum(['want', 'reading', 'read'])
export const rating = z.int().min(1).max(5).nullable()
export const tag = requiredText(LIMITS.tag)
export const tags = z.array(tag).max(LIMITS.tags).transform((list) => [...new Set(list)])
export const note = text(LIMITS.note)
export const isPrivate = z.boolean()
export const sort = z.enum(['added', 'title', 'author', 'series'])
export const ownership = z.enum(['owned', 'wanted'])
export const series = requiredLine(LIMITS.series)
/** A volume in a series: positive, at most LIMITS.volume, in steps of 0.5 (an interlude volume 2.5). */
export const volume = z
  .number()
  .positive()
  .max(LIMITS.volume)
  .refine((v) => Number.isInteger(v * 2), 'volumes go in steps of 0.5')
export const location = requiredLine(LIMITS.location)
export const borrower = requiredLine(LIMITS.borrower)
export const year = z.int().min(LIMITS.minYear).max(LIMITS.maxYear)

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30) and falls within the years `year` allows. */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number)
    const date = new Date(Date.UTC(y, m - 1, d))
    return y >= LIMITS.minYear && y <= LIMITS.maxYear && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  }, 'not a calendar day')

/** How far the reader has got: exactly one of a page or a percentage. */
export const progress = z.union([
  z.strictObject({ page: z.int().min(0).max(LIMITS.maxPageCount) }),
  z.strictObject({ percent: z.number().min(0).max(100) }),
])

export const authors = z.array(requiredText(LIMITS.author)).max(LIMITS.authors)
export const publishedDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
export const pageCount = z.int().min(1).max(LIMITS.maxPageCount)
export const coverUrl = z
  .string()
  .max(LIMITS.coverUrl)
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:'
    } catch {
      return false
    }
  }, 'expected an https URL')

/** The reader's own fields, as addBook accepts them beside `isbn` / `book`. */
export const readerFields = {
  status: status.optional(),
  rating: rating.optional(),
  tags: tags.optional(),
  note: note.optional(),
  is_private: isPrivate.optional(),
  ownership: ownership.optional(),
  series: series.optional(),
  volume: volume.optional(),
  location: location.optional(),
  progress: progress.nullable().optional(),
  startedAt: day.optional(),
  finishedAt: day.optional(),
}

/** The reader's fields as a patch changes them: '' clears a text or day field, null clears volume and
 * progress (and "unrated" for rating). */
const readerPatch = {
  ...readerFields,
  series: line(LIMITS.series).optional(),
  volume: volume.nullable().optional(),
  location: line(LIMITS.location).optional(),
  startedAt: z.union([day, z.literal('')]).optional(),
  finishedAt: z.union([day, z.literal('')]).optional(),
}

/** listBooks' filters (typings/api.d.ts ListFilters), each a plain scalar. */
export const listFilters = {
  q: query.optional(),
  status: status.optional(),
  tag: tag.optional(),
  ownership: ownership.optional(),
  location: location.optional(),
  series: series.optional(),
  lent: z.literal(true).optional(),
}

/** Optional bibliographic fields; '' clears a field in a patch. */
export const optionalBibliographic = {
  subtitle: text(LIMITS.title).optional(),
  authors: authors.optional(),
  publisher: text(LIMITS.publisher).optional(),
  publishedDate: z.union([publishedDate, z.literal('')]).optional(),
  pageCount: pageCount.optional(),
  coverUrl: z.union([coverUrl, z.literal('')]).optional(),
  summary: text(LIMITS.summary).optional(),
  language: text(LIMITS.language).optional(),
}

/** A book typed in by hand. */
export const manualBook = z.strictObject({
  isbn: isbnInput.optional(),
  title: requiredText(LIMITS.title),
  ...optionalBibliographic,
})

/** What updateBook may change: the reader's fields and the bibliographic ones, never the ISBN. */
export const bookPatch = z
  .strictObject({
    ...readerPatch,
    title: requiredText(LIMITS.title).optional(),
    ...optionalBibliographic,
    pageCount: pageCount.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'patch is empty')

/** An import file's name as the reader's chat shows it: one line (its extension is checked by the import). */
export const importFileName = requiredLine(LIMITS.importFileName)
export const jobId = z.string().regex(/^j[A-Za-z0-9_-]{10,40}$/, 'malformed job id')
export const coverExtension = z.enum(['jpg', 'png', 'webp'])
/** A cloud file id (`cloud://<env>.<bucket>/<path>`); which paths are acceptable is the action's check. */
export const fileId = z.string().max(1200).regex(/^cloud:\/\/[\x21-\x7e]+$/, 'expected a cloud:// file id')
