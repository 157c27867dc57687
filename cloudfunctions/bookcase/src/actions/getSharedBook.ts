// getSharedBook {shareId, id}: one public book of a public shelf. A private book, another shelf's book
// and a missing one all answer the same NOT_FOUND. A photographed cover comes as a temporary URL.
import { findOwnBook } from '../domain/books'
import { sharedCoverUrls } from '../domain/covers'
import { sharedBook, sharedCoverFileIds } from '../domain/policy'
import { findSharedShelf } from '../domain/shelves'
import { notFound } from '../errors'
import type { Action } from './types'

export const getSharedBook: Action<'getSharedBook'> = async (event) => {
  const shelf = await findSharedShelf(event.shareId)
  const book = shelf ? await findOwnBook(shelf._openid, event.id) : null
  const shared = book ? sharedBook(book, await sharedCoverUrls(sharedCoverFileIds([book]))) : null
  if (!shared) throw notFound('no such book on this shared shelf')
  return shared
}
