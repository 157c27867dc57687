// lendBook {id, borrower, lentAt?, dueDate?}: lends one of the caller's own books out; the book as it is now.
import { lendOwnBook } from '../domain/lending'
import { ownBook } from '../domain/policy'
import type { Action } from './types'

export const lendBook: Action<'lendBook'> = async (event, { openid, now }) =>
  ownBook(await lendOwnBook(openid, event.id, { borrower: event.borrower, lentAt: event.lentAt, dueDate: event.dueDate }, now))
