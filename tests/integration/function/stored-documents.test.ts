// What the function writes, read back raw: every document in books, shelves, isbn_cache and
// rate_limits carries exactly the fields its contract names, and no key of the event (`action`,
// `userInfo`, ...) ever becomes a stored field. Read with the real wx-server-sdk, not through answers,
// because the privacy policy would hide a stray field from every answer.
import type { ApiRequest, Book } from '../../../typings/api'
import { goodreadsRows } from '../../fixtures/import/generate'
import { connectSdk } from '../../support/emulator'
import { BOOK_ALWAYS, BOOK_OPTIONAL, BOOK_READER_OPTIONAL, CACHE_FOUND, CACHE_NOT_FOUND, IMPORT_JOB, METADATA, RATE_LIMIT, SHELF, strayFields } from './contract-fields'
import { COLLECTION_NAMES, startFunctionHarness, testIsbn, type FunctionHarness } from './harness'

jest.setTimeout(60_000)

const keys = (value: object) => Object.keys(value).sort()
/** The keys a stored book must have: the fixed ones, plus the optional ones it has. */
const bookKeys = (present: string[]) => [...BOOK_ALWAYS, ...[...BOOK_OPTIONAL, ...BOOK_READER_OPTIONAL].filter((key) => present.includes(key))].sort()
/** The optional bibliographic fields an owner's answer shows (the policy copies each one present). */
const optionalIn = (book: Book) => BOOK_OPTIONAL.filter((key) => key in book)

let h: FunctionHarness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.close())

let readerCount = 0
const reader = (name: string) => `oStored${name}-${++readerCount}-${Date.now().toString(36)}`

async function storedBook(openid: string, id: string) {
  const [doc] = await h.storedDocuments('books', { _id: id, _openid: openid })
  if (!doc) throw new Error(`book ${id} is not stored`)
  return doc
}

describe('books', () => {
  test('addBook by ISBN stores the looked-up fields and the reader fields, nothing of the event', async () => {
    const a = reader('isbn')
    const { book } = await h.ok(a, {
      action: 'addBook',
      isbn: '9787536692930',
      status: 'read',
      rating: 5,
      tags: ['sf'],
      note: 'n',
      is_private: true,
      // the platform injects this into every client call
      userInfo: { appId: 'wx', openId: a },
    } as ApiRequest<'addBook'>)
    const doc = await storedBook(a, book.id)
    expect(keys(doc)).toEqual(bookKeys(optionalIn(book)))
    expect(optionalIn(book)).toEqual(expect.arrayContaining(['isbn', 'publisher', 'pageCount', 'coverUrl', 'summary']))
  })

  test('addBook with a typed-in book stores only the fields the reader gave and the fixed ones', async () => {
    const a = reader('manual')
    const withIsbn = await h.ok(a, { action: 'addBook', book: { title: '手写', authors: ['某人'], isbn: testIsbn(1), pageCount: 100, subtitle: '' } })
    expect(keys(await storedBook(a, withIsbn.book.id))).toEqual(bookKeys(['isbn', 'pageCount']))
    const bare = await h.ok(a, { action: 'addBook', book: { title: '无名' } })
    expect(keys(await storedBook(a, bare.book.id))).toEqual(bookKeys([]))
  })

  test('addBooks stores each book with the batch reader fields and nothing else', async () => {
    const a = reader('batch')
    const { results } = await h.ok(a, { action: 'addBooks', isbns: ['9787544258975', '9780141439518'], status: 'reading', is_private: true })
    expect(results.map((r) => r.outcome)).toEqual(['added', 'added'])
    for (const result of results) {
      const full = await h.ok(a, { action: 'getBook', id: result.book!.id })
      const doc = await storedBook(a, full.id)
      expect(keys(doc)).toEqual(bookKeys(optionalIn(full)))
      expect(doc).toMatchObject({ status: 'reading', is_private: true })
    }
  })

  test('updateBook sets and clears only contract fields, and the document keeps exactly its allowed keys', async () => {
    const a = reader('update')
    const { book } = await h.ok(a, { action: 'addBook', book: { title: 'Before', authors: ['X'] } })
    await h.ok(a, {
      action: 'updateBook',
      id: book.id,
      patch: { title: 'After', subtitle: 'Sub', publisher: 'P', pageCount: 12, coverUrl: 'https://img.example/c.jpg', note: 'n', rating: 3, tags: ['t'], is_private: true, status: 'read' },
    })
    // 已读 fills in finishedAt.
    expect(keys(await storedBook(a, book.id))).toEqual(bookKeys(['subtitle', 'publisher', 'pageCount', 'coverUrl', 'finishedAt']))
    await h.ok(a, { action: 'updateBook', id: book.id, patch: { series: '丛书', volume: 1.5, location: '书房', progress: { percent: 40 } } })
    expect(keys(await storedBook(a, book.id))).toEqual(bookKeys(['subtitle', 'publisher', 'pageCount', 'coverUrl', 'finishedAt', 'series', 'volume', 'location', 'seriesKey']))
    await h.ok(a, {
      action: 'updateBook',
      id: book.id,
      patch: { subtitle: '', pageCount: null, rating: null, note: '', series: '', location: '', finishedAt: '', progress: null },
    })
    const cleared = await storedBook(a, book.id)
    // Leaving the series leaves its volume and the series sort's key too.
    expect(keys(cleared)).toEqual(bookKeys(['publisher', 'coverUrl']))
    expect(cleared).toMatchObject({ rating: null, note: '', title: 'After', progress: null })
  })
})

describe('shelves', () => {
  test('getShelf, updateShelf and rotateShareId keep the shelf to its fields', async () => {
    const a = reader('shelf')
    await h.ok(a, { action: 'getShelf' })
    const [created] = await h.storedDocuments('shelves', { _openid: a })
    expect(keys(created)).toEqual([...SHELF].sort())
    await h.ok(a, { action: 'updateShelf', isPublic: true, name: '我的' })
    await h.ok(a, { action: 'rotateShareId' })
    const shelves = await h.storedDocuments('shelves', { _openid: a })
    expect(shelves).toHaveLength(1)
    expect(keys(shelves[0])).toEqual([...SHELF].sort())
    expect(shelves[0]).toMatchObject({ isPublic: true, name: '我的' })
  })
})

describe('isbn_cache and rate_limits', () => {
  test('a found and a not-found lookup are cached with their fields only; counters hold their count only', async () => {
    const a = reader('cache')
    await h.ok(a, { action: 'lookup', isbn: '9780306406157' })
    expect(await h.fails(a, { action: 'lookup', isbn: testIsbn(2) })).toBe('NOT_FOUND')
    const [found] = await h.storedDocuments('isbn_cache', { _id: '9780306406157' })
    expect(keys(found)).toEqual([...CACHE_FOUND].sort())
    expect(METADATA).toEqual(expect.arrayContaining(keys(found.book as object)))
    const [notFound] = await h.storedDocuments('isbn_cache', { _id: testIsbn(2) })
    expect(keys(notFound)).toEqual([...CACHE_NOT_FOUND].sort())
    const counters = await h.storedDocuments('rate_limits')
    expect(counters.length).toBeGreaterThan(0)
    for (const counter of counters) expect(keys(counter)).toEqual([...RATE_LIMIT].sort())
  })
})

describe('files', () => {
  test('an import stores the job with its fields only, and imported books and a cover photo add only the file fields', async () => {
    const sdk = connectSdk(h.emulator.url)
    const a = reader('Import')
    const { jobId, cloudPath } = await h.ok(a, { action: 'startImport', fileName: 'goodreads_library_export.csv' })
    await sdk.uploadFile({ cloudPath, fileContent: goodreadsRows(3) })
    for (let calls = 0; calls < 20; calls++) {
      if ((await h.ok(a, { action: 'importBooks', jobId })).state === 'done') break
    }
    const [job] = await h.storedDocuments('import_jobs', { _id: jobId })
    expect(keys(job)).toEqual([...IMPORT_JOB].sort())
    const books = await h.storedDocuments('books', { _openid: a })
    expect(books).toHaveLength(3)
    for (const book of books) expect(keys(book)).toEqual(bookKeys(Object.keys(book)))

    const book = books[0]
    const { cloudPath: coverPath } = await h.ok(a, { action: 'prepareCoverUpload', id: String(book._id), extension: 'png' })
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const { fileID } = await sdk.uploadFile({ cloudPath: coverPath, fileContent: png })
    await h.ok(a, { action: 'setCover', id: String(book._id), fileID })
    const withCover = await storedBook(a, String(book._id))
    expect(withCover.coverFileId).toBe(fileID)
    expect(keys(withCover)).toEqual([...bookKeys(Object.keys(withCover)), 'coverFileId'].sort())
  })
})

test('after all of the above, no stored document anywhere holds a field outside its contract', async () => {
  for (const collection of COLLECTION_NAMES) {
    expect({ collection, stray: await strayFields(h, collection) }).toEqual({ collection, stray: [] })
  }
})
