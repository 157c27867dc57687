// The privacy policy, in one place: which books a shared shelf shows, and what every answer may
// contain. Each view is built from an explicit list of fields, so a field added to the documents later
// stays inside the function until someone lists it here.
import type { Book, BookSummary, SharedBook, SharedBookSummary, Shelf } from '../../../../typings/api'
import type { BookDocument, ShelfDocument } from '../db/documents'

const iso = (date: Date) => new Date(date).toISOString()

/** Bibliographic fields, copied only when present. */
function metadataOf(doc: BookDocument) {
  const out: Partial<Book> = {}
  if (doc.isbn !== undefined) out.isbn = doc.isbn
  if (doc.subtitle !== undefined) out.subtitle = doc.subtitle
  if (doc.publisher !== undefined) out.publisher = doc.publisher
  if (doc.publishedDate !== undefined) out.publishedDate = doc.publishedDate
  if (doc.pageCount !== undefined) out.pageCount = doc.pageCount
  if (doc.coverUrl !== undefined) out.coverUrl = doc.coverUrl
  if (doc.summary !== undefined) out.summary = doc.summary
  if (doc.language !== undefined) out.language = doc.language
  return out
}

/** What the owner and a friend both see of a book: bibliographic data and the reading status. */
function bookView(doc: BookDocument): SharedBook {
  return {
    id: doc._id,
    title: doc.title,
    authors: [...doc.authors],
    ...metadataOf(doc),
    source: doc.source,
    status: doc.status,
    rating: doc.rating ?? null,
    tags: [...(doc.tags ?? [])],
    createdAt: iso(doc.createdAt),
  }
}

/** The owner's full view of their own book (everything but the OpenID and internal keys). */
export function ownBook(doc: BookDocument): Book {
  return { ...bookView(doc), note: doc.note ?? '', is_private: doc.is_private, updatedAt: iso(doc.updatedAt) }
}

/** The fields a list row needs, which is also what list queries project. */
export const SUMMARY_FIELDS = {
  _id: true,
  isbn: true,
  title: true,
  authors: true,
  coverUrl: true,
  status: true,
  rating: true,
  tags: true,
  is_private: true,
  createdAt: true,
  // the paging keys, read to build the next cursor
  addedKey: true,
  titleKey: true,
  authorKey: true,
} as const

export function ownSummary(doc: BookDocument): BookSummary {
  const out: BookSummary = {
    id: doc._id,
    title: doc.title,
    authors: [...doc.authors],
    status: doc.status,
    rating: doc.rating ?? null,
    tags: [...(doc.tags ?? [])],
    is_private: doc.is_private,
    createdAt: iso(doc.createdAt),
  }
  if (doc.isbn !== undefined) out.isbn = doc.isbn
  if (doc.coverUrl !== undefined) out.coverUrl = doc.coverUrl
  return out
}

/** A shelf's books are visible to others only while the shelf is public. */
export const isShelfShared = (shelf: ShelfDocument | null): shelf is ShelfDocument => shelf !== null && shelf.isPublic === true

/** The filter for the books a shared shelf may show: the owner's, and only those not private. */
export const sharedBooksFilter = (shelf: ShelfDocument) => ({ _openid: shelf._openid, is_private: false })

/** Whether one book may appear on its owner's shared shelf (checked again on every document read). */
const isSharable = (doc: BookDocument) => doc.is_private === false

/** A friend's view of a book: never the note, the privacy flag, the update time or any OpenID. */
export function sharedBook(doc: BookDocument): SharedBook | null {
  return isSharable(doc) ? bookView(doc) : null
}

export function sharedSummary(doc: BookDocument): SharedBookSummary | null {
  if (!isSharable(doc)) return null
  const { is_private: _dropped, ...summary } = ownSummary(doc)
  return summary
}

export function ownShelf(doc: ShelfDocument, count: number, publicCount: number): Shelf {
  return { shareId: doc.shareId, isPublic: doc.isPublic, name: doc.name, count, publicCount }
}
