// The document builders keep to the declared field lists: whatever extra keys their inputs carry (the
// event's `action`, a parser's stray field, a prototype's), only contract fields are stored, and the
// database client's last check refuses a write that names any other field.
import type { BookMetadata, ReaderFieldsInput } from '../../../typings/api'
import { assertStoredFields, BOOK_DOCUMENT_FIELDS, STORED_FIELDS } from '../../../cloudfunctions/bookcase/src/db/documents'
import { pickFields, without } from '../../../cloudfunctions/bookcase/src/db/fieldList'
import { buildBookDocument } from '../../../cloudfunctions/bookcase/src/domain/bookDocument'
import { cacheEntry } from '../../../cloudfunctions/bookcase/src/domain/isbnCache'

const keys = (value: object) => Object.keys(value).sort()
const FIXED_BOOK_KEYS = [
  '_id',
  '_openid',
  'title',
  'authors',
  'source',
  'status',
  'rating',
  'tags',
  'note',
  'is_private',
  'ownership',
  'progress',
  'loan',
  'loans',
  'lent',
  'createdAt',
  'updatedAt',
  'addedKey',
  'titleKey',
  'authorKey',
  'searchText',
]

test('pickFields copies the listed fields that hold a value, and nothing else', () => {
  const inherited = Object.assign(Object.create({ note: 'from the prototype' }) as object, { status: 'read', rating: null, extra: 1 })
  expect(pickFields(inherited as ReaderFieldsInput, ['status', 'rating', 'note', 'tags'])).toEqual({ status: 'read', rating: null })
  expect(pickFields({ a: 1, b: undefined, c: 3 }, ['a', 'b'])).toEqual({ a: 1 })
  expect(without(['a', 'b', 'c'], 'b')).toEqual(['a', 'c'])
})

test('buildBookDocument stores the contract fields only, whatever else metadata and reader carry', () => {
  const metadata = { title: 'Dune', authors: ['Frank Herbert'], isbn: '9780441013593', pageCount: 412, subtitle: '', _openid: 'oOther', searchText: 'x', rawSource: {} }
  const reader = { action: 'addBook', userInfo: { openId: 'o' }, status: 'read', note: 'n', _id: 'forged', updatedAt: 'never' }
  const doc = buildBookDocument({
    id: 'b1',
    openid: 'o1',
    metadata: metadata as BookMetadata,
    source: 'openlibrary',
    reader: reader as ReaderFieldsInput,
    now: new Date(1000),
  })
  expect(keys(doc)).toEqual([...FIXED_BOOK_KEYS, 'isbn', 'pageCount'].sort())
  expect(doc).toMatchObject({ _id: 'b1', _openid: 'o1', status: 'read', note: 'n', updatedAt: new Date(1000) })
  expect(doc.searchText).toContain('dune')
  expect(() => assertStoredFields('books', doc)).not.toThrow()
})

test('cacheEntry stores the book by the metadata list; a not-found entry has no book', () => {
  const book = { isbn: '9780306406157', title: 'T', authors: ['A'], summary: 's', rank: 3, _openid: 'o' }
  const found = cacheEntry({ found: true, book, source: 'openlibrary' }, new Date(0))
  expect(keys(found)).toEqual(['book', 'expiresAt', 'fetchedAt', 'found', 'source'])
  expect(keys(found.book!)).toEqual(['authors', 'isbn', 'summary', 'title'])
  expect(keys(cacheEntry({ found: false }, new Date(0)))).toEqual(['expiresAt', 'fetchedAt', 'found'])
})

test('a write naming an undeclared field is refused, in every collection', () => {
  for (const name of Object.keys(STORED_FIELDS) as (keyof typeof STORED_FIELDS)[]) {
    expect(() => assertStoredFields(name, { _id: 'x' })).not.toThrow()
    expect(() => assertStoredFields(name, { _id: 'x', action: 'addBook' })).toThrow(/undeclared field "action"/)
  }
  expect(() => assertStoredFields('books', { note: 'n', updatedAt: new Date(), userInfo: {} })).toThrow(/"userInfo" in books/)
  expect(() => assertStoredFields('shelves', { title: 'a book field' })).toThrow(/in shelves/)
  expect(new Set(BOOK_DOCUMENT_FIELDS).size).toBe(BOOK_DOCUMENT_FIELDS.length)
})
