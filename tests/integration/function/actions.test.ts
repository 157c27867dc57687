// Every action through the real path: gateway → emulator's function runner → built function →
// wx-server-sdk → emulator database, with two readers and the ISBN sources on a local server.
import type { ApiRequest, Book, SharedBookSummary } from '../../../typings/api'
import { SAMPLE_BOOKS } from '../../support/isbn-sources'
import { startFunctionHarness, testIsbn, type FunctionHarness } from './harness'

jest.setTimeout(60_000)

let h: FunctionHarness
beforeAll(async () => {
  h = await startFunctionHarness({ env: { LOOKUP_RATE_LIMIT: '40/600', LOOKUP_PROVIDER_TIMEOUT_MS: '400', LOOKUP_DEADLINE_MS: '1500' } })
})
afterAll(() => h.close())
beforeEach(() => {
  h.sources.clearFaults()
  h.sources.requests.length = 0
})

let readerCount = 0
/** A fresh reader per test, so tests do not see each other's books. */
const reader = (name: string) => `o${name}-${++readerCount}-${Date.now().toString(36)}`

describe('identity and validation', () => {
  test('no OPENID → UNAUTHENTICATED', async () => {
    expect(await h.fails(undefined, { action: 'getShelf' })).toBe('UNAUTHENTICATED')
  })
  test('unknown action, unknown key, operator object → INVALID_ARGUMENT', async () => {
    const a = reader('a')
    expect(await h.fails(a, { action: 'nope' } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(a, { action: 'getShelf', openid: 'x' } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(a, { action: 'getBook', id: { $ne: null } } as never)).toBe('INVALID_ARGUMENT')
  })
  test('the injected userInfo is accepted and ignored', async () => {
    const a = reader('a')
    const request = { action: 'getShelf', userInfo: { openId: 'someone-else', appId: 'wx' } } as ApiRequest<'getShelf'>
    const shelf = await h.ok(a, request)
    expect(shelf.count).toBe(0)
  })
})

describe('lookup', () => {
  test('found, then answered from the cache without asking the sources again', async () => {
    const a = reader('a')
    const first = await h.ok(a, { action: 'lookup', isbn: '978-7-5366-9293-0' })
    expect(first).toMatchObject({ source: 'jisuapi', cached: false, book: { isbn: '9787536692930', title: '三体', authors: ['刘慈欣'] } })
    expect(first.book.coverUrl).toMatch(/^https:/)
    const asked = h.sources.requests.length
    const second = await h.ok(reader('b'), { action: 'lookup', isbn: '7536692935' })
    expect(second).toMatchObject({ cached: true, source: 'jisuapi', book: first.book })
    expect(h.sources.requests.length).toBe(asked)
  })
  test('invalid ISBN → INVALID_ISBN; unknown → NOT_FOUND (cached)', async () => {
    const a = reader('a')
    expect(await h.fails(a, { action: 'lookup', isbn: '9787536692931' })).toBe('INVALID_ISBN')
    expect(await h.fails(a, { action: 'lookup', isbn: testIsbn(90001) })).toBe('NOT_FOUND')
    const asked = h.sources.requests.length
    expect(await h.fails(a, { action: 'lookup', isbn: testIsbn(90001) })).toBe('NOT_FOUND')
    expect(h.sources.requests.length).toBe(asked)
  })
  test('every source failing → UPSTREAM_UNAVAILABLE, and the failure is not cached', async () => {
    const a = reader('a')
    for (const s of ['jisuapi', 'juhe', 'openlibrary', 'googlebooks'] as const) h.sources.setFault(s, 'status500')
    expect(await h.fails(a, { action: 'lookup', isbn: '9780306406157' })).toBe('UPSTREAM_UNAVAILABLE')
    h.sources.clearFaults()
    expect(await h.ok(a, { action: 'lookup', isbn: '9780306406157' })).toMatchObject({ cached: false, source: 'openlibrary' })
  })
  test('every source hanging → UPSTREAM_UNAVAILABLE (within the deadline)', async () => {
    for (const s of ['jisuapi', 'juhe', 'openlibrary', 'googlebooks'] as const) h.sources.setFault(s, 'hang')
    expect(await h.fails(reader('a'), { action: 'lookup', isbn: '9787544258975' })).toBe('UPSTREAM_UNAVAILABLE')
  })
  test('uncached lookups are rate limited per reader', async () => {
    const a = reader('a')
    const codes: string[] = []
    for (let i = 0; i < 41; i++) codes.push(await h.fails(a, { action: 'lookup', isbn: testIsbn(91000 + i) }))
    expect(codes.slice(0, 40).every((c) => c === 'NOT_FOUND')).toBe(true)
    expect(codes[40]).toBe('RATE_LIMITED')
    // cached answers are not limited, and other readers are not affected
    expect(await h.fails(a, { action: 'lookup', isbn: testIsbn(91000) })).toBe('NOT_FOUND')
    expect(await h.fails(reader('b'), { action: 'lookup', isbn: testIsbn(91040) })).toBe('NOT_FOUND')
  })
})

describe('adding books', () => {
  test('addBook by ISBN stores the looked-up book with the reader fields; again → duplicate', async () => {
    const a = reader('a')
    const added = await h.ok(a, { action: 'addBook', isbn: '9780141439518', status: 'reading', tags: ['classic'], note: 'n1', is_private: true, rating: 4 })
    expect(added.duplicate).toBe(false)
    expect(added.book).toMatchObject({ isbn: '9780141439518', title: 'Pride and Prejudice', source: 'openlibrary', status: 'reading', tags: ['classic'], note: 'n1', is_private: true, rating: 4 })
    const again = await h.ok(a, { action: 'addBook', isbn: '0141439513' })
    expect(again).toEqual({ book: added.book, duplicate: true })
    // a typed-in book with the same ISBN is the same book too
    expect((await h.ok(a, { action: 'addBook', book: { title: 'x', isbn: '978-0-14-143951-8' } })).duplicate).toBe(true)
    expect((await h.ok(a, { action: 'getShelf' })).count).toBe(1)
  })
  test('addBook with a typed-in book (no ISBN) and with an invalid ISBN', async () => {
    const a = reader('a')
    const { book } = await h.ok(a, { action: 'addBook', book: { title: '手写的书', authors: ['某人'], pageCount: 100 } })
    expect(book).toMatchObject({ title: '手写的书', source: 'manual', pageCount: 100, status: 'want', is_private: false })
    expect(book.isbn).toBeUndefined()
    expect(await h.fails(a, { action: 'addBook', book: { title: 'x', isbn: '123' } })).toBe('INVALID_ISBN')
    expect(await h.fails(a, { action: 'addBook', isbn: testIsbn(92000) })).toBe('NOT_FOUND')
  })
  test('addBooks reports each ISBN', async () => {
    const a = reader('a')
    await h.ok(a, { action: 'addBook', isbn: '9787536692930' })
    const { results } = await h.ok(a, {
      action: 'addBooks',
      isbns: ['9787536692930', '9787544258975', 'not-an-isbn', testIsbn(92001), '9787544258975'],
      is_private: true,
    })
    expect(results.map((r) => r.outcome)).toEqual(['duplicate', 'added', 'invalid', 'not_found', 'duplicate'])
    expect(results[1].book).toMatchObject({ title: '霍乱时期的爱情', is_private: true })
    expect(results[2].error?.code).toBe('INVALID_ISBN')
    expect((await h.ok(a, { action: 'getShelf' })).count).toBe(2)
  })
})

describe('my shelf', () => {
  let a: string
  let b: string
  const ids: string[] = []
  beforeAll(async () => {
    a = reader('a')
    b = reader('b')
    // 250 typed-in books, titles and authors in a known order, every 5th private, tags and statuses mixed
    for (let i = 0; i < 250; i++) {
      const { book } = await h.ok(a, {
        action: 'addBook',
        book: { title: `Book ${String(i).padStart(3, '0')}`, authors: [`Author ${String(249 - i).padStart(3, '0')}`], isbn: testIsbn(i) },
        status: (['want', 'reading', 'read'] as const)[i % 3],
        tags: i % 2 === 0 ? ['even'] : ['odd'],
        is_private: i % 5 === 0,
        note: `note ${i}`,
      })
      ids.push(book.id)
    }
  })

  const pageThrough = async (params: { sort?: 'added' | 'title' | 'author'; q?: string; status?: 'want' | 'reading' | 'read'; tag?: string; pageSize?: number }) => {
    const seen: string[] = []
    let cursor: string | undefined
    let total = -1
    do {
      const page = await h.ok(a, { action: 'listBooks', ...params, ...(cursor ? { cursor } : {}) })
      total = page.total
      seen.push(...page.items.map((item) => item.title))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return { seen, total }
  }

  test('paging through 250 books, newest first, each exactly once', async () => {
    const { seen, total } = await pageThrough({ pageSize: 20 })
    expect(total).toBe(250)
    expect(seen).toHaveLength(250)
    expect(new Set(seen).size).toBe(250)
    expect(seen[0]).toBe('Book 249')
    expect(seen[249]).toBe('Book 000')
  })
  test('sorted by title and by author', async () => {
    const byTitle = await pageThrough({ sort: 'title', pageSize: 50 })
    expect(byTitle.seen).toEqual([...byTitle.seen].sort())
    expect(byTitle.seen[0]).toBe('Book 000')
    const byAuthor = await pageThrough({ sort: 'author', pageSize: 50 })
    expect(byAuthor.seen[0]).toBe('Book 249') // Author 000
    expect(byAuthor.seen).toHaveLength(250)
  })
  test('filters by status and tag; search by title, author and ISBN', async () => {
    const reading = await pageThrough({ status: 'reading' })
    expect(reading.total).toBe(83)
    expect(reading.seen).toHaveLength(83)
    const even = await pageThrough({ tag: 'even', status: 'want' })
    expect(even.seen.every((t) => Number(t.slice(5)) % 6 === 0)).toBe(true)
    expect((await pageThrough({ q: 'book 12' })).seen.sort()).toEqual(['Book 120', 'Book 121', 'Book 122', 'Book 123', 'Book 124', 'Book 125', 'Book 126', 'Book 127', 'Book 128', 'Book 129'])
    expect((await pageThrough({ q: 'AUTHOR 249' })).seen).toEqual(['Book 000'])
    const isbn = testIsbn(7)
    expect((await pageThrough({ q: `${isbn.slice(0, 3)}-${isbn.slice(3)}` })).seen).toEqual(['Book 007'])
    expect((await pageThrough({ q: '.*' })).seen).toEqual([]) // regex characters are literal
  })
  test('a cursor cannot be reused with another sort, nor forged', async () => {
    const page = await h.ok(a, { action: 'listBooks', pageSize: 5 })
    expect(await h.fails(a, { action: 'listBooks', sort: 'title', cursor: page.nextCursor! })).toBe('INVALID_ARGUMENT')
    expect(await h.fails(a, { action: 'listBooks', cursor: 'eyJ2IjoxfQ' })).toBe('INVALID_ARGUMENT')
  })
  test("another reader's cursor only pages through the caller's own books", async () => {
    const page = await h.ok(a, { action: 'listBooks', pageSize: 5 })
    const other = await h.ok(b, { action: 'listBooks', cursor: page.nextCursor! })
    expect(other).toEqual({ items: [], nextCursor: null, total: 0 })
  })
  test('get, update, remove — and NOT_FOUND across readers', async () => {
    const id = ids[10]
    const book = await h.ok(a, { action: 'getBook', id })
    expect(book).toMatchObject({ id, title: 'Book 010', note: 'note 10', is_private: true })
    expect(await h.fails(b, { action: 'getBook', id })).toBe('NOT_FOUND')
    expect(await h.fails(b, { action: 'updateBook', id, patch: { note: 'hacked' } })).toBe('NOT_FOUND')
    expect(await h.fails(b, { action: 'removeBook', id })).toBe('NOT_FOUND')
    const updated: Book = await h.ok(a, { action: 'updateBook', id, patch: { title: 'Renamed', rating: 5, subtitle: 'Sub', pageCount: 12 } })
    expect(updated).toMatchObject({ title: 'Renamed', rating: 5, subtitle: 'Sub', pageCount: 12, note: 'note 10' })
    const cleared = await h.ok(a, { action: 'updateBook', id, patch: { subtitle: '', pageCount: null, rating: null } })
    expect(cleared.subtitle).toBeUndefined()
    expect(cleared.pageCount).toBeUndefined()
    expect(cleared.rating).toBeNull()
    expect((await h.ok(a, { action: 'listBooks', q: 'renamed' })).items.map((i) => i.id)).toEqual([id])
    expect(await h.ok(a, { action: 'removeBook', id })).toEqual({ id, isbn: testIsbn(10) })
    expect(await h.fails(a, { action: 'getBook', id })).toBe('NOT_FOUND')
    expect(await h.fails(a, { action: 'removeBook', id })).toBe('NOT_FOUND')
    expect((await h.ok(a, { action: 'getBook', id: ids[11] })).title).toBe('Book 011')
  })
  test('removeBook answers the removed ISBN-13 (however it was typed), and only the id for a book without one', async () => {
    const c = reader('c')
    const isbn = testIsbn(20)
    const { book: withIsbn } = await h.ok(c, { action: 'addBook', book: { title: '有书号', isbn: `${isbn.slice(0, 3)}-${isbn.slice(3)}` } })
    const { book: without } = await h.ok(c, { action: 'addBook', book: { title: '没有书号' } })
    expect(await h.ok(c, { action: 'removeBook', id: withIsbn.id })).toEqual({ id: withIsbn.id, isbn })
    expect(await h.ok(c, { action: 'removeBook', id: without.id })).toEqual({ id: without.id })
  })
})

describe('listTags', () => {
  test('counts each tag over the caller\'s books, most used first, then by name; follows updates and removals', async () => {
    const a = reader('a')
    const add = async (title: string, tags: string[], is_private = false) =>
      (await h.ok(a, { action: 'addBook', book: { title }, tags, is_private })).book
    await add('t1', ['科幻', '经典'])
    await add('t2', ['科幻'], true) // private books are the owner's too
    const third = await add('t3', ['小说', '经典'])
    await add('t4', ['科幻'])
    await add('t5', ['b'])
    await add('t6', ['a'])
    await add('t7', [])
    expect((await h.ok(a, { action: 'listTags' })).tags).toEqual([
      { tag: '科幻', count: 3 },
      { tag: '经典', count: 2 },
      { tag: 'a', count: 1 },
      { tag: 'b', count: 1 },
      { tag: '小说', count: 1 },
    ])
    await h.ok(a, { action: 'updateBook', id: third.id, patch: { tags: ['b'] } })
    await h.ok(a, { action: 'removeBook', id: (await add('t8', ['a'])).id })
    expect((await h.ok(a, { action: 'listTags' })).tags).toEqual([
      { tag: '科幻', count: 3 },
      { tag: 'b', count: 2 },
      { tag: 'a', count: 1 },
      { tag: '经典', count: 1 },
    ])
  })
  test('answers at most 100 tags, the most used ones', async () => {
    const a = reader('a')
    // 6 books × 20 tags: 'common' on all of them, 114 others once each.
    for (let i = 0; i < 6; i++) {
      const tags = ['common', ...Array.from({ length: 19 }, (_, j) => `t${String(i * 19 + j).padStart(3, '0')}`)]
      await h.ok(a, { action: 'addBook', book: { title: `cap ${i}` }, tags })
    }
    const { tags } = await h.ok(a, { action: 'listTags' })
    expect(tags).toHaveLength(100)
    expect(tags[0]).toEqual({ tag: 'common', count: 6 })
    expect(tags.slice(1).map((t) => t.tag)).toEqual(Array.from({ length: 99 }, (_, k) => `t${String(k).padStart(3, '0')}`))
  })
  test("only the caller's own tags: reader B never sees A's; an empty shelf has none", async () => {
    const a = reader('a')
    const b = reader('b')
    await h.ok(a, { action: 'addBook', book: { title: 'A1' }, tags: ['a-only', 'both'] })
    await h.ok(a, { action: 'updateShelf', isPublic: true }) // even a public shelf's tags stay its owner's
    await h.ok(b, { action: 'addBook', book: { title: 'B1' }, tags: ['both', 'b-only'] })
    expect((await h.ok(b, { action: 'listTags' })).tags).toEqual([
      { tag: 'b-only', count: 1 },
      { tag: 'both', count: 1 },
    ])
    expect((await h.ok(a, { action: 'listTags' })).tags).toEqual([
      { tag: 'a-only', count: 1 },
      { tag: 'both', count: 1 },
    ])
    expect(await h.ok(reader('empty'), { action: 'listTags' })).toEqual({ tags: [] })
  })
  test('strict event: any parameter is INVALID_ARGUMENT; no identity is UNAUTHENTICATED', async () => {
    const a = reader('a')
    expect(await h.fails(a, { action: 'listTags', x: 1 } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(a, { action: 'listTags', _openid: 'someone-else' } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(undefined, { action: 'listTags' })).toBe('UNAUTHENTICATED')
  })
})

describe('sharing', () => {
  test('a shared shelf shows public books only, only while public, only under the current share id', async () => {
    const a = reader('a')
    const b = reader('b')
    const pub = (await h.ok(a, { action: 'addBook', isbn: '9787536692930', note: 'public note', tags: ['sf'] })).book
    const priv = (await h.ok(a, { action: 'addBook', isbn: '9780141439518', is_private: true, note: 'private note' })).book
    const shelf = await h.ok(a, { action: 'getShelf' })
    expect(shelf).toMatchObject({ isPublic: false, name: '我的书架', count: 2, publicCount: 1 })
    expect(shelf.shareId).toMatch(/^[A-Za-z0-9_-]{22,}$/)
    expect(shelf.shareId).not.toContain(a)

    // shelf private: nothing, for anyone
    expect(await h.fails(b, { action: 'viewSharedShelf', shareId: shelf.shareId })).toBe('NOT_FOUND')
    expect(await h.fails(b, { action: 'getSharedBook', shareId: shelf.shareId, id: pub.id })).toBe('NOT_FOUND')

    // shelf public: the public book, without note, privacy flag or OpenID
    const published = await h.ok(a, { action: 'updateShelf', isPublic: true, name: '小明的书架' })
    expect(published).toMatchObject({ isPublic: true, name: '小明的书架', shareId: shelf.shareId })
    const view = await h.ok(b, { action: 'viewSharedShelf', shareId: shelf.shareId })
    expect(view).toMatchObject({ name: '小明的书架', publicCount: 1, nextCursor: null })
    expect(view.items.map((i: SharedBookSummary) => i.id)).toEqual([pub.id])
    const shared = await h.ok(b, { action: 'getSharedBook', shareId: shelf.shareId, id: pub.id })
    expect(shared).toMatchObject({ id: pub.id, title: '三体', tags: ['sf'] })
    for (const answer of [view, shared]) {
      const text = JSON.stringify(answer)
      expect(text).not.toContain('note')
      expect(text).not.toContain('is_private')
      expect(text).not.toContain(a)
      expect(text).not.toContain(priv.id)
    }
    // the private book looks exactly like a missing one
    expect(await h.fails(b, { action: 'getSharedBook', shareId: shelf.shareId, id: priv.id })).toBe('NOT_FOUND')
    expect(await h.fails(b, { action: 'getSharedBook', shareId: shelf.shareId, id: 'bDoesNotExist' })).toBe('NOT_FOUND')
    // a book of another reader is not on this shelf
    const other = (await h.ok(b, { action: 'addBook', isbn: '9787544258975' })).book
    expect(await h.fails(a, { action: 'getSharedBook', shareId: shelf.shareId, id: other.id })).toBe('NOT_FOUND')

    // book made private: gone from the shared view; made public again: back
    await h.ok(a, { action: 'updateBook', id: pub.id, patch: { is_private: true } })
    expect((await h.ok(b, { action: 'viewSharedShelf', shareId: shelf.shareId })).items).toEqual([])
    expect(await h.fails(b, { action: 'getSharedBook', shareId: shelf.shareId, id: pub.id })).toBe('NOT_FOUND')
    await h.ok(a, { action: 'updateBook', id: pub.id, patch: { is_private: false } })
    expect((await h.ok(b, { action: 'viewSharedShelf', shareId: shelf.shareId })).items).toHaveLength(1)

    // search inside a shared shelf only finds public books
    expect((await h.ok(b, { action: 'viewSharedShelf', shareId: shelf.shareId, q: 'pride' })).items).toEqual([])
    expect((await h.ok(b, { action: 'viewSharedShelf', shareId: shelf.shareId, q: '三' })).items).toHaveLength(1)

    // rotated id: the old link is dead, the new one works
    const rotated = await h.ok(a, { action: 'rotateShareId' })
    expect(rotated.shareId).not.toBe(shelf.shareId)
    expect(await h.fails(b, { action: 'viewSharedShelf', shareId: shelf.shareId })).toBe('NOT_FOUND')
    expect(await h.fails(b, { action: 'getSharedBook', shareId: shelf.shareId, id: pub.id })).toBe('NOT_FOUND')
    expect((await h.ok(b, { action: 'viewSharedShelf', shareId: rotated.shareId })).items).toHaveLength(1)

    // unpublished: dead again
    await h.ok(a, { action: 'updateShelf', isPublic: false })
    expect(await h.fails(b, { action: 'viewSharedShelf', shareId: rotated.shareId })).toBe('NOT_FOUND')
  })

  test('paging a shared shelf skips private books', async () => {
    const a = reader('a')
    for (let i = 0; i < 30; i++) await h.ok(a, { action: 'addBook', book: { title: `S${i}` }, is_private: i % 3 === 0 })
    const { shareId } = await h.ok(a, { action: 'updateShelf', isPublic: true })
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await h.ok(reader('b'), { action: 'viewSharedShelf', shareId, pageSize: 7, ...(cursor ? { cursor } : {}) })
      expect(page.publicCount).toBe(20)
      seen.push(...page.items.map((i) => i.title))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `S${i}`).filter((_, i) => i % 3 !== 0).sort())
  })
})

test('SAMPLE_BOOKS are what the fixture server knows', () => {
  expect(SAMPLE_BOOKS.map((b) => b.isbn13)).toContain('9787536692930')
})
