// Adding books: by ISBN (looked up) or typed in. A book with an ISBN gets the id derived from
// (reader, ISBN), so adding it again — even concurrently — finds the existing book instead.
import type { ManualBookInput, ReaderFieldsInput } from '../../../../typings/api'
import type { BookDocument } from '../db/documents'
import { AppError } from '../errors'
import { bookIdFor, buildBookDocument, randomBookId } from './bookDocument'
import { addBookDocument, findOwnBook } from './books'
import { toIsbn13 } from './isbn'
import { lookupIsbn } from './lookup'

export interface Added {
  book: BookDocument
  duplicate: boolean
}

export function parseIsbnOrThrow(input: string): string {
  const isbn13 = toIsbn13(input)
  if (!isbn13) throw new AppError('INVALID_ISBN', 'not a valid ISBN-10 or ISBN-13')
  return isbn13
}

/** Looks the ISBN up (unless the reader already has it) and stores the book. */
export async function addByIsbn(openid: string, isbn13: string, reader: ReaderFieldsInput, now: Date, deadlineAt?: number): Promise<Added> {
  const id = bookIdFor(openid, isbn13)
  const existing = await findOwnBook(openid, id)
  if (existing) return { book: existing, duplicate: true }
  const found = await lookupIsbn(isbn13, openid, now, deadlineAt)
  return addBookDocument(buildBookDocument({ id, openid, metadata: found.book, source: found.source, reader, now }))
}

/** Stores a typed-in book; with an ISBN it is deduplicated like a looked-up one. */
export async function addManual(openid: string, input: ManualBookInput, reader: ReaderFieldsInput, now: Date): Promise<Added> {
  const isbn13 = input.isbn ? parseIsbnOrThrow(input.isbn) : undefined
  const metadata = { ...input, authors: input.authors ?? [], isbn: isbn13 }
  const id = isbn13 ? bookIdFor(openid, isbn13) : randomBookId()
  return addBookDocument(buildBookDocument({ id, openid, metadata, source: 'manual', reader, now }))
}
