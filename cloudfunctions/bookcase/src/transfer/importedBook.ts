// What a format makes of one data row (the contract between transfer/ and the import action).
import type { Book, ImportFormat, ImportSkipReason } from '../../../../typings/api'

/** One data row of an import file, mapped to our fields by column NAME (never position): the contract's
 * book fields (typings/api.d.ts Book, less what the function assigns), plus what an import matches and
 * dates by. Values are typed but NOT yet validated against the event limits: the action validates each
 * with the same field schemas as addBook/updateBook (validation/fields.ts) and skips the row with
 * 'invalid_value' if not. As the formats fill them in: `isbn` as found (digits/X, Goodreads ="..."
 * unwrapped, leading zeros kept), not checksummed; `publishedDate` YYYY, YYYY-MM or YYYY-MM-DD when the
 * source allows, else omitted; `rating` 1–5 whole stars, null when the file says unrated (cells.ts
 * `stars`); `note` the private notes, comments or reviews the format has; `finishedAt` from "Date Read",
 * "Last Date Read", completed, …; `loan`, `loans`, `coverFileId` and `source` from the Bookcase format only
 * (the action decides whether to keep a cover). */
export type ImportedBook = Partial<Omit<Book, 'id' | 'authors' | 'createdAt' | 'updatedAt'>> & {
  authors: string[]
  /** Douban subject id from the /subject/(\d+)/ link. */
  doubanId?: string
  /** "Date Added", 创建时间, added: YYYY-MM-DD or a full ISO timestamp. */
  addedAt?: string
}

export type RowOutcome = { book: ImportedBook } | { skip: { reason: ImportSkipReason; detail?: string } }

export type ImportRow = { row: number; sheet?: string } & RowOutcome

export interface ImportFile {
  format: ImportFormat
  /** Every data row in file order, blank rows dropped (not reported). */
  rows: ImportRow[]
}
