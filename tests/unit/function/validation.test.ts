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
  // the home library (issue 10)
  ['a day that does not exist', { action: 'lendBook', id: 'b1', borrower: 'x', lentAt: '2026-02-29' }],
  ['a day without zero padding', { action: 'lendBook', id: 'b1', borrower: 'x', lentAt: '2026-3-1' }],
  ['a day as a timestamp', { action: 'lendBook', id: 'b1', borrower: 'x', lentAt: '2026-03-01T00:00:00Z' }],
  ['a day before 1900', { action: 'lendBook', id: 'b1', borrower: 'x', dueDate: '1899-12-31' }],
  ['a borrower too long', { action: 'lendBook', id: 'b1', borrower: 'x'.repeat(41) }],
  ['an empty borrower', { action: 'lendBook', id: 'b1', borrower: ' ' }],
  ['a borrower on two lines', { action: 'lendBook', id: 'b1', borrower: 'a\nb' }],
  ['a borrower as an operator', { action: 'lendBook', id: 'b1', borrower: { $ne: '' } }],
  ['no borrower', { action: 'lendBook', id: 'b1' }],
  ['a loan smuggled into a lend', { action: 'lendBook', id: 'b1', borrower: 'x', loans: [] }],
  ['a returnedAt operator', { action: 'returnBook', id: 'b1', returnedAt: { $gt: '' } }],
  ['a loan in a patch', { action: 'updateBook', id: 'b1', patch: { loan: null } }],
  ['lent in a patch', { action: 'updateBook', id: 'b1', patch: { lent: false } }],
  ['volume zero', { action: 'updateBook', id: 'b1', patch: { volume: 0 } }],
  ['volume in quarter steps', { action: 'updateBook', id: 'b1', patch: { volume: 1.25 } }],
  ['volume above the limit', { action: 'updateBook', id: 'b1', patch: { volume: 10_000 } }],
  ['volume null on add', { action: 'addBook', isbn: '9787536692930', volume: null }],
  ['progress with page and percent', { action: 'updateBook', id: 'b1', patch: { progress: { page: 1, percent: 1 } } }],
  ['progress above 100%', { action: 'updateBook', id: 'b1', patch: { progress: { percent: 100.5 } } }],
  ['progress page fractional', { action: 'updateBook', id: 'b1', patch: { progress: { page: 1.5 } } }],
  ['progress page beyond the page limit', { action: 'updateBook', id: 'b1', patch: { progress: { page: 100_001 } } }],
  ['progress empty', { action: 'updateBook', id: 'b1', patch: { progress: {} } }],
  ['unknown ownership', { action: 'addBook', isbn: '9787536692930', ownership: 'borrowed' }],
  ['location too long', { action: 'updateBook', id: 'b1', patch: { location: 'x'.repeat(41) } }],
  ['series too long', { action: 'updateBook', id: 'b1', patch: { series: 'x'.repeat(101) } }],
  ['lent: false as a filter', { action: 'listBooks', lent: false }],
  ['an empty series filter', { action: 'listBooks', series: '' }],
  ['an unknown sort', { action: 'listBooks', sort: 'volume' }],
  ['a year before 1900', { action: 'getStats', year: 1899 }],
  ['a fractional year', { action: 'getStats', year: 2025.5 }],
  ['no year', { action: 'getStats' }],
  ['a key on listLocations', { action: 'listLocations', _openid: 'o' }],
])('%s is refused', (_name, event) => rejects(event))

test('the home-library fields pass within their bounds, trimmed; a patch clears with "" and null', () => {
  expect(parseEvent({ action: 'lendBook', id: 'b1', borrower: ' 小王 ', lentAt: '2024-02-29', dueDate: '2100-12-31' })).toEqual({
    action: 'lendBook',
    id: 'b1',
    borrower: '小王',
    lentAt: '2024-02-29',
    dueDate: '2100-12-31',
  })
  expect(parseEvent({ action: 'addBook', isbn: '9787536692930', series: ' 三体 ', volume: 9998.5, progress: { percent: 12.5 }, ownership: 'wanted' })).toMatchObject({
    series: '三体',
    volume: 9998.5,
    progress: { percent: 12.5 },
    ownership: 'wanted',
  })
  expect(parseEvent({ action: 'updateBook', id: 'b1', patch: { series: '', volume: null, location: '  ', progress: null, startedAt: '', finishedAt: '' } })).toMatchObject({
    patch: { series: '', volume: null, location: '', progress: null, startedAt: '', finishedAt: '' },
  })
  expect(parseEvent({ action: 'listBooks', lent: true, ownership: 'owned', location: '书房', series: '三体', sort: 'series' })).toMatchObject({ lent: true, sort: 'series' })
  expect(parseEvent({ action: 'getStats', year: 2100 })).toEqual({ action: 'getStats', year: 2100 })
})
