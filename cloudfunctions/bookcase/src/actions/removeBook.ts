// removeBook {id}: removes the caller's own book, and its cover photo's file. The answer names the
// removed ISBN so the Mini Program's owned-ISBN set can drop it without re-reading the shelf.
import { findOwnBook, removeOwnBook } from '../domain/books'
import { discardCoverFiles } from '../domain/covers'
import { notFound } from '../errors'
import type { Action } from './types'

export const removeBook: Action<'removeBook'> = async (event, { openid }) => {
  const book = await findOwnBook(openid, event.id)
  if (!book || !(await removeOwnBook(openid, event.id))) throw notFound('no such book on your shelf')
  if (book.coverFileId) await discardCoverFiles([book.coverFileId])
  return book.isbn ? { id: event.id, isbn: book.isbn } : { id: event.id }
}
