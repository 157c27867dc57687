// removeBook {id}: removes the caller's own book.
import { removeOwnBook } from '../domain/books'
import { notFound } from '../errors'
import type { Action } from './types'

export const removeBook: Action<'removeBook'> = async (event, { openid }) => {
  if (!(await removeOwnBook(openid, event.id))) throw notFound('no such book on your shelf')
  return { id: event.id }
}
