// removeBook {id}: removes the caller's own book, and its cover photo's file.
import { findOwnBook, removeOwnBook } from '../domain/books'
import { discardCoverFiles } from '../domain/covers'
import { notFound } from '../errors'
import type { Action } from './types'

export const removeBook: Action<'removeBook'> = async (event, { openid }) => {
  const book = await findOwnBook(openid, event.id)
  if (!book || !(await removeOwnBook(openid, event.id))) throw notFound('no such book on your shelf')
  if (book.coverFileId) await discardCoverFiles([book.coverFileId])
  return { id: event.id }
}
