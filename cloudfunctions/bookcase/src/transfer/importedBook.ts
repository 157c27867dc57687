// What a format makes of one data row (the contract between transfer/ and the import action).
import type { ImportFormat, ImportSkipReason, Loan, MetadataSource, Ownership, ReadingProgress, ReadingStatus } from '../../../../typings/api'

/** One data row of an import file, mapped to our fields by column NAME (never position). Values are
 * typed but NOT yet validated against the event limits: the action validates each with the same field
 * schemas as addBook/updateBook (validation/fields.ts) and skips the row with 'invalid_value' if not. */
export interface ImportedBook {
  /** As found (digits/X, Goodreads ="..." unwrapped, leading zeros kept), not checksummed. */
  isbn?: string
  /** Douban subject id from the /subject/(\d+)/ link. */
  doubanId?: string
  title?: string
  subtitle?: string
  authors: string[]
  publisher?: string
  /** YYYY, YYYY-MM or YYYY-MM-DD when the source allows, else omitted. */
  publishedDate?: string
  pageCount?: number
  coverUrl?: string
  summary?: string
  language?: string
  status?: ReadingStatus
  /** 1–5 whole stars; null when the file says unrated (see cells.ts `stars`). */
  rating?: number | null
  tags?: string[]
  /** Private notes, comments, reviews, as the format has them. */
  note?: string
  is_private?: boolean
  ownership?: Ownership
  series?: string
  volume?: number
  location?: string
  progress?: ReadingProgress | null
  /** YYYY-MM-DD. */
  startedAt?: string
  /** YYYY-MM-DD ("Date Read", "Last Date Read", completed, …). */
  finishedAt?: string
  /** YYYY-MM-DD or a full ISO timestamp. */
  addedAt?: string
  /** Bookcase format only. */
  loan?: Loan | null
  /** Bookcase format only. */
  loans?: Loan[]
  /** Bookcase format only (the action decides whether to keep it). */
  coverFileId?: string
  /** Bookcase format only: where the exported book's metadata came from. */
  source?: MetadataSource
}

export type RowOutcome = { book: ImportedBook } | { skip: { reason: ImportSkipReason; detail?: string } }

export type ImportRow = { row: number; sheet?: string } & RowOutcome

export interface ImportFile {
  format: ImportFormat
  /** Every data row in file order, blank rows dropped (not reported). */
  rows: ImportRow[]
}
