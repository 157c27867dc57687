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
}

/** A book on the caller's own shelf. Dates are ISO 8601 strings. */
export interface Book extends BookMetadata, ReaderFields {
  id: string
  source: MetadataSource
  createdAt: string
  updatedAt: string
}

/** The fields a shelf list renders: small, so pages of 20 stay far under setData limits. */
export type BookSummary = Pick<
  Book,
  'id' | 'isbn' | 'title' | 'authors' | 'coverUrl' | 'status' | 'rating' | 'tags' | 'is_private' | 'createdAt'
>

/** A book as a friend sees it on a shared shelf: no note, no privacy flag, no owner. */
export type SharedBook = Omit<Book, 'note' | 'is_private' | 'updatedAt'>
export type SharedBookSummary = Omit<BookSummary, 'is_private'>

/** The reader's fields a new book may be given up front. */
export type ReaderFieldsInput = Partial<ReaderFields>

/** A book typed in by hand (no source knew it). */
export type ManualBookInput = Omit<BookMetadata, 'authors'> & { authors?: string[] }

/** Fields updateBook may change: the reader's own and the bibliographic ones (not the ISBN).
 * An optional text field set to '' (and pageCount set to null) is cleared. */
export type BookPatch = Partial<ReaderFields & Omit<BookMetadata, 'isbn' | 'pageCount'>> & { pageCount?: number | null }

export type ListSort = 'added' | 'title' | 'author'

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
    params: { pageSize?: number; cursor?: string; q?: string; status?: ReadingStatus; tag?: string; sort?: ListSort }
    result: BookList
  }
  getBook: { params: { id: string }; result: Book }
  updateBook: { params: { id: string; patch: BookPatch }; result: Book }
  removeBook: { params: { id: string }; result: { id: string } }
  getShelf: { params: Record<never, never>; result: Shelf }
  updateShelf: { params: { isPublic?: boolean; name?: string }; result: Shelf }
  rotateShareId: { params: Record<never, never>; result: Shelf }
  /** The caller's own distinct tags, most used first, then by name; at most 100 (the rest are the
   * least used). Owner only: a shared shelf has no tag list. */
  listTags: { params: Record<never, never>; result: { tags: TagCount[] } }
  viewSharedShelf: { params: { shareId: string; pageSize?: number; cursor?: string; q?: string }; result: SharedShelf }
  getSharedBook: { params: { shareId: string; id: string }; result: SharedBook }
}

export type ActionName = keyof Actions
export type ActionParams<A extends ActionName> = Actions[A]['params']
export type ActionData<A extends ActionName> = Actions[A]['result']

/** The event the function receives (the platform also injects `userInfo`, which is ignored). */
export type ApiRequest<A extends ActionName = ActionName> = { action: A } & ActionParams<A>

/** Name of the single routing cloud function. */
export type FunctionName = 'bookcase'
