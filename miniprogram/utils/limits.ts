// Input bounds the function enforces, mirrored as every input's maxlength and as local checks so the
// reader is told before a call is wasted. Declared as the contract's FieldLimits (typings/limits.d.ts):
// a value that differs from the function's fails to compile here, as it does in the function's schemas.
import type { FieldLimits } from '../../typings/limits'

export const LIMITS: FieldLimits = {
  isbnInput: 32,
  title: 300,
  author: 100,
  authors: 20,
  publisher: 200,
  summary: 10000,
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
  maxPageCount: 100000,
  maxPageSize: 50,
  batchIsbns: 50,
  importRows: 10000,
  importBytes: 5242880,
  importFileName: 200,
}

/** maxlength of the inputs whose bound is not one field's limit: derived from LIMITS, never typed in. */
export const INPUT_MAXLENGTH = {
  /** Authors typed in one input: every author at full length and a separator between them. */
  authorList: LIMITS.authors * (LIMITS.author + 1) - 1,
  /** 2019, 2019-05 or 2019-05-01. */
  publishedDate: 'YYYY-MM-DD'.length,
  pageCount: String(LIMITS.maxPageCount).length,
  /** A page number (at most maxPageCount) or a percentage. */
  progress: String(LIMITS.maxPageCount).length,
  /** Volumes go in 0.5 steps: 9999.5. */
  volume: `${LIMITS.volume}.5`.length,
} as const
