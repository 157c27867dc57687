// Lending a book out (借出) and taking it back (已归还). A book has at most one loan now; returning moves it
// to the book's history, oldest first, keeping the last LIMITS.loanHistory. Each write is conditional on
// the state it was decided from, so two lends (or two returns) of one book racing each other cannot both
// succeed.
import type { Day, Loan } from '../../../../typings/api'
import { command, updateWhere, type Filter } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { invalidArgument, notFound } from '../errors'
import { LIMITS } from '../validation/fields'
import { withDefaults } from './bookDocument'
import { findOwnBook } from './books'
import { laterDay, latestPastDayOf, todayOf } from './days'

const BOOKS = COLLECTIONS.books

/** The reader's books lent out now. Books stored before lending existed have no `lent` and are not. */
export const lentBooksFilter = (openid: string): Filter => ({ _openid: openid, lent: true })

export interface LendRequest {
  borrower: string
  lentAt?: Day
  dueDate?: Day
}

// Loans are written with command().set: the SDK would write a plain object as dotted paths, merged into
// whatever the field held.

async function ownBookOrThrow(openid: string, id: string) {
  const book = await findOwnBook(openid, id)
  if (!book) throw notFound('no such book on your shelf')
  return withDefaults(book)
}

const WISHED_FOR = 'a book on the wish list is not yours to lend'

/** A conditional write that changed nothing: the book is gone, or its loan (or, for a lend, its
 * ownership) changed meanwhile. */
async function raced(openid: string, id: string, lending = false): Promise<never> {
  const book = await ownBookOrThrow(openid, id)
  if (lending && !book.lent && book.ownership === 'wanted') throw invalidArgument(WISHED_FOR)
  throw invalidArgument('the book was lent or returned meanwhile; reload it')
}

export async function lendOwnBook(openid: string, id: string, request: LendRequest, now: Date): Promise<BookDocument> {
  const lentAt = request.lentAt ?? todayOf(now)
  if (lentAt > latestPastDayOf(now)) throw invalidArgument('lentAt: in the future')
  if (request.dueDate !== undefined && request.dueDate < lentAt) throw invalidArgument('dueDate: before lentAt')
  const book = await ownBookOrThrow(openid, id)
  if (book.lent) throw invalidArgument('the book is lent out already; return it first')
  if (book.ownership === 'wanted') throw invalidArgument(WISHED_FOR)
  const loan: Loan = { borrower: request.borrower, lentAt, ...(request.dueDate !== undefined ? { dueDate: request.dueDate } : {}) }
  // Not lent and not wished for, as the checks above found it, even when an updateBook races this write.
  const unlentOwned = { _id: id, _openid: openid, lent: command().neq(true), ownership: command().neq('wanted') }
  const updated = await updateWhere(BOOKS, unlentOwned, { loan: command().set(loan), lent: true, updatedAt: now })
  if (updated === 0) return raced(openid, id, true)
  return { ...book, loan, lent: true, updatedAt: now }
}

export async function returnOwnBook(openid: string, id: string, returnedAt: Day | undefined, now: Date): Promise<BookDocument> {
  if (returnedAt !== undefined && returnedAt > latestPastDayOf(now)) throw invalidArgument('returnedAt: in the future')
  const book = await ownBookOrThrow(openid, id)
  const loan = book.loan
  if (!book.lent || !loan) throw invalidArgument('the book is not lent out')
  if (returnedAt !== undefined && returnedAt < loan.lentAt) throw invalidArgument('returnedAt: before lentAt')
  // A loan dated "tomorrow" by a reader east of China comes back no earlier than it went out.
  const returned: Loan = { ...loan, returnedAt: returnedAt ?? laterDay(todayOf(now), loan.lentAt) }
  const loans = [...book.loans, returned].slice(-LIMITS.loanHistory)
  const updated = await updateWhere(
    BOOKS,
    { _id: id, _openid: openid, lent: true, 'loan.borrower': loan.borrower, 'loan.lentAt': loan.lentAt },
    { loan: null, lent: false, loans: command().push({ each: [returned], slice: -LIMITS.loanHistory }), updatedAt: now },
  )
  if (updated === 0) return raced(openid, id)
  return { ...book, loan: null, lent: false, loans, updatedAt: now }
}
