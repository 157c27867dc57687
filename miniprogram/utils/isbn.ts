// A small client-side ISBN check so an obviously wrong number never costs a call. The cloud function
// (isbn3) stays the authority: it also converts ISBN-10 to ISBN-13 and knows the ranges.

/** Digits (and a final X for ISBN-10) with spaces and hyphens removed, or null when invalid. */
export function cleanIsbn(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toUpperCase()
  if (/^\d{9}[\dX]$/.test(compact)) return isbn10Valid(compact) ? compact : null
  if (/^97[89]\d{10}$/.test(compact)) return isbn13Valid(compact) ? compact : null
  return null
}

function isbn10Valid(isbn: string): boolean {
  let sum = 0
  for (let i = 0; i < 10; i++) {
    const digit = isbn[i] === 'X' ? 10 : Number(isbn[i])
    sum += digit * (10 - i)
  }
  return sum % 11 === 0
}

/** The ISBN-13 weighted sum (1, 3, 1, 3, …) of the digits in `digits`. */
function isbn13Sum(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3)
  return sum
}

function isbn13Valid(isbn: string): boolean {
  return isbn13Sum(isbn) % 10 === 0
}

/** The ISBN-13 of a valid ISBN from cleanIsbn (an ISBN-10 gets the 978 prefix and a new check digit). */
export function toIsbn13(isbn: string): string {
  if (isbn.length === 13) return isbn
  const body = `978${isbn.slice(0, 9)}`
  return `${body}${(10 - (isbn13Sum(body) % 10)) % 10}`
}
