// listBooks {pageSize?, cursor?, q?, status?, tag?, sort?}: a page of the caller's own books.
import { pageOfBooks } from '../domain/books'
import { ownSummary } from '../domain/policy'
import type { Filter } from '../db/client'
import { LIMITS } from '../validation/fields'
import type { Action } from './types'

export const listBooks: Action<'listBooks'> = async (event, { openid }) => {
  const filter: Filter = { _openid: openid }
  if (event.status) filter.status = event.status
  if (event.tag) filter.tags = event.tag // array contains
  const page = await pageOfBooks(filter, {
    pageSize: event.pageSize ?? LIMITS.defaultPageSize,
    cursor: event.cursor,
    q: event.q,
    sort: event.sort ?? 'added',
  })
  return { items: page.items.map(ownSummary), nextCursor: page.nextCursor, total: page.total }
}
