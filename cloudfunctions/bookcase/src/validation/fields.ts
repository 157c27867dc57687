// Field schemas shared by the action schemas: every string and array is bounded, every object strict,
// so no client value can reach the database as anything but a plain, bounded scalar.
import { z } from 'zod'

export const LIMITS = {
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
  cursor: 2048,
  batchIsbns: 50,
  maxPageSize: 50,
  defaultPageSize: 20,
  /** listTags answers at most this many tags (the contract documents the cap). */
  tagList: 100,
  maxPageCount: 100_000,
} as const

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
/** One line of search text. */
export const query = text(LIMITS.query).refine((s) => !/[\r\n\t]/.test(s), 'one line only')

export const status = z.enum(['want', 'reading', 'read'])
export const rating = z.int().min(1).max(5).nullable()
export const tag = requiredText(LIMITS.tag)
export const tags = z.array(tag).max(LIMITS.tags).transform((list) => [...new Set(list)])
export const note = text(LIMITS.note)
export const isPrivate = z.boolean()
export const sort = z.enum(['added', 'title', 'author'])

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
    ...readerFields,
    title: requiredText(LIMITS.title).optional(),
    ...optionalBibliographic,
    pageCount: pageCount.nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'patch is empty')
