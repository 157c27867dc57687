// addBooks {isbns (≤ 50), status?, is_private?}: continuous scanning. Each ISBN gets its own outcome;
// the whole batch shares one lookup deadline so it answers within the function's timeout.
import type { AddBooksItem } from '../../../../typings/api'
import { addByIsbn } from '../domain/adding'
import { toIsbn13 } from '../domain/isbn'
import { lookupTimingsFromEnv } from '../domain/lookup'
import { ownSummary } from '../domain/policy'
import { AppError } from '../errors'
import type { Action } from './types'

/** Enough parallel lookups to finish a batch of cached ISBNs quickly without flooding a source. */
const CONCURRENCY = 4

export const addBooks: Action<'addBooks'> = async (event, { openid, now }) => {
  const deadlineAt = Date.now() + lookupTimingsFromEnv().deadlineMs
  const reader = { status: event.status, is_private: event.is_private }
  const results: AddBooksItem[] = new Array(event.isbns.length)

  // The same ISBN twice in one batch: the first occurrence adds it, later ones report it as a duplicate.
  const firstByIsbn = new Map<string, Promise<AddBooksItem>>()
  const addOne = async (isbn: string): Promise<AddBooksItem> => {
    const isbn13 = toIsbn13(isbn)
    if (!isbn13) return { isbn, outcome: 'invalid', error: { code: 'INVALID_ISBN', message: 'not a valid ISBN' } }
    const first = firstByIsbn.get(isbn13)
    if (first) {
      const earlier = await first
      return earlier.book ? { isbn, outcome: 'duplicate', book: earlier.book } : { ...earlier, isbn }
    }
    const attempt = addNew(isbn, isbn13)
    firstByIsbn.set(isbn13, attempt)
    return attempt
  }
  const addNew = async (isbn: string, isbn13: string): Promise<AddBooksItem> => {
    try {
      const added = await addByIsbn(openid, isbn13, reader, now, deadlineAt)
      return { isbn, outcome: added.duplicate ? 'duplicate' : 'added', book: ownSummary(added.book) }
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return { isbn, outcome: error.code === 'NOT_FOUND' ? 'not_found' : 'failed', error: error.toApiError() }
    }
  }

  let next = 0
  const worker = async () => {
    while (next < event.isbns.length) {
      const index = next++
      results[index] = await addOne(event.isbns[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, event.isbns.length) }, worker))
  return { results }
}
