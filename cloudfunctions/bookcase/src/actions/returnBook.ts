// returnBook {id, returnedAt?}: the caller's lent book is back; its loan joins the history.
import { returnOwnBook } from '../domain/lending'
import { ownBook } from '../domain/policy'
import type { Action } from './types'

export const returnBook: Action<'returnBook'> = async (event, { openid, now }) => ownBook(await returnOwnBook(openid, event.id, event.returnedAt, now))
