// viewSharedShelf {shareId, pageSize?, cursor?, q?}: a friend's view of a public shelf — its name,
// its public count and a page of its public books, photographed covers as temporary URLs. Anything else
// is NOT_FOUND.
import { pageOfBooks } from '../domain/bookPages'
import { countBooks } from '../domain/books'
import { sharedCoverUrls } from '../domain/covers'
import { sharedBooksFilter, sharedCoverFileIds, sharedSummary } from '../domain/policy'
import { findSharedShelf } from '../domain/shelves'
import { notFound } from '../errors'
import { LIMITS } from '../validation/fields'
import type { SharedBookSummary } from '../../../../typings/api'
import type { Action } from './types'

export const viewSharedShelf: Action<'viewSharedShelf'> = async (event) => {
  const shelf = await findSharedShelf(event.shareId)
  if (!shelf) throw notFound('no such shared shelf')
  const filter = sharedBooksFilter(shelf)
  const page = await pageOfBooks(filter, { pageSize: event.pageSize ?? LIMITS.defaultPageSize, cursor: event.cursor, q: event.q, sort: 'added' })
  // The query already excludes private books; the policy checks each one again on the way out.
  const coverUrls = await sharedCoverUrls(sharedCoverFileIds(page.items))
  const items = page.items.map((doc) => sharedSummary(doc, coverUrls)).filter((item): item is SharedBookSummary => item !== null)
  return { name: shelf.name, publicCount: event.q ? await countBooks(filter) : page.total, items, nextCursor: page.nextCursor }
}

