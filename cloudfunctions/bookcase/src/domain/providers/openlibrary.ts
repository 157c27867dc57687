// Open Library Books API: GET /api/books?bibkeys=ISBN:{isbn}&format=json&jscmd=data
// → {"ISBN:{isbn}": {title, subtitle, authors:[{name}], publishers:[{name}], publish_date,
//    number_of_pages, identifiers:{isbn_10, isbn_13}, cover:{small, medium, large}}}; unknown → {}.
import { sameIsbn } from '../isbn'
import { field, foundBook } from './normalise'
import type { ParseResult, Provider } from './types'

const names = (list: unknown) => (Array.isArray(list) ? list.map((entry) => field(entry, 'name')) : [])

export function parseOpenLibrary(json: unknown, isbn13: string): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'failed', detail: 'unexpected shape' }
  const record = Object.entries(json).find(([key]) => key.startsWith('ISBN:') && sameIsbn(isbn13, key.slice(5)))?.[1]
  if (record === undefined) return Object.keys(json).length === 0 ? { kind: 'not_found' } : { kind: 'failed', detail: 'no record for this ISBN' }
  // Open Library answers for the ISBN it was asked about; its identifiers, when present, must agree.
  const identifiers = field(record, 'identifiers')
  const listed = [field(identifiers, 'isbn_13'), field(identifiers, 'isbn_10')].flatMap((v) => (Array.isArray(v) ? v : []))
  if (listed.length > 0 && !listed.some((id) => sameIsbn(isbn13, typeof id === 'string' ? id : undefined))) {
    return { kind: 'failed', detail: 'record for another ISBN' }
  }
  const cover = field(record, 'cover')
  const publishers = names(field(record, 'publishers'))
  const book = foundBook({
    isbn: isbn13,
    title: field(record, 'title'),
    subtitle: field(record, 'subtitle'),
    authors: names(field(record, 'authors')),
    publisher: publishers[0],
    publishedDate: field(record, 'publish_date'),
    pageCount: field(record, 'number_of_pages'),
    coverUrl: field(cover, 'large') ?? field(cover, 'medium') ?? field(cover, 'small'),
  })
  return book ? { kind: 'found', book } : { kind: 'failed', detail: 'record without a title' }
}

export function openLibrary(baseUrl: string): Provider {
  return {
    name: 'openlibrary',
    appliesTo: () => true,
    url: (isbn13) => `${baseUrl}/api/books?bibkeys=ISBN:${isbn13}&format=json&jscmd=data`,
    parse: parseOpenLibrary,
  }
}
