// The contract between the Mini Program and the `bookcase` cloud function. Types only: both sides
// `import type` from here, so no runtime code crosses the boundary.
//
// Every call is wx.cloud.callFunction({ name: 'bookcase', data: { action, ...params } }) and every
// answer is an ApiResult.

/** The fixed set of error codes an answer can carry. */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_ISBN'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL'

export interface ApiError {
  code: ErrorCode
  /** English, for logs and developers; the Mini Program shows its own Chinese text per code. */
  message: string
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export type ReadingStatus = 'want' | 'reading' | 'read'

/** Whether the reader has the book (已拥有) or wants to buy it (想买, the wish list); apart from the reading
 * status, so 想读 no longer has to mean both. Books stored before the field existed count as 'owned'. */
export type Ownership = 'owned' | 'wanted'

/** A calendar day, YYYY-MM-DD, in the reader's own time zone (as the Mini Program sends it). */
export type Day = string

/** How far the reader has got: a page of the book's pageCount, or a percentage when pages do not fit
 * (an e-book). Exactly one of the two. */
export type ReadingProgress = { page: number } | { percent: number }

/** One lending of a book. Borrowers are free text: friends need not be users. Owner only. */
export interface Loan {
  borrower: string
  lentAt: Day
  dueDate?: Day
  /** Set by returnBook; a loan in `loans` (the history) always has it. */
  returnedAt?: Day
}

/** Where a book's metadata came from. */
export type MetadataSource = 'jisuapi' | 'juhe' | 'openlibrary' | 'googlebooks' | 'manual'

/** Bibliographic data, normalised from any source. */
export interface BookMetadata {
  /** ISBN-13, digits only. Absent for a typed-in book without one. */
  isbn?: string
  title: string
  subtitle?: string
  authors: string[]
  publisher?: string
  /** As the source gives it: "2019", "2019-05" or "2019-05-01". */
  publishedDate?: string
  pageCount?: number
  /** Always https. */
  coverUrl?: string
  summary?: string
  language?: string
}

/** What the reader adds to a book: only ever shown to its owner, except as SharedBook allows. */
export interface ReaderFields {
  status: ReadingStatus
  /** 1–5, or null when unrated. */
  rating: number | null
  tags: string[]
  note: string
  is_private: boolean
  ownership: Ownership
  /** 《三体》2: the series' name and the book's volume in it (a positive number, 0.5 steps allowed). */
  series?: string
  volume?: number
  /** Where the book stands at home (书房、客厅书柜 …), free text, suggested from the reader's own. */
  location?: string
  progress: ReadingProgress | null
  /** Set when the status becomes 'reading' / 'read' (if not set already); editable. */
  startedAt?: Day
  finishedAt?: Day
}

/** A book on the caller's own shelf. Dates are ISO 8601 strings. */
export interface Book extends BookMetadata, ReaderFields {
  id: string
  source: MetadataSource
  /** A cover photographed by the reader: a `cloud://` file id in the reader's own storage folder, usable
   * directly as an <image> src by its owner. Shown instead of `coverUrl` when set. */
  coverFileId?: string
  /** The book is lent out now: to whom, since when, until when. Owner only. */
  loan: Loan | null
  /** Earlier loans, oldest first, each with returnedAt. Owner only. */
  loans: Loan[]
  createdAt: string
  updatedAt: string
}

/** The fields a shelf list renders: small, so pages of 20 stay far under setData limits. */
export type BookSummary = Pick<
  Book,
  | 'id'
  | 'isbn'
  | 'title'
  | 'authors'
  | 'coverUrl'
  | 'coverFileId'
  | 'status'
  | 'rating'
  | 'tags'
  | 'is_private'
  | 'ownership'
  | 'series'
  | 'volume'
  | 'location'
  | 'progress'
  | 'pageCount'
  | 'loan'
  | 'createdAt'
>

/** What a friend may know of a loan: that the book is out, never to whom or since when. */
export interface SharedLoanState {
  lent: boolean
}

/** The fields a friend never sees: the note, the privacy flag, where the book stands at home, the reading
 * progress and its dates, every loan, and the owner's storage file id. A photographed cover reaches a friend
 * as `coverUrl`, a temporary URL the function issues for public books only. */
type OwnerOnly = 'note' | 'is_private' | 'location' | 'progress' | 'startedAt' | 'finishedAt' | 'loan' | 'loans' | 'coverFileId' | 'updatedAt'

/** A book as a friend sees it on a shared shelf. */
export type SharedBook = Omit<Book, OwnerOnly> & SharedLoanState
export type SharedBookSummary = Omit<BookSummary, OwnerOnly & keyof BookSummary> & SharedLoanState

/** The reader's fields a new book may be given up front. */
export type ReaderFieldsInput = Partial<ReaderFields>

/** A book typed in by hand (no source knew it). */
export type ManualBookInput = Omit<BookMetadata, 'authors'> & { authors?: string[] }

/** Fields updateBook may change: the reader's own and the bibliographic ones (not the ISBN, the cover
 * photo or the loans, which have their own actions). An optional text or day field set to '' (and
 * pageCount, volume or progress set to null) is cleared. */
export type BookPatch = Partial<Omit<ReaderFields, 'volume'> & Omit<BookMetadata, 'isbn' | 'pageCount'>> & {
  pageCount?: number | null
  volume?: number | null
}

/** 'series' groups a series' books together, by volume within it (books in no series last, by title). */
export type ListSort = 'added' | 'title' | 'author' | 'series'

/** The shelf's filters (listBooks); each narrows the list, all together narrow it further. */
export interface ListFilters {
  q?: string
  status?: ReadingStatus
  tag?: string
  ownership?: Ownership
  location?: string
  series?: string
  /** true: only books lent out now (借出中). */
  lent?: true
}

export interface LookupResult {
  book: BookMetadata & { isbn: string }
  source: Exclude<MetadataSource, 'manual'>
  cached: boolean
}

export interface AddBookResult {
  book: Book
  /** True when the ISBN was already on the shelf: `book` is the existing entry, nothing was added. */
  duplicate: boolean
}

export type AddBooksOutcome = 'added' | 'duplicate' | 'not_found' | 'invalid' | 'failed'

export interface AddBooksItem {
  /** The ISBN as sent. */
  isbn: string
  outcome: AddBooksOutcome
  book?: BookSummary
  error?: ApiError
}

export interface Page<T> {
  items: T[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

export interface BookList extends Page<BookSummary> {
  /** Books matching the filters (not just this page). */
  total: number
}

export interface Shelf {
  /** Opaque, URL-safe, at least 96 random bits; unrelated to the OpenID. */
  shareId: string
  isPublic: boolean
  name: string
  count: number
  publicCount: number
  /** Books lent out now. */
  lentCount: number
}

/** One of the caller's locations and how many of their books stand there. */
export interface LocationCount {
  location: string
  count: number
}

/** 读书报告: one reader's year, computed by aggregations (getStats). */
export interface ReadingReport {
  year: number
  /** Years in which the reader finished a book, newest first (for the year picker). */
  years: number[]
  /** Books finished in each month of `year`, January first: always 12 numbers. */
  finishedPerMonth: number[]
  finishedCount: number
  /** Sum of pageCount over the books finished in `year` (books without one count nothing). */
  pagesRead: number
  /** The whole shelf, whatever the year. */
  total: number
  byStatus: Record<ReadingStatus, number>
  byOwnership: Record<Ownership, number>
  /** Of the whole shelf: at most 10 each, most first, then by name. */
  topAuthors: { author: string; count: number }[]
  topTags: TagCount[]
  lentCount: number
}

/** The file formats importBooks understands, told apart by their header row. */
export type ImportFormat = 'goodreads' | 'libib' | 'storygraph' | 'douban-csv' | 'douban-xlsx' | 'bookcase'

/** Why an import row was skipped; the Mini Program shows its own Chinese text per reason. */
export type ImportSkipReason = 'no_title' | 'invalid_isbn' | 'invalid_value' | 'not_book' | 'failed'

export interface ImportSkip {
  /** The row as a spreadsheet shows it: the header is row 1 (of its sheet, for a workbook). */
  row: number
  sheet?: string
  reason: ImportSkipReason
  /** English detail for developers (which field, what was wrong). */
  detail?: string
}

/** Where an import stands. 'waiting': no file uploaded at the job's path yet. */
export interface ImportProgress {
  jobId: string
  state: 'waiting' | 'running' | 'done'
  format: ImportFormat | null
  /** Data rows in the file (0 until the file has been read). */
  total: number
  processed: number
  added: number
  /** Already on the shelf, or a repeat of an earlier row of the same file. */
  duplicates: number
  skippedCount: number
  /** The first 200 skipped rows. */
  skipped: ImportSkip[]
}

/** A file the function wrote to cloud storage for the caller. */
export interface ExportFile {
  fileID: string
  fileName: string
  /** A temporary download URL (wx.downloadFile), valid for `maxAge` seconds. */
  tempFileURL: string
  maxAge: number
  size: number
}

/** One of the caller's tags and how many of their books carry it. */
export interface TagCount {
  tag: string
  count: number
}

export interface SharedShelf extends Page<SharedBookSummary> {
  name: string
  publicCount: number
}

/** Each action's parameters and the `data` of its successful answer. */
export interface Actions {
  lookup: { params: { isbn: string }; result: LookupResult }
  addBook: {
    params: ({ isbn: string } | { book: ManualBookInput }) & ReaderFieldsInput
    result: AddBookResult
  }
  addBooks: {
    params: { isbns: string[] } & Pick<ReaderFieldsInput, 'status' | 'is_private'>
    result: { results: AddBooksItem[] }
  }
  listBooks: {
    params: { pageSize?: number; cursor?: string; sort?: ListSort } & ListFilters
    result: BookList
  }
  getBook: { params: { id: string }; result: Book }
  updateBook: { params: { id: string; patch: BookPatch }; result: Book }
  /** `isbn`: the removed book's ISBN-13 when it had one, so a client's set of owned ISBNs can drop
   * exactly that one instead of re-reading the shelf. */
  removeBook: { params: { id: string }; result: { id: string; isbn?: string } }
  getShelf: { params: Record<never, never>; result: Shelf }
  updateShelf: { params: { isPublic?: boolean; name?: string }; result: Shelf }
  rotateShareId: { params: Record<never, never>; result: Shelf }
  /** The caller's own distinct tags, most used first, then by name; at most 100 (the rest are the
   * least used). Owner only: a shared shelf has no tag list. */
  listTags: { params: Record<never, never>; result: { tags: TagCount[] } }
  viewSharedShelf: { params: { shareId: string; pageSize?: number; cursor?: string; q?: string }; result: SharedShelf }
  getSharedBook: { params: { shareId: string; id: string }; result: SharedBook }

  // Bringing a library in and out, and cover photos (cloud storage).
  /** Opens an import job and hands out the one storage path its file must be uploaded to. */
  startImport: { params: { fileName: string; is_private?: boolean }; result: { jobId: string; cloudPath: string } }
  /** Imports the next bounded slice of the job's file; call again until state is 'done'. */
  importBooks: { params: { jobId: string }; result: ImportProgress }
  /** Writes the whole shelf as CSV (UTF-8 with BOM, Goodreads columns plus ours) and as .xlsx. */
  exportBooks: { params: Record<never, never>; result: { count: number; csv: ExportFile; xlsx: ExportFile } }
  /** The storage path a new cover photo of one of the caller's books is to be uploaded to. */
  prepareCoverUpload: { params: { id: string; extension: 'jpg' | 'png' | 'webp' }; result: { cloudPath: string } }
  /** Sets (a file id from that path) or removes (null) a book's cover photo; the old file is deleted. */
  setCover: { params: { id: string; fileID: string | null }; result: Book }

  // The home library.
  lendBook: { params: { id: string; borrower: string; lentAt?: Day; dueDate?: Day }; result: Book }
  returnBook: { params: { id: string; returnedAt?: Day }; result: Book }
  /** The caller's distinct locations, most used first; at most 100. */
  listLocations: { params: Record<never, never>; result: { locations: LocationCount[] } }
  getStats: { params: { year: number }; result: ReadingReport }
}

export type ActionName = keyof Actions
export type ActionParams<A extends ActionName> = Actions[A]['params']
export type ActionData<A extends ActionName> = Actions[A]['result']

/** The event the function receives (the platform also injects `userInfo`, which is ignored). */
export type ApiRequest<A extends ActionName = ActionName> = { action: A } & ActionParams<A>

/** Name of the single routing cloud function. */
export type FunctionName = 'bookcase'
