// listBooks {pageSize?, cursor?, sort?, q?, status?, tag?, ownership?, location?, series?, lent?}: a page
// of the caller's own books; every filter given narrows it.
import { pageOfBooks } from '../domain/bookPages'
import { shelfFilter } from '../domain/shelfFilter'
import { ownSummary } from '../domain/policy'
import { LIMITS } from '../validation/fields'
import type { Action } from './types'

export const listBooks: Action<'listBooks'> = async (event, { openid }) => {
  const page = await pageOfBooks(shelfFilter(openid, event), {
    pageSize: event.pageSize ?? LIMITS.defaultPageSize,
    cursor: event.cursor,
    q: event.q,
    sort: event.sort ?? 'added',
  })
  return { items: page.items.map(ownSummary), nextCursor: page.nextCursor, total: page.total }
}
