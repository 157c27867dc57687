// addBook {isbn | book, ...reader fields}: the stored book, or the existing one with duplicate: true.
import { READER_FIELDS } from '../db/documents'
import { pickFields } from '../db/fieldList'
import { addByIsbn, addManual, parseIsbnOrThrow } from '../domain/adding'
import { ownBook } from '../domain/policy'
import type { Action } from './types'

export const addBook: Action<'addBook'> = async (event, { openid, now }) => {
  const { isbn, book } = event
  // By list, not "the rest of the event": the rest also holds `action`.
  const reader = pickFields(event, READER_FIELDS)
  const added = book ? await addManual(openid, book, reader, now) : await addByIsbn(openid, parseIsbnOrThrow(isbn!), reader, now)
  return { book: ownBook(added.book), duplicate: added.duplicate }
}
