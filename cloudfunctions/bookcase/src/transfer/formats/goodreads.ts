// The Goodreads library export (My Books → Import and export). Header as of 2025:
// Book Id, Title, Author, Author l-f, Additional Authors, ISBN, ISBN13, My Rating, Average Rating,
// Publisher, Binding, Number of Pages, Year Published, Original Publication Year, Date Read, Date Added,
// Bookshelves, Bookshelves with positions, Exclusive Shelf, My Review, Spoiler, Private Notes,
// Read Count, Owned Copies. Newer exports drop Average Rating; columns are found by name.
import { joinedText, list, oneLine, positiveInteger, stars } from '../cells'
import { compact } from '../compact'
import { addedAt, day, publishedDate } from '../dates'
import type { ImportedBook } from '../importedBook'
import { firstIsbn, isbnCell } from '../isbnCell'
import { noTitle, type ImportFormatReader } from './format'
import { isTagShelf, shelfStatus } from './shelves'

/** Goodreads puts the series in the title: "Leviathan Wakes (The Expanse, #1)". */
const SERIES_IN_TITLE = /^(.+?)\s*\(([^()#]+?),?\s*#(\d+(?:\.\d+)?)\)$/

function splitSeries(title: string): Pick<ImportedBook, 'title' | 'series' | 'volume'> {
  const match = SERIES_IN_TITLE.exec(title)
  const volume = match ? Number(match[3]) : NaN
  // Our volumes are positive, in steps of 0.5; anything else stays part of the title.
  if (!match || !(volume > 0) || !Number.isInteger(volume * 2)) return { title }
  return { title: match[1], series: oneLine(match[2]), volume }
}

export const goodreads: ImportFormatReader = {
  format: 'goodreads',
  recognises: (columns) => columns.has('Book Id', 'Title', 'Exclusive Shelf'),
  read(cell) {
    const found = firstIsbn(isbnCell(cell('ISBN13')), isbnCell(cell('ISBN'), { isbn10: true }))
    if ('invalid' in found) return { skip: { reason: 'invalid_isbn', detail: found.invalid } }
    const title = oneLine(cell('Title'))
    if (!title && !found.isbn) return noTitle

    const exclusiveShelf = cell('Exclusive Shelf')
    const shelves = list(cell('Bookshelves'), ',')
    if (isTagShelf(exclusiveShelf) && !shelves.includes(oneLine(exclusiveShelf))) shelves.unshift(oneLine(exclusiveShelf))
    const book: ImportedBook = {
      isbn: found.isbn,
      ...(title ? splitSeries(title) : {}),
      authors: [...new Set([...list(cell('Author'), /\n/), ...list(cell('Additional Authors'), ',')])],
      publisher: oneLine(cell('Publisher')) || undefined,
      publishedDate: publishedDate(cell('Year Published')) ?? publishedDate(cell('Original Publication Year')),
      pageCount: positiveInteger(cell('Number of Pages')),
      status: shelfStatus(exclusiveShelf),
      rating: stars(cell('My Rating')),
      tags: shelves.filter(isTagShelf),
      note: joinedText(cell('My Review'), cell('Private Notes')) || undefined,
      // Owned Copies is 0 unless the reader used it, which says nothing about wanting the book.
      ownership: positiveInteger(cell('Owned Copies')) ? 'owned' : undefined,
      finishedAt: day(cell('Date Read')),
      addedAt: addedAt(cell('Date Added')),
    }
    return { book: compact(book) }
  },
}
