// jisuapi (极速数据), keyed: GET /isbn/query?appkey=KEY&isbn={isbn}
// → {status: 0, msg: "ok", result: {title, subtitle, pic, author, summary, publisher, pubdate, page,
//    isbn, isbn10, language, ...}}. A non-zero status carries the error in msg; 201 (ISBN empty),
//    202 (ISBN invalid) and 205 (no data) mean "no such book", the others (key, quota, server) do not.
import { isChineseIsbn, sameIsbn } from '../isbn'
import { field, foundBook } from './normalise'
import type { ParseResult, Provider } from './types'

const NOT_FOUND_STATUSES = new Set([201, 202, 205])

export function parseJisu(json: unknown, isbn13: string): ParseResult {
  const status = Number(field(json, 'status'))
  if (!Number.isInteger(status)) return { kind: 'failed', detail: 'unexpected shape' }
  if (status !== 0) return NOT_FOUND_STATUSES.has(status) ? { kind: 'not_found' } : { kind: 'failed', detail: `status ${status}` }
  const result = field(json, 'result')
  const isbn = field(result, 'isbn')
  const isbn10 = field(result, 'isbn10')
  const matches = [isbn, isbn10].some((id) => sameIsbn(isbn13, typeof id === 'string' ? id : undefined))
  if (!matches) return { kind: 'failed', detail: 'record for another ISBN' }
  const book = foundBook({
    isbn: isbn13,
    title: field(result, 'title'),
    subtitle: field(result, 'subtitle'),
    authors: field(result, 'author'),
    publisher: field(result, 'publisher'),
    publishedDate: field(result, 'pubdate'),
    pageCount: field(result, 'page'),
    coverUrl: field(result, 'pic'),
    summary: field(result, 'summary'),
    language: field(result, 'language'),
  })
  return book ? { kind: 'found', book } : { kind: 'failed', detail: 'record without a title' }
}

export function jisuApi(baseUrl: string, appKey?: string): Provider {
  return {
    name: 'jisuapi',
    appliesTo: (isbn13) => Boolean(appKey) && isChineseIsbn(isbn13),
    url: (isbn13) => `${baseUrl}/isbn/query?appkey=${encodeURIComponent(appKey ?? '')}&isbn=${isbn13}`,
    parse: parseJisu,
  }
}
