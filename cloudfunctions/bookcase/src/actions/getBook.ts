// getBook {id}: the caller's own book; another reader's id is simply not found.
import { findOwnBook } from '../domain/books'
import { ownBook } from '../domain/policy'
import { notFound } from '../errors'
import type { Action } from './types'

export const getBook: Action<'getBook'> = async (event, { openid }) => {
  const book = await findOwnBook(openid, event.id)
  if (!book) throw notFound('no such book on your shelf')
  return ownBook(book)
}
