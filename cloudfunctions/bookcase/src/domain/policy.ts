// The privacy policy, in one place: which books a shared shelf shows, and what every answer may
// contain. Each view is built from an explicit list of fields, so a field added to the documents later
// stays inside the function until someone lists it here. What a friend sees of each field is the
// README's "What friends see" table.
import type { Book, BookSummary, Loan, SharedBook, SharedBookSummary, Shelf } from '../../../../typings/api'
import type { BookDocument, ShelfDocument } from '../db/documents'
import { withDefaults } from './bookDocument'

const iso = (date: Date) => new Date(date).toISOString()

type Stored = ReturnType<typeof withDefaults<BookDocument>>

/** `fields` of `doc` that hold a value, copied; absent stays absent. */
function present<K extends keyof BookDocument>(doc: BookDocument, fields: readonly K[]): Partial<Pick<BookDocument, K>> {
  const out: Partial<Pick<BookDocument, K>> = {}
  for (const field of fields) if (doc[field] !== undefined && doc[field] !== null) out[field] = doc[field]
  return out
}

const METADATA = ['isbn', 'subtitle', 'publisher', 'publishedDate', 'pageCount', 'coverUrl', 'summary', 'language'] as const
/** The reader's fields a friend may see when set: which series and volume. */
const SHARED_OPTIONAL = ['series', 'volume'] as const
/** The fields only the owner sees when set (a cover photo's file id is the owner's storage; a friend gets
 * a temporary URL instead). */
const OWN_OPTIONAL = ['location', 'startedAt', 'finishedAt', 'coverFileId'] as const

const copyLoan = (loan: Loan): Loan => ({
  borrower: loan.borrower,
  lentAt: loan.lentAt,
  ...(loan.dueDate !== undefined ? { dueDate: loan.dueDate } : {}),
  ...(loan.returnedAt !== undefined ? { returnedAt: loan.returnedAt } : {}),
})

/** What the owner and a friend both see of a book: bibliographic data, the reading status, rating and
 * tags, ownership and series. */
function commonView(doc: Stored): Omit<SharedBook, 'lent'> {
  return {
    id: doc._id,
    title: doc.title,
    authors: [...doc.authors],
    ...present(doc, METADATA),
    source: doc.source,
    status: doc.status,
    rating: doc.rating ?? null,
    tags: [...(doc.tags ?? [])],
    ownership: doc.ownership,
    ...present(doc, SHARED_OPTIONAL),
    createdAt: iso(doc.createdAt),
  }
}

/** The owner's full view of their own book (everything but the OpenID and internal keys). */
export function ownBook(stored: BookDocument): Book {
  const doc = withDefaults(stored)
  return {
    ...commonView(doc),
    note: doc.note ?? '',
    is_private: doc.is_private,
    ...present(doc, OWN_OPTIONAL),
    progress: doc.progress ? { ...doc.progress } : null,
    loan: doc.loan ? copyLoan(doc.loan) : null,
    loans: doc.loans.map(copyLoan),
    updatedAt: iso(doc.updatedAt),
  }
}

/** The fields a list row needs, which is also what list queries project. */
export const SUMMARY_FIELDS = {
  _id: true,
  isbn: true,
  title: true,
  authors: true,
  coverUrl: true,
  coverFileId: true,
  status: true,
  rating: true,
  tags: true,
  is_private: true,
  ownership: true,
  series: true,
  volume: true,
  location: true,
  progress: true,
  pageCount: true,
  loan: true,
  createdAt: true,
  // the paging keys, read to build the next cursor
  addedKey: true,
  titleKey: true,
  authorKey: true,
  seriesKey: true,
} as const

/** A list row as both the owner and a friend see it. */
function commonSummary(doc: Stored): Omit<SharedBookSummary, 'lent'> {
  return {
    id: doc._id,
    ...present(doc, ['isbn', 'coverUrl', 'pageCount'] as const),
    title: doc.title,
    authors: [...doc.authors],
    status: doc.status,
    rating: doc.rating ?? null,
    tags: [...(doc.tags ?? [])],
    ownership: doc.ownership,
    ...present(doc, SHARED_OPTIONAL),
    createdAt: iso(doc.createdAt),
  }
}

export function ownSummary(stored: BookDocument): BookSummary {
  const doc = withDefaults(stored)
  return {
    ...commonSummary(doc),
    is_private: doc.is_private,
    ...present(doc, ['location', 'coverFileId'] as const),
    progress: doc.progress ? { ...doc.progress } : null,
    loan: doc.loan ? copyLoan(doc.loan) : null,
  }
}

/** A shelf's books are visible to others only while the shelf is public. */
export const isShelfShared = (shelf: ShelfDocument | null): shelf is ShelfDocument => shelf !== null && shelf.isPublic === true

/** The filter for the books a shared shelf may show: the owner's, and only those not private. */
export const sharedBooksFilter = (shelf: ShelfDocument) => ({ _openid: shelf._openid, is_private: false })

/** Whether one book may appear on its owner's shared shelf (checked again on every document read). */
const isSharable = (doc: BookDocument) => doc.is_private === false

/** Temporary URLs the function issued for one answer's photographed covers, by file id. */
export type CoverUrls = ReadonlyMap<string, string>

/** The photographed covers a friend may get a URL for: those of the sharable books among `docs` (a
 * private book's cover never gets one). */
export const sharedCoverFileIds = (docs: readonly BookDocument[]): string[] =>
  docs.flatMap((doc) => (isSharable(doc) && doc.coverFileId ? [doc.coverFileId] : []))

/** A friend sees a photographed cover as `coverUrl` (its temporary URL), in place of the looked-up one. */
function sharedCover(doc: BookDocument, coverUrls: CoverUrls): { coverUrl?: string } {
  const url = doc.coverFileId === undefined ? undefined : coverUrls.get(doc.coverFileId)
  return url === undefined ? {} : { coverUrl: url }
}

/** A friend's view of a book: that it is lent, never to whom; never the note, the privacy flag, the
 * location, the progress and its days, the update time, the cover's file id or any OpenID. */
export function sharedBook(stored: BookDocument, coverUrls: CoverUrls = new Map()): SharedBook | null {
  if (!isSharable(stored)) return null
  const doc = withDefaults(stored)
  return { ...commonView(doc), ...sharedCover(doc, coverUrls), lent: doc.lent }
}

export function sharedSummary(stored: BookDocument, coverUrls: CoverUrls = new Map()): SharedBookSummary | null {
  if (!isSharable(stored)) return null
  const doc = withDefaults(stored)
  return { ...commonSummary(doc), ...sharedCover(doc, coverUrls), lent: doc.lent }
}

export interface ShelfCounts {
  count: number
  publicCount: number
  lentCount: number
}

export function ownShelf(doc: ShelfDocument, counts: ShelfCounts): Shelf {
  return { shareId: doc.shareId, isPublic: doc.isPublic, name: doc.name, count: counts.count, publicCount: counts.publicCount, lentCount: counts.lentCount }
}
