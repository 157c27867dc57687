// Paging cursors: opaque to the client, strictly decoded here. A cursor only says "continue after this
// key in this sort order"; the filter (whose shelf, which books) is always rebuilt from the caller's
// identity and validated parameters, so a forged cursor can at worst skip books the caller may see.
import { z } from 'zod'
import type { ListSort } from '../../../../typings/api'
import { AppError } from '../errors'
import { sort } from '../validation/fields'

const payload = z.strictObject({
  v: z.literal(1),
  s: sort,
  k: z.string().min(1).max(1200),
})

export function encodeCursor(sort: ListSort, key: string): string {
  return Buffer.from(JSON.stringify({ v: 1, s: sort, k: key }), 'utf8').toString('base64url')
}

/** The key to continue after; INVALID_ARGUMENT for anything this module did not produce for `sort`. */
export function decodeCursor(cursor: string, sort: ListSort): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'malformed cursor')
  }
  const result = payload.safeParse(parsed)
  if (!result.success || result.data.s !== sort) throw new AppError('INVALID_ARGUMENT', 'malformed cursor')
  return result.data.k
}
