// The columns of our own export, declared once for both directions: the writers (exportFile.ts) write
// every column, and the 'bookcase' format (formats/bookcase.ts) reads back the ones marked `read`.
//
// The first columns are Goodreads' (names and value forms), so other apps that read a Goodreads export
// can read ours; the rest are our own fields, named as in typings/api.d.ts. Every field of a Book that
// an import can restore is in a column of its own with a lossless form: lists and structured values
// as JSON, flags as true/false, days as YYYY-MM-DD. The Goodreads columns that only restate one of ours
// in Goodreads' form (Author, Bookshelves, Date Read …) are written and never read.
import type { Book, Ownership, ReadingStatus } from '../../../../typings/api'
import { todayOf } from '../domain/days'
import { toIsbn10 } from '../domain/isbn'
import type { CellValue } from './exportCells'
import type { ImportedBook } from './importedBook'

export interface CellProblem {
  problem: string
}

export interface BookcaseColumn {
  header: string
  write(book: Book): CellValue
  /** The field(s) the cell restores ('' never reaches it), or what is wrong with it. */
  read?(cell: string): Partial<ImportedBook> | CellProblem
  /** An ISBN: written as Excel text ="…" in the CSV. */
  isbn?: true
}

const SHELF: Record<ReadingStatus, string> = { read: 'read', want: 'to-read', reading: 'currently-reading' }

/** Goodreads writes days as 2024/03/09. */
const slashed = (day: string | undefined) => (day ? day.replace(/-/g, '/') : null)

const json = (value: unknown) => JSON.stringify(value)


/** A column holding a JSON value; the action validates its shape. */
function jsonField<K extends 'authors' | 'tags' | 'progress' | 'loan' | 'loans'>(key: K): BookcaseColumn {
  return {
    header: key,
    write: (book) => json(book[key]),
    read(cell) {
      try {
        const restored: Partial<ImportedBook> = { [key]: JSON.parse(cell) as ImportedBook[K] }
        return restored
      } catch {
        return { problem: 'not JSON' }
      }
    },
  }
}

/** A text column restored as it stands. */
function textField<K extends 'title' | 'subtitle' | 'publisher' | 'publishedDate' | 'coverUrl' | 'summary' | 'language' | 'note' | 'series' | 'location' | 'startedAt' | 'finishedAt' | 'coverFileId'>(
  key: K,
  header: string = key,
): BookcaseColumn {
  return {
    header,
    write: (book) => book[key] ?? null,
    read: (cell) => ({ [key]: cell }),
  }
}

function numberField(key: 'pageCount' | 'volume', header: string = key): BookcaseColumn {
  return {
    header,
    write: (book) => book[key] ?? null,
    read(cell) {
      const value = Number(cell)
      const restored: Partial<ImportedBook> = { [key]: value }
      return Number.isFinite(value) ? restored : { problem: 'not a number' }
    },
  }
}

export const BOOKCASE_COLUMNS: readonly BookcaseColumn[] = [
  // Goodreads' columns.
  textField('title', 'Title'),
  { header: 'Author', write: (book) => book.authors[0] ?? null },
  { header: 'Additional Authors', write: (book) => book.authors.slice(1).join(', ') || null },
  { header: 'ISBN', isbn: true, write: (book) => (book.isbn && toIsbn10(book.isbn)) || null },
  {
    header: 'ISBN13',
    isbn: true,
    write: (book) => book.isbn ?? null,
    read: (cell) => ({ isbn: cell }),
  },
  {
    header: 'My Rating',
    // Goodreads' 0 is "unrated".
    write: (book) => book.rating ?? 0,
    read(cell) {
      const value = Number(cell)
      if (!Number.isFinite(value)) return { problem: 'not a number' }
      return { rating: value === 0 ? null : value }
    },
  },
  textField('publisher', 'Publisher'),
  numberField('pageCount', 'Number of Pages'),
  { header: 'Year Published', write: (book) => (book.publishedDate ? Number(book.publishedDate.slice(0, 4)) : null) },
  { header: 'Date Read', write: (book) => slashed(book.finishedAt) },
  { header: 'Date Added', write: (book) => slashed(todayOf(new Date(book.createdAt))) },
  { header: 'Bookshelves', write: (book) => [...(book.status === 'read' ? [] : [SHELF[book.status]]), ...book.tags].join(', ') || null },
  { header: 'Exclusive Shelf', write: (book) => SHELF[book.status] },
  textField('note', 'Private Notes'),
  { header: 'Owned Copies', write: (book) => (book.ownership === 'owned' ? 1 : 0) },
  // Ours.
  textField('subtitle'),
  jsonField('authors'),
  textField('publishedDate'),
  textField('coverUrl'),
  textField('summary'),
  textField('language'),
  {
    header: 'status',
    write: (book) => book.status,
    read: (cell) => ({ status: cell as ReadingStatus }),
  },
  jsonField('tags'),
  {
    header: 'is_private',
    write: (book) => String(book.is_private),
    read(cell) {
      const value = cell.trim().toLowerCase()
      return value === 'true' || value === 'false' ? { is_private: value === 'true' } : { problem: 'expected true or false' }
    },
  },
  {
    header: 'ownership',
    write: (book) => book.ownership,
    read: (cell) => ({ ownership: cell as Ownership }),
  },
  textField('series'),
  numberField('volume'),
  textField('location'),
  jsonField('progress'),
  textField('startedAt'),
  textField('finishedAt'),
  jsonField('loan'),
  jsonField('loans'),
  textField('coverFileId'),
  {
    header: 'source',
    write: (book) => book.source,
    read: (cell) => ({ source: cell as Book['source'] }),
  },
  {
    header: 'createdAt',
    write: (book) => book.createdAt,
    read: (cell) => ({ addedAt: cell }),
  },
]

/** Columns only our export has: a header with all of them is ours. */
export const BOOKCASE_SIGNATURE = ['status', 'is_private', 'ownership', 'createdAt'] as const
