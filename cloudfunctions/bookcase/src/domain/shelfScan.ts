// Reading a reader's whole shelf, for the actions that need every book (export, an import's dedupe
// keys): one indexed range walk (owner_added, newest first) per thousand books, each page projected to
// the fields the caller names, so the database sends no more than is used.
import { command, find } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'

/** Documents per query: the most the server SDK reads at once. */
const PAGE = 1000

export async function allOwnBooks<F extends keyof BookDocument>(openid: string, fields: readonly F[]): Promise<Pick<BookDocument, F | '_id'>[]> {
  const _ = command()
  const projection = Object.fromEntries([...fields, '_id', 'addedKey'].map((field) => [field, true as const]))
  const books: Pick<BookDocument, F | '_id' | 'addedKey'>[] = []
  for (;;) {
    const last = books[books.length - 1]
    const filter = last ? { _openid: openid, addedKey: _.lt(last.addedKey) } : { _openid: openid }
    const page = await find<Pick<BookDocument, F | '_id' | 'addedKey'>>(COLLECTIONS.books, filter, { orderBy: [['addedKey', 'desc']], limit: PAGE, fields: projection })
    books.push(...page)
    if (page.length < PAGE) return books
  }
}
