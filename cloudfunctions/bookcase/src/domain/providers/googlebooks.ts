// Google Books: GET /books/v1/volumes?q=isbn:{isbn}[&key=KEY]
// → {totalItems, items:[{volumeInfo:{title, subtitle, authors[], publisher, publishedDate, description,
//    industryIdentifiers:[{type, identifier}], pageCount, imageLinks:{thumbnail}, language}}]}.
// The search is fuzzy: only a volume whose identifiers include the ISBN counts.
import { sameIsbn } from '../isbn'
import { field, foundBook } from './normalise'
import type { ParseResult, Provider } from './types'

function listsIsbn(volumeInfo: unknown, isbn13: string): boolean {
  const ids = field(volumeInfo, 'industryIdentifiers')
  return Array.isArray(ids) && ids.some((id) => {
    const value = field(id, 'identifier')
    return sameIsbn(isbn13, typeof value === 'string' ? value : undefined)
  })
}

/** Google's thumbnails come as http with a page-curl effect: https and flat instead. */
const cleanThumbnail = (url: unknown) => (typeof url === 'string' ? url.replace(/&edge=curl/g, '') : url)

export function parseGoogleBooks(json: unknown, isbn13: string): ParseResult {
  const totalItems = field(json, 'totalItems')
  if (typeof totalItems !== 'number') return { kind: 'failed', detail: 'unexpected shape' }
  const items = field(json, 'items')
  if (totalItems === 0 || !Array.isArray(items) || items.length === 0) return { kind: 'not_found' }
  const info = items.map((item) => field(item, 'volumeInfo')).find((volumeInfo) => listsIsbn(volumeInfo, isbn13))
  if (info === undefined) return { kind: 'not_found' }
  const images = field(info, 'imageLinks')
  const book = foundBook({
    isbn: isbn13,
    title: field(info, 'title'),
    subtitle: field(info, 'subtitle'),
    authors: field(info, 'authors'),
    publisher: field(info, 'publisher'),
    publishedDate: field(info, 'publishedDate'),
    pageCount: field(info, 'pageCount'),
    coverUrl: cleanThumbnail(field(images, 'thumbnail') ?? field(images, 'smallThumbnail')),
    summary: field(info, 'description'),
    language: field(info, 'language'),
  })
  return book ? { kind: 'found', book } : { kind: 'failed', detail: 'volume without a title' }
}

export function googleBooks(baseUrl: string, key?: string): Provider {
  return {
    name: 'googlebooks',
    appliesTo: () => true,
    url: (isbn13) => `${baseUrl}/books/v1/volumes?q=isbn:${isbn13}${key ? `&key=${encodeURIComponent(key)}` : ''}`,
    parse: parseGoogleBooks,
  }
}
