// The StoryGraph export (Manage account → Export StoryGraph library). Header:
// Title, Authors, Contributors, ISBN/UID, Format, Read Status, Date Added, Last Date Read, Dates Read,
// Read Count, Moods, Pace, Character- or Plot-Driven?, Strong Character Development?, Loveable
// Characters?, Diverse Characters?, Flawed Characters?, Star Rating, Review, Content Warnings,
// Content Warning Description, Tags, Owned?
import { freeText, list, oneLine, stars, yesNo } from '../cells'
import { compact } from '../compact'
import { addedAt, day } from '../dates'
import type { ImportedBook } from '../importedBook'
import { isbnCell } from '../isbnCell'
import { noTitle, type ImportFormatReader } from './format'
import { isTagShelf, shelfStatus } from './shelves'

/** "2025/01/05-2025/01/09, 2023/03/01-2023/03/20": the reading sessions; the latest one counts. */
function latestSession(cell: string): { startedAt?: string; finishedAt?: string } {
  const sessions = cell
    .split(',')
    // "start-end", "start-" while still reading; a hyphen before a year (or at the end) splits.
    .map((session) => session.trim().split(/\s*-\s*(?=\d{4}|$)/))
    .map(([start, end]) => ({ startedAt: day(start ?? ''), finishedAt: day(end ?? '') }))
    .filter((session) => session.startedAt || session.finishedAt)
  const key = (s: { startedAt?: string; finishedAt?: string }) => s.finishedAt ?? s.startedAt ?? ''
  return sessions.reduce<{ startedAt?: string; finishedAt?: string }>((latest, s) => (key(s) > key(latest) ? s : latest), {})
}

export const storygraph: ImportFormatReader = {
  format: 'storygraph',
  recognises: (columns) => columns.has('Title', 'ISBN/UID', 'Read Status'),
  read(cell) {
    // ISBN/UID may be an ASIN or StoryGraph's own id: only digits (and X) are an ISBN to match on.
    const found = isbnCell(cell('ISBN/UID'))
    if ('invalid' in found) return { skip: { reason: 'invalid_isbn', detail: found.invalid } }
    const isbn = found.isbn && /^(\d{9}[\dX]|\d{13})$/.test(found.isbn) ? found.isbn : undefined
    const title = oneLine(cell('Title'))
    if (!title && !isbn) return noTitle

    const readStatus = cell('Read Status')
    const session = latestSession(cell('Dates Read'))
    const owned = yesNo(cell('Owned?'))
    const book: ImportedBook = {
      isbn,
      title: title || undefined,
      authors: list(cell('Authors'), ','),
      status: shelfStatus(readStatus),
      rating: stars(cell('Star Rating')),
      tags: [...(isTagShelf(readStatus) ? [oneLine(readStatus)] : []), ...list(cell('Tags'), ',')],
      note: freeText(cell('Review')) || undefined,
      ownership: owned ? 'owned' : undefined,
      startedAt: session.startedAt,
      finishedAt: day(cell('Last Date Read')) ?? session.finishedAt,
      addedAt: addedAt(cell('Date Added')),
    }
    return { book: compact(book) }
  },
}
