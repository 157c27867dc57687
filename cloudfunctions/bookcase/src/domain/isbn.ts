// ISBN handling: every ISBN that enters the function goes through here and leaves as ISBN-13 digits.
// isbn3 does the real work (checksums, registration-group ranges, ISBN-10 → 13, 979 prefixes).
import { asIsbn10, parse } from 'isbn3'

/** Returns the ISBN-13 (digits only) for an ISBN-10 or -13 with optional hyphens, spaces, an `ISBN` label
 * and a lower-case `x` check digit, or null when it is not a valid ISBN. */
export function toIsbn13(input: string): string | null {
  const cleaned = input
    .trim()
    .replace(/^ISBN(?:-1[03])?:?\s*/i, '')
    .toUpperCase()
  // isbn3 accepts hyphens and spaces between digits; anything else is not an ISBN.
  if (!/^[0-9][0-9 -]*[0-9X]$/.test(cleaned)) return null
  const parsed = parse(cleaned)
  return parsed?.isValid && parsed.isbn13 ? parsed.isbn13 : null
}

/** Chinese mainland registration group (978-7): where the keyed Chinese sources are tried first. */
export const isChineseIsbn = (isbn13: string) => isbn13.startsWith('9787')

/** The ISBN-10 form, for sources that may only list that one (null for 979 ISBNs, which have none). */
export function toIsbn10(isbn13: string): string | null {
  return asIsbn10(isbn13) ?? null
}

/** True when a source's identifier (ISBN-10 or -13, any punctuation) names the same book. */
export function sameIsbn(isbn13: string, candidate: string | undefined | null): boolean {
  return typeof candidate === 'string' && toIsbn13(candidate) === isbn13
}
