// Strict event validation: what gets through, and that everything else is INVALID_ARGUMENT.
import { parseEvent } from '../../../cloudfunctions/bookcase/src/validation/events'

const rejects = (event: unknown) => {
  expect(() => parseEvent(event)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
}

test('valid events pass and userInfo is dropped', () => {
  expect(parseEvent({ action: 'getShelf', userInfo: { appId: 'wx1', openId: 'spoofed' } })).toEqual({ action: 'getShelf' })
  expect(parseEvent({ action: 'listTags', userInfo: { openId: 'spoofed' } })).toEqual({ action: 'listTags' })
  expect(parseEvent({ action: 'listBooks', pageSize: 20, q: '  三体 ', sort: 'title' })).toEqual({ action: 'listBooks', pageSize: 20, q: '三体', sort: 'title' })
  expect(parseEvent({ action: 'addBook', isbn: '9787536692930', tags: ['a', 'a', 'b'], is_private: true })).toEqual({
    action: 'addBook',
    isbn: '9787536692930',
    tags: ['a', 'b'],
    is_private: true,
  })
  expect(parseEvent({ action: 'addBook', book: { title: 'T', authors: ['A'], pageCount: 10 } })).toMatchObject({ book: { title: 'T' } })
  expect(parseEvent({ action: 'updateBook', id: 'b1', patch: { rating: null, subtitle: '', pageCount: null } })).toMatchObject({
    patch: { rating: null, subtitle: '', pageCount: null },
  })
})

test.each([
  ['not an object', 'x'],
  ['null', null],
  ['an array', [{ action: 'getShelf' }]],
  ['no action', {}],
  ['unknown action', { action: 'dropDatabase' }],
  ['action as operator', { action: { $ne: null } }],
  ['prototype key as action', { action: 'constructor' }],
  ['unknown key', { action: 'getShelf', openid: 'someone-else' }],
  ['_openid smuggled in', { action: 'listBooks', _openid: 'o' }],
  ['any key on listTags', { action: 'listTags', x: 1 }],
  ['an owner filter on listTags', { action: 'listTags', _openid: 'someone-else' }],
  ['operator object for a string', { action: 'getBook', id: { $ne: null } }],
  ['operator object for a query', { action: 'listBooks', q: { $regex: '.*' } }],
  ['regex-like id', { action: 'getBook', id: '.*' }],
  ['huge string', { action: 'listBooks', q: 'x'.repeat(1_000_000) }],
  ['control characters', { action: 'updateShelf', name: 'a\u0000b' }],
  ['multi-line query', { action: 'listBooks', q: 'a\nb' }],
  ['too many ISBNs', { action: 'addBooks', isbns: Array.from({ length: 51 }, () => '9787536692930') }],
  ['empty batch', { action: 'addBooks', isbns: [] }],
  ['both isbn and book', { action: 'addBook', isbn: '9787536692930', book: { title: 'x' } }],
  ['neither isbn nor book', { action: 'addBook' }],
  ['book without a title', { action: 'addBook', book: { authors: [] } }],
  ['unknown key in book', { action: 'addBook', book: { title: 'x', _openid: 'o' } }],
  ['isbn in a patch', { action: 'updateBook', id: 'b1', patch: { isbn: '9787536692930' } }],
  ['empty patch', { action: 'updateBook', id: 'b1', patch: {} }],
  ['rating out of range', { action: 'updateBook', id: 'b1', patch: { rating: 6 } }],
  ['fractional rating', { action: 'updateBook', id: 'b1', patch: { rating: 2.5 } }],
  ['bad status', { action: 'listBooks', status: 'lost' }],
  ['page size too big', { action: 'listBooks', pageSize: 1000 }],
  ['page size not a number', { action: 'listBooks', pageSize: '20' }],
  ['http cover', { action: 'addBook', book: { title: 'x', coverUrl: 'http://a/b.jpg' } }],
  ['javascript cover', { action: 'addBook', book: { title: 'x', coverUrl: 'javascript:alert(1)' } }],
  ['bad date', { action: 'addBook', book: { title: 'x', publishedDate: '2019-13-01' } }],
  ['too many tags', { action: 'updateBook', id: 'b1', patch: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }],
  ['short share id', { action: 'viewSharedShelf', shareId: 'abc' }],
  ['cursor with symbols', { action: 'listBooks', cursor: '{"$gt":""}' }],
  ['isPublic as string', { action: 'updateShelf', isPublic: 'true' }],
])('%s is refused', (_name, event) => rejects(event))
