// The rules a book's reader fields keep together, checked on every new book and every patch: what one
// field's schema cannot see because it depends on another field.
import type { Day } from '../../../../typings/api'
import type { BookDocument } from '../db/documents'
import { invalidArgument } from '../errors'

type Checked = Pick<BookDocument, 'series' | 'volume' | 'progress' | 'pageCount' | 'startedAt' | 'finishedAt' | 'ownership' | 'lent'>

/** Throws INVALID_ARGUMENT when the fields disagree. `explicitDays` are the day fields the caller gave
 * (a day the function filled in itself never makes a request fail); `latest` is the latest day allowed. */
export function assertReaderFieldsAgree(book: Checked, explicitDays: readonly ('startedAt' | 'finishedAt')[], latest: Day): void {
  if (book.volume !== undefined && book.series === undefined) throw invalidArgument('volume: a volume needs a series')
  const page = book.progress && 'page' in book.progress ? book.progress.page : undefined
  if (page !== undefined && book.pageCount !== undefined && page > book.pageCount) {
    throw invalidArgument("progress.page: beyond the book's pageCount")
  }
  for (const field of explicitDays) {
    const value = book[field]
    if (value !== undefined && value > latest) throw invalidArgument(`${field}: in the future`)
  }
  if (explicitDays.length > 0 && book.startedAt && book.finishedAt && book.finishedAt < book.startedAt) {
    throw invalidArgument('finishedAt: before startedAt')
  }
  // A lent book is in someone's hands, so it is owned: it goes on the wish list only once it is back.
  if (book.lent && book.ownership === 'wanted') throw invalidArgument("ownership: a lent book cannot be 'wanted'; return it first")
}
