// One import row → what to do with it: skip it (with the reason the contract names), look its ISBN up,
// or store it as it stands. Each value is validated with the same field schemas addBook and updateBook
// use (validation/fields.ts), so an import can store nothing a form could not. Pure: no database.
import { z } from 'zod'
import type { BookMetadata, ImportSkip, Loan, MetadataSource, ReaderFieldsInput } from '../../../../typings/api'
import { BOOK_METADATA_FIELDS, READER_FIELDS } from '../db/documents'
import { without } from '../db/fieldList'
import type { ImportedBook, ImportRow } from '../transfer/importFile'
import * as f from '../validation/fields'
import { DAY_MS } from './days'
import { toIsbn13 } from './isbn'

/** Where a stored row's cover photo, Douban id, dates and loans come from (the bookcase format and
 * Douban exports carry them; buildBookDocument does not take them). */
export interface RowExtras {
  doubanId?: string
  coverFileId?: string
  addedAt?: Date
  loan: Loan | null
  loans: Loan[]
}

export type RowPlan =
  | { kind: 'skip'; skip: ImportSkip }
  /** An ISBN and a title: stored as the file has it, deduplicated by ISBN. */
  | { kind: 'isbn'; row: number; sheet?: string; isbn13: string; metadata: BookMetadata; source: MetadataSource; reader: ReaderFieldsInput; extras: RowExtras }
  /** Only an ISBN: looked up (cache first), deduplicated by ISBN. */
  | { kind: 'lookup'; row: number; sheet?: string; isbn13: string; reader: ReaderFieldsInput; extras: RowExtras }
  /** No ISBN: a typed-in book, deduplicated by Douban id, then by title and first author. */
  | { kind: 'typed'; row: number; sheet?: string; metadata: BookMetadata; reader: ReaderFieldsInput; extras: RowExtras }

const loan = z.strictObject({ borrower: f.borrower, lentAt: f.day, dueDate: f.day.optional(), returnedAt: f.day.optional() })

/** An instant an export wrote, or a day: not before 1900, not after tomorrow. */
const addedAt = z
  .string()
  .max(40)
  .transform((s) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00+08:00` : s))
  .refine((d) => Number.isFinite(d.getTime()) && d.getUTCFullYear() >= f.LIMITS.minYear && d.getTime() <= Date.now() + DAY_MS, 'not a date')

const SOURCES = ['jisuapi', 'juhe', 'openlibrary', 'googlebooks', 'manual'] as const satisfies readonly MetadataSource[]

/** The row as the function accepts it: the event schemas' fields, and the import-only ones. Unknown keys a
 * format may add later are dropped, never stored. */
const rowSchema = z.object({
  isbn: f.isbnInput.optional(),
  title: f.requiredText(f.LIMITS.title).optional(),
  ...f.optionalBibliographic,
  ...f.readerFields,
  source: z.enum(SOURCES).optional(),
  doubanId: z.string().regex(/^\d{1,15}$/, 'expected digits').optional(),
  coverFileId: z.string().max(1200).optional(),
  addedAt: addedAt.optional(),
  loan: loan.nullable().optional(),
  loans: z.array(loan.required({ returnedAt: true })).max(f.LIMITS.loanHistory).optional(),
})

/** The bibliographic fields beside the ISBN, title and authors, which a row's plan handles itself. */
const METADATA_KEYS = without(BOOK_METADATA_FIELDS, 'isbn', 'title', 'authors')

/** What to do with one row. `forcePrivate`: startImport's option, which wins over the row's own flag. */
export function planRow(input: ImportRow, forcePrivate: boolean): RowPlan {
  const at = { row: input.row, ...(input.sheet === undefined ? {} : { sheet: input.sheet }) }
  if ('skip' in input) return { kind: 'skip', skip: { ...at, ...input.skip } }
  const parsed = rowSchema.safeParse(withoutEmpty(input.book))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return { kind: 'skip', skip: { ...at, reason: 'invalid_value', detail: `${issue.path.map(String).join('.') || 'row'}: ${issue.message}`.slice(0, 200) } }
  }
  const book = parsed.data
  const reader: ReaderFieldsInput = { ...given(book, READER_FIELDS), ...(forcePrivate ? { is_private: true } : {}) }
  const extras: RowExtras = {
    ...(book.doubanId === undefined ? {} : { doubanId: book.doubanId }),
    ...(book.coverFileId === undefined ? {} : { coverFileId: book.coverFileId }),
    ...(book.addedAt === undefined ? {} : { addedAt: book.addedAt }),
    loan: book.loan ?? null,
    loans: book.loans ?? [],
  }
  const isbn13 = book.isbn ? toIsbn13(book.isbn) : null
  if (book.isbn && !isbn13) return { kind: 'skip', skip: { ...at, reason: 'invalid_isbn', detail: `isbn: not a valid ISBN-10 or ISBN-13 (${book.isbn.slice(0, 32)})` } }
  if (!book.title) {
    return isbn13 ? { kind: 'lookup', ...at, isbn13, reader, extras } : { kind: 'skip', skip: { ...at, reason: 'no_title', detail: 'neither a title nor an ISBN' } }
  }
  const metadata: BookMetadata = { title: book.title, authors: book.authors ?? [], ...given(book, METADATA_KEYS) }
  if (isbn13) return { kind: 'isbn', ...at, isbn13, metadata: { ...metadata, isbn: isbn13 }, source: book.source ?? 'manual', reader, extras }
  return { kind: 'typed', ...at, metadata, reader, extras }
}

/** The listed fields of a parsed row that hold a value ('' is no value). */
function given<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.flatMap((key) => (row[key] === undefined || row[key] === '' ? [] : [[key, row[key]]]))) as Partial<Pick<T, K>>
}

/** A format's empty cells arrive as '' or undefined: both mean "not given". */
function withoutEmpty(book: ImportedBook): Record<string, unknown> {
  return Object.fromEntries(Object.entries(book).filter(([, value]) => value !== undefined && value !== ''))
}
