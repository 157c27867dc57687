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
