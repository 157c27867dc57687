// Juhe (聚合数据), keyed: GET /isbn/query?key=KEY&isbn={isbn}
// → {error_code: 0, reason, result: {data: {title, author, publisher, pubDate, isbn, isbn10, img, smallImg,
//    ...}}}. error_code 216301 (wrong ISBN) and 216302 (no book found) mean "no such book"; other codes
//    (key, quota, system) do not.
import { isChineseIsbn, sameIsbn } from '../isbn'
import { field, foundBook } from './normalise'
import type { ParseResult, Provider } from './types'

const NOT_FOUND_CODES = new Set([216301, 216302])

export function parseJuhe(json: unknown, isbn13: string): ParseResult {
  const code = Number(field(json, 'error_code'))
  if (!Number.isInteger(code)) return { kind: 'failed', detail: 'unexpected shape' }
  if (code !== 0) return NOT_FOUND_CODES.has(code) ? { kind: 'not_found' } : { kind: 'failed', detail: `error_code ${code}` }
  const data = field(field(json, 'result'), 'data')
  const record = Array.isArray(data) ? data[0] : data
  const matches = [field(record, 'isbn'), field(record, 'isbn10')].some((id) => sameIsbn(isbn13, typeof id === 'string' ? id : undefined))
  if (!matches) return { kind: 'failed', detail: 'record for another ISBN' }
  const book = foundBook({
    isbn: isbn13,
    title: field(record, 'title'),
    authors: field(record, 'author'),
    publisher: field(record, 'publisher'),
    publishedDate: field(record, 'pubDate'),
    pageCount: field(record, 'page'),
    coverUrl: field(record, 'img') ?? field(record, 'smallImg'),
    summary: field(record, 'gist') ?? field(record, 'summary'),
  })
  return book ? { kind: 'found', book } : { kind: 'failed', detail: 'record without a title' }
}

export function juhe(baseUrl: string, key?: string): Provider {
  return {
    name: 'juhe',
    appliesTo: (isbn13) => Boolean(key) && isChineseIsbn(isbn13),
    url: (isbn13) => `${baseUrl}/isbn/query?key=${encodeURIComponent(key ?? '')}&isbn=${isbn13}`,
    parse: parseJuhe,
  }
}
