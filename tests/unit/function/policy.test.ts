// The privacy policy decides what leaves the function: these tests pin what each view may contain.
import { buildBookDocument } from '../../../cloudfunctions/bookcase/src/domain/bookDocument'
import { isShelfShared, ownBook, ownShelf, ownSummary, sharedBook, sharedBooksFilter, sharedSummary } from '../../../cloudfunctions/bookcase/src/domain/policy'
import type { ShelfDocument } from '../../../cloudfunctions/bookcase/src/db/documents'

const OPENID = 'oAlice-openid-0123456789abcdef'
const now = new Date('2026-01-02T03:04:05.000Z')
const doc = (isPrivate: boolean) =>
  buildBookDocument({
    id: 'b123',
    openid: OPENID,
    metadata: { isbn: '9787536692930', title: '三体', authors: ['刘慈欣'], publisher: '重庆出版社', coverUrl: 'https://x.example/c.jpg' },
    source: 'jisuapi',
    reader: { status: 'reading', rating: 5, tags: ['科幻'], note: 'secret note', is_private: isPrivate },
    now,
  })

const mentions = (value: unknown, needle: string) => JSON.stringify(value).includes(needle)

test("the owner's view has the reader's fields but never the OpenID or internal keys", () => {
  const book = ownBook(doc(true))
  expect(book).toMatchObject({ id: 'b123', note: 'secret note', is_private: true, status: 'reading', rating: 5, tags: ['科幻'] })
  expect(book.createdAt).toBe('2026-01-02T03:04:05.000Z')
  expect(mentions(book, OPENID)).toBe(false)
  for (const key of ['_openid', '_id', 'addedKey', 'titleKey', 'authorKey', 'searchText']) expect(book).not.toHaveProperty(key)
  expect(Object.keys(ownSummary(doc(false))).sort()).toEqual(
    ['authors', 'coverUrl', 'createdAt', 'id', 'is_private', 'isbn', 'loan', 'ownership', 'progress', 'rating', 'status', 'tags', 'title'].sort(),
  )
})

test('shared views never show a private book', () => {
  expect(sharedBook(doc(true))).toBeNull()
  expect(sharedSummary(doc(true))).toBeNull()
})

test('shared views never carry the note, the privacy flag, updatedAt or the OpenID', () => {
  for (const view of [sharedBook(doc(false)), sharedSummary(doc(false))]) {
    expect(view).not.toBeNull()
    expect(view).not.toHaveProperty('note')
    expect(view).not.toHaveProperty('is_private')
    expect(view).not.toHaveProperty('updatedAt')
    expect(mentions(view, 'secret note')).toBe(false)
    expect(mentions(view, OPENID)).toBe(false)
  }
  expect(sharedBook(doc(false))).toMatchObject({ id: 'b123', title: '三体', authors: ['刘慈欣'] })
})

test('a document without is_private: false is treated as private', () => {
  const legacy = { ...doc(false) } as unknown as Record<string, unknown>
  delete legacy.is_private
  expect(sharedBook(legacy as never)).toBeNull()
})

test('a shelf is shared only while public; the shared filter excludes private books', () => {
  const shelf: ShelfDocument = { _id: 's1', _openid: OPENID, shareId: 'x'.repeat(22), isPublic: false, name: 'n', createdAt: now, updatedAt: now }
  expect(isShelfShared(shelf)).toBe(false)
  expect(isShelfShared(null)).toBe(false)
  expect(isShelfShared({ ...shelf, isPublic: true })).toBe(true)
  expect(sharedBooksFilter(shelf)).toEqual({ _openid: OPENID, is_private: false })
  const view = ownShelf(shelf, { count: 3, publicCount: 1, lentCount: 2 })
  expect(view).toEqual({ shareId: shelf.shareId, isPublic: false, name: 'n', count: 3, publicCount: 1, lentCount: 2 })
  expect(mentions(view, OPENID)).toBe(false)
})

/** A public book with every home-library field set, lent out, with a loan in its history. */
const homeLibraryDoc = () => ({
  ...buildBookDocument({
    id: 'b456',
    openid: OPENID,
    metadata: { title: '三体 II', authors: ['刘慈欣'], pageCount: 500 },
    source: 'manual',
    reader: {
      ownership: 'owned',
      series: '三体',
      volume: 2,
      location: '书房',
      progress: { page: 120 },
      startedAt: '2025-12-30',
      status: 'reading',
    },
    now,
  }),
  loan: { borrower: '小王', lentAt: '2026-01-01', dueDate: '2026-02-01' },
  loans: [{ borrower: '老李', lentAt: '2025-11-01', returnedAt: '2025-11-20' }],
  lent: true,
})

test('a friend sees ownership, series, volume and that a book is lent; never borrower, history, location, progress or days', () => {
  const doc = homeLibraryDoc()
  for (const view of [sharedBook(doc), sharedSummary(doc)]) {
    expect(view).toMatchObject({ ownership: 'owned', series: '三体', volume: 2, lent: true })
    for (const key of ['loan', 'loans', 'location', 'progress', 'startedAt', 'finishedAt', 'note', 'is_private', 'updatedAt']) {
      expect(view).not.toHaveProperty(key)
    }
    for (const secret of ['小王', '老李', '书房', '2025-12-30', '2026-02-01']) expect(mentions(view, secret)).toBe(false)
  }
  expect(sharedSummary({ ...doc, loan: null, lent: false })).toMatchObject({ lent: false })
})

test('the owner sees the loan, its history, location, progress and days', () => {
  const doc = homeLibraryDoc()
  expect(ownBook(doc)).toMatchObject({
    loan: { borrower: '小王', lentAt: '2026-01-01', dueDate: '2026-02-01' },
    loans: [{ borrower: '老李', lentAt: '2025-11-01', returnedAt: '2025-11-20' }],
    location: '书房',
    progress: { page: 120 },
    startedAt: '2025-12-30',
    series: '三体',
    volume: 2,
  })
  expect(ownSummary(doc)).toMatchObject({ loan: { borrower: '小王' }, location: '书房', progress: { page: 120 }, pageCount: 500 })
})

test('a book stored before the home-library fields reads as owned, without progress, never lent', () => {
  const legacy = { ...doc(false) } as unknown as Record<string, unknown>
  for (const key of ['ownership', 'progress', 'loan', 'loans', 'lent']) delete legacy[key]
  expect(ownBook(legacy as never)).toMatchObject({ ownership: 'owned', progress: null, loan: null, loans: [] })
  expect(sharedBook(legacy as never)).toMatchObject({ ownership: 'owned', lent: false })
  expect(ownSummary(legacy as never)).toMatchObject({ ownership: 'owned', progress: null, loan: null })
})
