// What an import deduplicates against: the keys of every book on the reader's shelf, read once per job
// in a warm instance (domain/shelfScan.ts) and grown by the books each slice adds. A book with an ISBN
// is one per reader (its id is derived from the ISBN, as addBook stores it); a book without one is known
// by its Douban subject id, else by its title and first author.
import type { BookMetadata } from '../../../../typings/api'
import type { BookDocument } from '../db/documents'
import { fold } from './bookDocument'
import { allOwnBooks } from './shelfScan'

export interface ShelfKeys {
  isbns: Set<string>
  doubanIds: Set<string>
  /** typedKey of every book, with an ISBN or not: a typed-in row matches either. */
  titleAuthors: Set<string>
}

/** Title and first author, case- and width-folded. */
export const typedKey = (book: Pick<BookMetadata, 'title' | 'authors'>) => `${fold(book.title)}\u0001${fold(book.authors?.[0] ?? '')}`

type KeyFields = Pick<BookDocument, 'isbn' | 'doubanId' | 'title' | 'authors'>

export function addShelfKeys(keys: ShelfKeys, book: KeyFields): void {
  if (book.isbn) keys.isbns.add(book.isbn)
  if (book.doubanId) keys.doubanIds.add(book.doubanId)
  keys.titleAuthors.add(typedKey(book))
}

export async function loadShelfKeys(openid: string): Promise<ShelfKeys> {
  const keys: ShelfKeys = { isbns: new Set(), doubanIds: new Set(), titleAuthors: new Set() }
  for (const book of await allOwnBooks(openid, ['isbn', 'doubanId', 'title', 'authors'])) addShelfKeys(keys, book)
  return keys
}
