// The home library through the real path (gateway → emulator → built function → wx-server-sdk):
// lending and its history, ownership, series, location and progress with their filters and the series
// sort, the days a status change fills in, books stored before these fields existed, the reading report
// against a known shelf, and what a friend sees of all of it.
import fc from 'fast-check'
import type { ApiRequest, Book, BookSummary, ListFilters, ListSort } from '../../../typings/api'
import { connectSdk } from '../../support/emulator'
import { startFunctionHarness, type FunctionHarness } from './harness'

jest.setTimeout(90_000)

let h: FunctionHarness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.close())

let readerCount = 0
const reader = (name: string) => `oHome${name}-${++readerCount}-${Date.now().toString(36)}`

/** The function's "today": the day in China (UTC+8), computed here on its own. */
const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10)

const add = async (openid: string, title: string, extra: Partial<ApiRequest<'addBook'>> = {}, book: Record<string, unknown> = {}) =>
  (await h.ok(openid, { action: 'addBook', book: { title, authors: ['作者'], ...book }, ...extra } as ApiRequest<'addBook'>)).book

/** Writes books as the function stored them before issue 10: no ownership, progress, loan, loans, lent
 * or seriesKey. Straight into the database with the real SDK, as an older function version would have. */
async function seedLegacyBooks(openid: string, books: { id: string; title: string; ms: number; status?: string; pageCount?: number }[]) {
  const db = connectSdk(h.emulator.url).database()
  for (const b of books) {
    const title = b.title.toLowerCase()
    await db.collection('books').add({
      data: {
        _id: b.id,
        _openid: openid,
        title: b.title,
        authors: ['旧作者'],
        source: 'manual',
        status: b.status ?? 'want',
        rating: null,
        tags: ['旧'],
        note: 'old note',
        is_private: false,
        ...(b.pageCount ? { pageCount: b.pageCount } : {}),
        createdAt: new Date(b.ms),
        updatedAt: new Date(b.ms),
        addedKey: `${String(b.ms).padStart(15, '0')}\u0001${b.id}`,
        titleKey: `${title}\u0001${b.id}`,
        authorKey: `旧作者\u0001${title}\u0001${b.id}`,
        searchText: `${title}\u0001旧作者`,
      },
    })
  }
}

async function listAll(openid: string, sort: ListSort, filters: ListFilters = {}, pageSize = 2) {
  const items: BookSummary[] = []
  let cursor: string | undefined
  let total = -1
  for (let pages = 0; pages < 50; pages++) {
    const page = await h.ok(openid, { action: 'listBooks', sort, pageSize, ...filters, ...(cursor ? { cursor } : {}) })
    items.push(...page.items)
    total = page.total
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  return { titles: items.map((b) => b.title), items, total }
}

describe('lending', () => {
  test('lend (today by default), refuse a second lend, return into the history, refuse a second return', async () => {
    const a = reader('lend')
    const book = await add(a, '借出的书')
    expect(book).toMatchObject({ loan: null, loans: [] })
    const lent = await h.ok(a, { action: 'lendBook', id: book.id, borrower: ' 小王 ', dueDate: chinaDay(30) })
    expect(lent.loan).toEqual({ borrower: '小王', lentAt: chinaDay(), dueDate: chinaDay(30) })
    expect(await h.ok(a, { action: 'getShelf' })).toMatchObject({ count: 1, lentCount: 1 })

    expect(await h.fails(a, { action: 'lendBook', id: book.id, borrower: '小李' })).toBe('INVALID_ARGUMENT')
    expect((await h.ok(a, { action: 'getBook', id: book.id })).loan?.borrower).toBe('小王')

    const back = await h.ok(a, { action: 'returnBook', id: book.id })
    expect(back.loan).toBeNull()
    expect(back.loans).toEqual([{ borrower: '小王', lentAt: chinaDay(), dueDate: chinaDay(30), returnedAt: chinaDay() }])
    expect(await h.fails(a, { action: 'returnBook', id: book.id })).toBe('INVALID_ARGUMENT')
    expect(await h.ok(a, { action: 'getShelf' })).toMatchObject({ lentCount: 0 })

    // Lent again with days given: the history grows oldest first.
    await h.ok(a, { action: 'lendBook', id: book.id, borrower: '小李', lentAt: '2026-01-05' })
    const again = await h.ok(a, { action: 'returnBook', id: book.id, returnedAt: '2026-01-20' })
    expect(again.loans.map((l) => l.borrower)).toEqual(['小王', '小李'])
    expect(again.loans[1]).toEqual({ borrower: '小李', lentAt: '2026-01-05', returnedAt: '2026-01-20' })
    expect(await h.ok(a, { action: 'getBook', id: book.id })).toEqual(again)
  })

  test('the history keeps the last 50 loans, dropping the oldest', async () => {
    const a = reader('history')
    const book = await add(a, '常借的书')
    const db = connectSdk(h.emulator.url).database()
    const old = Array.from({ length: 50 }, (_, i) => ({ borrower: `读者${i}`, lentAt: '2025-01-01', returnedAt: '2025-01-02' }))
    await db.collection('books').doc(book.id).update({ data: { loans: db.command.set(old) } })
    await h.ok(a, { action: 'lendBook', id: book.id, borrower: '最新' })
    const back = await h.ok(a, { action: 'returnBook', id: book.id })
    expect(back.loans).toHaveLength(50)
    expect(back.loans[0].borrower).toBe('读者1')
    expect(back.loans[49].borrower).toBe('最新')
    const [stored] = await h.storedDocuments('books', { _id: book.id })
    expect((stored.loans as unknown[]).length).toBe(50)
  })

  test('bad days, a due date before the lending, a long or multi-line borrower, operators: refused, nothing written', async () => {
    const a = reader('badlend')
    const book = await add(a, '书')
    const before = h.storedBytes()
    const bad: Record<string, unknown>[] = [
      { lentAt: '2026-02-30' },
      { lentAt: '2026-2-1' },
      { lentAt: '20260101' },
      { lentAt: '1899-12-31' },
      { lentAt: chinaDay(3) },
      { dueDate: '2026-13-01' },
      { lentAt: '2026-03-10', dueDate: '2026-03-09' },
      { borrower: 'x'.repeat(41) },
      { borrower: '   ' },
      { borrower: '小\n王' },
      { borrower: { $ne: null } },
      { lentAt: { $gt: '' } },
      { id: { $ne: null } },
      { loan: { borrower: 'x', lentAt: '2026-01-01' } },
    ]
    for (const change of bad) {
      expect(await h.fails(a, { action: 'lendBook', id: book.id, borrower: '小王', ...change } as never)).toBe('INVALID_ARGUMENT')
    }
    for (const change of [{ returnedAt: '2026-04-31' }, { returnedAt: { $exists: true } }, { loans: [] }]) {
      expect(await h.fails(a, { action: 'returnBook', id: book.id, ...change } as never)).toBe('INVALID_ARGUMENT')
    }
    expect(h.storedBytes()).toBe(before)
    // A borrower of exactly the limit is fine; a return before the lending is not.
    await h.ok(a, { action: 'lendBook', id: book.id, borrower: '王'.repeat(40), lentAt: '2026-03-10' })
    expect(await h.fails(a, { action: 'returnBook', id: book.id, returnedAt: '2026-03-09' })).toBe('INVALID_ARGUMENT')
  })

  test("another reader's book is NOT_FOUND and stays as it was; a wished-for book cannot be lent", async () => {
    const a = reader('owner')
    const b = reader('other')
    const book = await add(a, '别人的书')
    expect(await h.fails(b, { action: 'lendBook', id: book.id, borrower: '我' })).toBe('NOT_FOUND')
    await h.ok(a, { action: 'lendBook', id: book.id, borrower: '小王' })
    expect(await h.fails(b, { action: 'returnBook', id: book.id })).toBe('NOT_FOUND')
    expect((await h.ok(a, { action: 'getBook', id: book.id })).loan?.borrower).toBe('小王')
    expect(await h.fails(a, { action: 'lendBook', id: 'nosuchbook', borrower: '我' })).toBe('NOT_FOUND')

    // A lent book cannot become a wish; a wished-for one cannot be lent.
    expect(await h.fails(a, { action: 'updateBook', id: book.id, patch: { ownership: 'wanted' } })).toBe('INVALID_ARGUMENT')
    const wish = await add(a, '想买的书', { ownership: 'wanted' })
    expect(await h.fails(a, { action: 'lendBook', id: wish.id, borrower: '小王' })).toBe('INVALID_ARGUMENT')
  })

  test('a lent book switched to 想买 is refused with a message naming the rule, alone or in a larger patch, and nothing changes', async () => {
    const a = reader('lent-wish')
    const book = await add(a, '借出去的书', { tags: ['原来的'] })
    await h.ok(a, { action: 'lendBook', id: book.id, borrower: '小王', dueDate: '2100-01-01' })
    const before = await h.storedDocuments('books', { _id: book.id })
    for (const patch of [{ ownership: 'wanted' as const }, { ownership: 'wanted' as const, tags: ['新的'], note: '改了' }]) {
      const answer = await h.call(a, { action: 'updateBook', id: book.id, patch })
      expect(answer).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^ownership: a lent book cannot be 'wanted'; return it first/) } })
    }
    expect(await h.storedDocuments('books', { _id: book.id })).toEqual(before)
    // Owned stays allowed while lent (it is owned already), and once returned it may become a wish.
    expect((await h.ok(a, { action: 'updateBook', id: book.id, patch: { ownership: 'owned', note: '还在外面' } })).loan?.borrower).toBe('小王')
    await h.ok(a, { action: 'returnBook', id: book.id })
    expect(await h.ok(a, { action: 'updateBook', id: book.id, patch: { ownership: 'wanted' } })).toMatchObject({ ownership: 'wanted', loan: null })
  })

  test('a lend and a switch to 想买 racing each other: exactly one wins, and no book ends up lent and wished for', async () => {
    const a = reader('lend-wish-race')
    const books = await Promise.all(Array.from({ length: 8 }, (_, i) => add(a, `抢着改的书${i}`)))
    const results = await Promise.all(
      books.map((book) =>
        Promise.all([
          h.call(a, { action: 'lendBook', id: book.id, borrower: '小王' }),
          h.call(a, { action: 'updateBook', id: book.id, patch: { ownership: 'wanted' } }),
        ]),
      ),
    )
    for (const [lend, wish] of results) {
      expect([lend.ok, wish.ok].filter(Boolean)).toHaveLength(1)
      for (const answer of [lend, wish]) if (!answer.ok) expect(answer.error.code).toBe('INVALID_ARGUMENT')
    }
    const stored = await h.storedDocuments('books', { _openid: a })
    expect(stored).toHaveLength(books.length)
    for (const doc of stored) expect(doc.lent === true && doc.ownership === 'wanted').toBe(false)
    // Each answer says what was stored.
    results.forEach(([lend, wish], i) => {
      const doc = stored.find((d) => d._id === books[i].id)!
      expect(doc.lent).toBe(lend.ok)
      expect(doc.ownership).toBe(wish.ok ? 'wanted' : 'owned')
    })
  })

  test('two lends of one book at once: exactly one wins', async () => {
    const a = reader('race')
    const book = await add(a, '抢手的书')
    const results = await Promise.all(['甲', '乙', '丙'].map((borrower) => h.call(a, { action: 'lendBook', id: book.id, borrower })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const winner = results.find((r) => r.ok)
    const stored = await h.ok(a, { action: 'getBook', id: book.id })
    expect(winner?.ok && winner.data.loan).toEqual(stored.loan)
  })
})

describe('series, location, ownership, progress', () => {
  test('stored and validated; the shelf filters by each and sorts a series by volume, books in no series last', async () => {
    const a = reader('series')
    const v2 = await add(a, '黑暗森林', { series: '三体', volume: 2, location: '书房' })
    const v1 = await add(a, '三体', { series: '三体', volume: 1, location: '书房', ownership: 'owned' })
    const v25 = await add(a, '番外', { series: '三体', volume: 2.5 })
    await add(a, '死神永生', { series: '三体', volume: 3, ownership: 'wanted' })
    await add(a, 'B 单本', { location: '客厅书柜' })
    await add(a, 'A 单本', {})
    await add(a, '银河帝国', { series: 'Foundation', volume: 1, ownership: 'wanted' })
    expect(v2).toMatchObject({ series: '三体', volume: 2, location: '书房', ownership: 'owned', progress: null })

    const bySeries = await listAll(a, 'series')
    // Series by name (folded), volumes in order (2.5 between 2 and 3), then books in no series by title.
    expect(bySeries.titles).toEqual(['银河帝国', '三体', '黑暗森林', '番外', '死神永生', 'A 单本', 'B 单本'])
    expect(bySeries.total).toBe(7)
    expect((await listAll(a, 'series', {}, 50)).titles).toEqual(bySeries.titles)
    // A cursor names its sort and, for the series sort, which walk it stopped in; anything else is refused.
    const forge = (k: string, sort = 'series') => Buffer.from(JSON.stringify({ v: 1, s: sort, k })).toString('base64url')
    for (const cursor of [forge('2:x'), forge('x'), forge('9:'), forge('0:a', 'title')]) {
      expect(await h.fails(a, { action: 'listBooks', sort: 'series', cursor })).toBe('INVALID_ARGUMENT')
    }
    const titleCursor = (await h.ok(a, { action: 'listBooks', sort: 'title', pageSize: 1 })).nextCursor!
    expect(await h.fails(a, { action: 'listBooks', sort: 'series', cursor: titleCursor })).toBe('INVALID_ARGUMENT')

    expect((await listAll(a, 'series', { series: '三体' })).titles).toEqual(['三体', '黑暗森林', '番外', '死神永生'])
    expect((await listAll(a, 'added', { location: '书房' })).titles).toEqual(['三体', '黑暗森林'])
    expect((await listAll(a, 'title', { ownership: 'wanted' })).titles.sort()).toEqual(['死神永生', '银河帝国'].sort())
    const owned = await listAll(a, 'added', { ownership: 'owned' })
    expect(owned.total).toBe(5)
    expect(owned.titles).toEqual(['A 单本', 'B 单本', '番外', '三体', '黑暗森林'])
    expect((await listAll(a, 'added', { ownership: 'owned', series: '三体', location: '书房' })).titles).toEqual(['三体', '黑暗森林'])

    await h.ok(a, { action: 'lendBook', id: v1.id, borrower: '小王' })
    await h.ok(a, { action: 'lendBook', id: v25.id, borrower: '小李' })
    const lent = await listAll(a, 'series', { lent: true })
    expect(lent.titles).toEqual(['三体', '番外'])
    expect(lent.items[0].loan).toMatchObject({ borrower: '小王' })
    await h.ok(a, { action: 'returnBook', id: v25.id })
    expect((await listAll(a, 'added', { lent: true })).titles).toEqual(['三体'])

    expect(await h.ok(a, { action: 'listLocations' })).toEqual({
      locations: [
        { location: '书房', count: 2 },
        { location: '客厅书柜', count: 1 },
      ],
    })
    expect(await h.ok(reader('nobody'), { action: 'listLocations' })).toEqual({ locations: [] })

    // Leaving a series drops the volume and the book moves to the tail of the series sort.
    const left = await h.ok(a, { action: 'updateBook', id: v2.id, patch: { series: '', location: '' } })
    expect(left).not.toHaveProperty('series')
    expect(left).not.toHaveProperty('volume')
    expect(left).not.toHaveProperty('location')
    expect((await listAll(a, 'series')).titles).toEqual(['银河帝国', '三体', '番外', '死神永生', 'A 单本', 'B 单本', '黑暗森林'])
    // A series renamed moves with its key.
    await h.ok(a, { action: 'updateBook', id: v25.id, patch: { series: 'AAA', volume: null } })
    expect((await listAll(a, 'series')).titles.slice(0, 2)).toEqual(['番外', '银河帝国'])
  })

  test('random shelves: the series sort paged at any size lists every book once, in series-volume-title order', async () => {
    const fold = (t: string) => t.normalize('NFKC').toLowerCase()
    const bookArb = fc.record({
      series: fc.option(fc.constantFrom('三体', 'Foundation', 'foundation', 'Ａ系列'), { nil: undefined }),
      volume: fc.option(fc.integer({ min: 1, max: 40 }).map((n) => n / 2), { nil: undefined }),
      title: fc.string({ unit: fc.constantFrom('a', 'B', 'c', '书', '森', ' '), minLength: 1, maxLength: 6 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(bookArb, { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 4 }), async (books, pageSize) => {
        const a = reader('prop')
        const added: { title: string; series?: string; volume?: number }[] = []
        for (const [i, b] of books.entries()) {
          // Unique titles, so the order is fully decided without the ids.
          const title = `${b.title.trim() || 'x'} ${String(i).padStart(2, '0')}`
          const series = b.series
          const volume = series === undefined ? undefined : b.volume
          await add(a, title, { ...(series ? { series } : {}), ...(volume !== undefined ? { volume } : {}) })
          added.push({ title, series, volume })
        }
        const key = (b: (typeof added)[number]) =>
          b.series === undefined ? ['1', '', '', fold(b.title)] : ['0', fold(b.series), String((b.volume ?? 1e9) * 2).padStart(10, '0'), fold(b.title)]
        const expected = [...added].sort((x, y) => {
          const [kx, ky] = [key(x), key(y)]
          for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i] < ky[i] ? -1 : 1
          return 0
        })
        const listed = await listAll(a, 'series', {}, pageSize)
        expect(listed.titles).toEqual(expected.map((b) => b.title))
        expect(listed.total).toBe(books.length)
      }),
      { numRuns: 12, seed: 20261201 },
    )
  })

  test('bad values for the new fields and filters are refused, nothing written', async () => {
    const a = reader('badfields')
    const book = await add(a, '书', {}, { pageCount: 300 })
    const before = h.storedBytes()
    const patches: Record<string, unknown>[] = [
      { volume: 0 },
      { volume: -1 },
      { volume: 1.25 },
      { volume: 10000 },
      { volume: '2' },
      { series: 'x'.repeat(101) },
      { series: { $ne: null } },
      { location: 'x'.repeat(41) },
      { location: '书\n房' },
      { ownership: 'borrowed' },
      { progress: { page: 1, percent: 2 } },
      { progress: { page: 301 } },
      { progress: { page: 100001 } },
      { progress: { percent: 101 } },
      { progress: { percent: -1 } },
      { progress: { page: 2.5 } },
      { progress: { $set: { page: 1 } } },
      { progress: 5 },
      { startedAt: '2026-02-29' },
      { startedAt: chinaDay(5) },
      { startedAt: '2026-03-02', finishedAt: '2026-03-01' },
      { volume: 2 }, // no series
      { loan: null },
      { loans: [] },
      { lent: true },
      { seriesKey: 'a' },
    ]
    for (const patch of patches) {
      expect(await h.fails(a, { action: 'updateBook', id: book.id, patch } as never)).toBe('INVALID_ARGUMENT')
    }
    const filters: Record<string, unknown>[] = [{ lent: false }, { lent: 'true' }, { lent: { $exists: true } }, { ownership: { $ne: 'x' } }, { location: { $regex: '.' } }, { series: '' }, { sort: 'volume' }]
    for (const filter of filters) expect(await h.fails(a, { action: 'listBooks', ...filter } as never)).toBe('INVALID_ARGUMENT')
    for (const year of [1899, 2101, 2026.5, '2026']) expect(await h.fails(a, { action: 'getStats', year } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(a, { action: 'getStats' } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(a, { action: 'listLocations', _openid: a } as never)).toBe('INVALID_ARGUMENT')
    expect(h.storedBytes()).toBe(before)

    // Within bounds: page up to the pageCount, percent with decimals, the 0.5 step, a real leap day.
    const ok = await h.ok(a, { action: 'updateBook', id: book.id, patch: { progress: { page: 300 }, series: 'S', volume: 9998.5, startedAt: '2024-02-29' } })
    expect(ok).toMatchObject({ progress: { page: 300 }, volume: 9998.5, startedAt: '2024-02-29' })
    expect((await h.ok(a, { action: 'updateBook', id: book.id, patch: { progress: { percent: 12.5 } } })).progress).toEqual({ percent: 12.5 })
    // Lowering the pageCount below the page read is refused.
    await h.ok(a, { action: 'updateBook', id: book.id, patch: { progress: { page: 250 } } })
    expect(await h.fails(a, { action: 'updateBook', id: book.id, patch: { pageCount: 200 } })).toBe('INVALID_ARGUMENT')
  })

  test('a status change fills in the started and finished days once; days given or set stay', async () => {
    const a = reader('days')
    const book = await add(a, '在读的书')
    expect(book).not.toHaveProperty('startedAt')
    const reading = await h.ok(a, { action: 'updateBook', id: book.id, patch: { status: 'reading', progress: { page: 10 } } })
    expect(reading.startedAt).toBe(chinaDay())
    expect(reading).not.toHaveProperty('finishedAt')
    const read = await h.ok(a, { action: 'updateBook', id: book.id, patch: { status: 'read' } })
    expect(read).toMatchObject({ startedAt: chinaDay(), finishedAt: chinaDay() })

    // The Mini Program may send the reader's own day with the status; it is kept.
    const other = await add(a, '另一本')
    const started = await h.ok(a, { action: 'updateBook', id: other.id, patch: { status: 'reading', startedAt: '2026-01-03' } })
    expect(started.startedAt).toBe('2026-01-03')
    // Set already: back to want and reading again keeps it; editable; '' clears it.
    await h.ok(a, { action: 'updateBook', id: other.id, patch: { status: 'want' } })
    expect((await h.ok(a, { action: 'updateBook', id: other.id, patch: { status: 'reading' } })).startedAt).toBe('2026-01-03')
    expect((await h.ok(a, { action: 'updateBook', id: other.id, patch: { startedAt: '2025-12-31' } })).startedAt).toBe('2025-12-31')
    const cleared = await h.ok(a, { action: 'updateBook', id: other.id, patch: { startedAt: '' } })
    expect(cleared).not.toHaveProperty('startedAt')
    // Adding a book as read does not invent a finished day.
    expect(await add(a, '早读过的', { status: 'read' })).not.toHaveProperty('finishedAt')
    expect(await add(a, '读完的', { status: 'read', finishedAt: '2025-06-01' })).toMatchObject({ finishedAt: '2025-06-01' })
  })
})

describe('books stored before the home-library fields', () => {
  test('read as owned, without progress, never lent; filter, sort, lend and count like the others', async () => {
    const a = reader('legacy')
    await seedLegacyBooks(a, [
      { id: 'legacyOne', title: 'Old One', ms: Date.UTC(2024, 0, 1), status: 'read', pageCount: 200 },
      { id: 'legacyTwo', title: 'Old Two', ms: Date.UTC(2024, 0, 2) },
    ])
    await add(a, 'New In Series', { series: 'S', volume: 1 })
    const old = await h.ok(a, { action: 'getBook', id: 'legacyOne' })
    expect(old).toMatchObject({ ownership: 'owned', progress: null, loan: null, loans: [], note: 'old note' })
    expect(old).not.toHaveProperty('series')

    expect((await listAll(a, 'series')).titles).toEqual(['New In Series', 'Old One', 'Old Two'])
    expect((await listAll(a, 'added', { ownership: 'owned' })).total).toBe(3)
    expect((await listAll(a, 'added', { ownership: 'wanted' })).total).toBe(0)
    expect((await listAll(a, 'added', { lent: true })).total).toBe(0)
    expect((await h.ok(a, { action: 'listBooks' })).items.find((b) => b.id === 'legacyTwo')).toMatchObject({ ownership: 'owned', progress: null, loan: null })

    const lent = await h.ok(a, { action: 'lendBook', id: 'legacyTwo', borrower: '老朋友' })
    expect(lent.loan).toMatchObject({ borrower: '老朋友' })
    expect((await listAll(a, 'added', { lent: true })).titles).toEqual(['Old Two'])
    expect((await h.ok(a, { action: 'returnBook', id: 'legacyTwo' })).loans).toHaveLength(1)

    const report = await h.ok(a, { action: 'getStats', year: 2026 })
    expect(report).toMatchObject({ total: 3, byOwnership: { owned: 3, wanted: 0 }, byStatus: { want: 2, reading: 0, read: 1 }, lentCount: 0 })
    // Moving a legacy book to 在读 works and fills in the day.
    expect((await h.ok(a, { action: 'updateBook', id: 'legacyOne', patch: { status: 'reading', progress: { page: 20 } } })).startedAt).toBe(chinaDay())
  })
})

describe('reading report', () => {
  test('getStats against a known shelf', async () => {
    const a = reader('stats')
    const b = reader('statsOther')
    const books: [string, Partial<ApiRequest<'addBook'>>, Record<string, unknown>][] = [
      ['一月', { status: 'read', finishedAt: '2025-01-15', tags: ['科幻', '小说'] }, { authors: ['刘慈欣'], pageCount: 300 }],
      ['一月二', { status: 'read', finishedAt: '2025-01-31', tags: ['科幻'] }, { authors: ['刘慈欣', '译者'], pageCount: 200 }],
      ['三月', { status: 'read', finishedAt: '2025-03-01', tags: ['历史'] }, { authors: ['黄仁宇'] }],
      ['十二月', { status: 'read', finishedAt: '2025-12-31', ownership: 'wanted' }, { authors: ['Ann'], pageCount: 50 }],
      ['去年', { status: 'read', finishedAt: '2024-06-01' }, { authors: ['刘慈欣'], pageCount: 999 }],
      ['前年', { status: 'read', finishedAt: '2022-06-01' }, { authors: ['Bob'] }],
      // finished once, now being read again: not finished, for the report
      ['重读', { status: 'reading', finishedAt: '2025-05-05', startedAt: '2025-05-01' }, { authors: ['Ann'], pageCount: 10 }],
      ['在读', { status: 'reading', tags: ['小说'] }, { authors: ['Ann'] }],
      ['想读', { status: 'want', ownership: 'wanted', tags: ['小说'] }, { authors: [] }],
    ]
    const ids: Record<string, string> = {}
    for (const [title, reader, book] of books) ids[title] = (await add(a, title, reader, book)).id
    await h.ok(a, { action: 'lendBook', id: ids['在读'], borrower: '小王' })
    await h.ok(a, { action: 'lendBook', id: ids['三月'], borrower: '小李' })
    // Another reader's finished books never count.
    await add(b, '别人的', { status: 'read', finishedAt: '2025-01-10' }, { authors: ['刘慈欣'], pageCount: 5000 })

    const report = await h.ok(a, { action: 'getStats', year: 2025 })
    expect(report).toEqual({
      year: 2025,
      years: [2025, 2024, 2022],
      finishedPerMonth: [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      finishedCount: 4,
      pagesRead: 550,
      total: 9,
      byStatus: { want: 1, reading: 2, read: 6 },
      byOwnership: { owned: 7, wanted: 2 },
      // The whole shelf's authors and tags, whatever the year.
      topAuthors: [
        { author: 'Ann', count: 3 },
        { author: '刘慈欣', count: 3 },
        { author: 'Bob', count: 1 },
        { author: '译者', count: 1 },
        { author: '黄仁宇', count: 1 },
      ],
      topTags: [
        { tag: '小说', count: 3 },
        { tag: '科幻', count: 2 },
        { tag: '历史', count: 1 },
      ],
      lentCount: 2,
    })
    const other = await h.ok(a, { action: 'getStats', year: 2024 })
    expect(other).toMatchObject({
      year: 2024,
      finishedCount: 1,
      pagesRead: 999,
      total: 9,
      years: [2025, 2024, 2022],
      topAuthors: report.topAuthors,
      topTags: report.topTags,
      byStatus: report.byStatus,
      lentCount: 2,
    })
    expect(other.finishedPerMonth[5]).toBe(1)
    const empty = await h.ok(reader('empty'), { action: 'getStats', year: 2026 })
    expect(empty).toMatchObject({ years: [], finishedPerMonth: Array(12).fill(0), finishedCount: 0, pagesRead: 0, total: 0, topAuthors: [], topTags: [], lentCount: 0 })
  })

  test('at most 10 authors and tags, most first, then by name', async () => {
    const a = reader('top')
    for (let i = 0; i < 12; i++) {
      const tags = [`t${String(i).padStart(2, '0')}`, ...(i < 3 ? ['common'] : [])]
      await add(a, `书${i}`, { tags }, { authors: [`a${String(i).padStart(2, '0')}`] })
    }
    const report = await h.ok(a, { action: 'getStats', year: 2025 })
    expect(report.topAuthors).toHaveLength(10)
    expect(report.topAuthors[0]).toEqual({ author: 'a00', count: 1 })
    expect(report.topTags[0]).toEqual({ tag: 'common', count: 3 })
    expect(report.topTags.map((t) => t.tag).slice(1)).toEqual(['t00', 't01', 't02', 't03', 't04', 't05', 't06', 't07', 't08'])
  })
})

describe('what a friend sees', () => {
  test('ownership, series, volume and lent: true; never the borrower, history, location, progress or days', async () => {
    const a = reader('sharer')
    const friend = reader('friend')
    const book = await add(a, '共享的书', { series: '丛书', volume: 3, location: '卧室书架', ownership: 'owned', status: 'reading', startedAt: '2026-01-02', progress: { page: 42 } }, { pageCount: 100 })
    await h.ok(a, { action: 'lendBook', id: book.id, borrower: '秘密借书人', dueDate: '2099-01-01' })
    await h.ok(a, { action: 'returnBook', id: book.id, returnedAt: chinaDay() })
    await h.ok(a, { action: 'lendBook', id: book.id, borrower: '当前借书人' })
    const notLent = await add(a, '没借出', { ownership: 'wanted' })
    const shelf = await h.ok(a, { action: 'updateShelf', isPublic: true })

    const page = await h.ok(friend, { action: 'viewSharedShelf', shareId: shelf.shareId })
    const shared = await h.ok(friend, { action: 'getSharedBook', shareId: shelf.shareId, id: book.id })
    const summary = page.items.find((item) => item.id === book.id)
    for (const view of [shared, summary]) {
      expect(view).toMatchObject({ ownership: 'owned', series: '丛书', volume: 3, lent: true, status: 'reading' })
      for (const key of ['loan', 'loans', 'location', 'progress', 'startedAt', 'finishedAt', 'note', 'is_private', 'updatedAt']) expect(view).not.toHaveProperty(key)
      const text = JSON.stringify(view)
      for (const secret of ['秘密借书人', '当前借书人', '卧室书架', '2026-01-02', '2099-01-01', a]) expect(text).not.toContain(secret)
    }
    expect(page.items.find((item) => item.id === notLent.id)).toMatchObject({ lent: false, ownership: 'wanted' })
    expect((await h.ok(friend, { action: 'getSharedBook', shareId: shelf.shareId, id: notLent.id })).lent).toBe(false)
    // The owner's list row carries the loan; the friend's never does.
    expect((await h.ok(a, { action: 'listBooks', lent: true })).items[0].loan).toMatchObject({ borrower: '当前借书人' })
    // The friend's own calls see none of it.
    expect((await h.ok(friend, { action: 'listLocations' })).locations).toEqual([])
    expect(await h.fails(friend, { action: 'returnBook', id: book.id })).toBe('NOT_FOUND')
  })
})

describe('answers', () => {
  test('the owner sees every new field of a book, the same from every action', async () => {
    const a = reader('answers')
    const book: Book = await add(a, '全字段', { series: 'S', volume: 1, location: 'L', status: 'reading', progress: { percent: 5 } })
    expect(book).toMatchObject({ series: 'S', volume: 1, location: 'L', progress: { percent: 5 }, ownership: 'owned', loan: null, loans: [] })
    expect(await h.ok(a, { action: 'getBook', id: book.id })).toEqual(book)
    const [row] = (await h.ok(a, { action: 'listBooks' })).items
    expect(row).toMatchObject({ series: 'S', volume: 1, location: 'L', progress: { percent: 5 }, ownership: 'owned', loan: null })
  })
})
