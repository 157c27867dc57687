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
    ['authors', 'coverUrl', 'createdAt', 'id', 'is_private', 'isbn', 'rating', 'status', 'tags', 'title'].sort(),
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
  const view = ownShelf(shelf, 3, 1)
  expect(view).toEqual({ shareId: shelf.shareId, isPublic: false, name: 'n', count: 3, publicCount: 1 })
  expect(mentions(view, OPENID)).toBe(false)
})
