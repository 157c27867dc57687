// The Libib export (one CSV per library). Header (30 columns):
// item_type, title, creators, first_name, last_name, collection, ean_isbn13, upc_isbn10, description,
// publisher, publish_date, group, tags, notes, price, length, number_of_discs, number_of_players,
// age_group, ensemble, aspect_ratio, esrb, rating, review, review_date, status, began, completed,
// added, copies. A library may hold music, movies and games too: those rows are skipped as not_book.
// Not mapped: collection (the Libib library's own name), group (a free grouping whose use is not
// documented), price and the columns of other item types.
import type { ReadingStatus } from '../../../../../typings/api'
import { freeText, joinedText, list, oneLine, positiveInteger, stars } from '../cells'
import { compact } from '../compact'
import { addedAt, day, publishedDate } from '../dates'
import type { ImportedBook } from '../importedBook'
import { firstIsbn, isbnCell } from '../isbnCell'
import { noTitle, type ImportFormatReader } from './format'

/** Libib's status names are not documented; these are the ones its app shows, plus the obvious others.
 * Without a status, the began / completed dates decide. */
function readingStatus(status: string, began?: string, completed?: string): ReadingStatus | undefined {
  const value = status.trim().toLowerCase()
  if (/^(completed|finished|read|abandoned)$/.test(value)) return 'read'
  if (/^(in progress|reading|currently reading)$/.test(value)) return 'reading'
  if (/^(not begun|not started|to read|to-read|planned|want to read)$/.test(value)) return 'want'
  if (completed) return 'read'
  if (began) return 'reading'
  return undefined
}

export const libib: ImportFormatReader = {
  format: 'libib',
  recognises: (columns) => columns.has('item_type', 'title', 'ean_isbn13'),
  read(cell) {
    const itemType = oneLine(cell('item_type')).toLowerCase()
    if (itemType && itemType !== 'book') return { skip: { reason: 'not_book', detail: `item_type is ${itemType}` } }
    const found = firstIsbn(isbnCell(cell('ean_isbn13')), isbnCell(cell('upc_isbn10'), { isbn10: true }))
    if ('invalid' in found) return { skip: { reason: 'invalid_isbn', detail: found.invalid } }
    const title = oneLine(cell('title'))
    if (!title && !found.isbn) return noTitle

    const creators = list(cell('creators'), ',')
    const named = oneLine(`${cell('first_name')} ${cell('last_name')}`)
    const began = day(cell('began'))
    const completed = day(cell('completed'))
    const book: ImportedBook = {
      isbn: found.isbn,
      title: title || undefined,
      authors: creators.length > 0 ? creators : named ? [named] : [],
      publisher: oneLine(cell('publisher')) || undefined,
      publishedDate: publishedDate(cell('publish_date')),
      pageCount: positiveInteger(cell('length')),
      summary: freeText(cell('description')) || undefined,
      status: readingStatus(cell('status'), began, completed),
      rating: stars(cell('rating')),
      tags: list(cell('tags'), ','),
      note: joinedText(cell('review'), cell('notes')) || undefined,
      ownership: positiveInteger(cell('copies')) ? 'owned' : undefined,
      startedAt: began,
      finishedAt: completed,
      addedAt: addedAt(cell('added')),
    }
    return { book: compact(book) }
  },
}
