// updateBook {id, patch}: changes the caller's own book and answers with the result.
import { updateOwnBook } from '../domain/books'
import { ownBook } from '../domain/policy'
import { notFound } from '../errors'
import type { Action } from './types'

export const updateBook: Action<'updateBook'> = async (event, { openid, now }) => {
  const book = await updateOwnBook(openid, event.id, event.patch, now)
  if (!book) throw notFound('no such book on your shelf')
  return ownBook(book)
}
