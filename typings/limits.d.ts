// The input bounds of the contract, as literal types. The function validates against them
// (cloudfunctions/bookcase/src/validation/fields.ts) and the Mini Program sets every input's maxlength
// from them (miniprogram/utils/limits.ts); each side declares its values as `FieldLimits`, so a value
// that differs from this list fails to compile on that side. Types only: nothing here is runtime code.

export interface FieldLimits {
  readonly isbnInput: 32
  readonly title: 300
  readonly author: 100
  readonly authors: 20
  readonly publisher: 200
  readonly summary: 10000
  readonly language: 35
  readonly coverUrl: 1000
  readonly tag: 30
  readonly tags: 20
  readonly note: 5000
  readonly shelfName: 40
  readonly query: 100
  readonly series: 100
  /** Volumes are positive numbers up to this. */
  readonly volume: 9999
  readonly location: 40
  readonly borrower: 40
  /** Loans kept in a book's history; the oldest are dropped beyond it. */
  readonly loanHistory: 50
  readonly maxPageCount: 100000
  readonly maxPageSize: 50
  readonly batchIsbns: 50
  /** An import file: at most this many data rows and bytes. */
  readonly importRows: 10000
  readonly importBytes: 5242880
  readonly importFileName: 200
}
