// lookup {isbn}: the book's metadata, where it came from and whether the cache answered.
import { parseIsbnOrThrow } from '../domain/adding'
import { lookupIsbn } from '../domain/lookup'
import type { Action } from './types'

export const lookup: Action<'lookup'> = async (event, { openid, now }) => {
  const answer = await lookupIsbn(parseIsbnOrThrow(event.isbn), openid, now)
  return { book: answer.book, source: answer.source, cached: answer.cached }
}
