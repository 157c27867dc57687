// Import jobs and exports through the real path (gateway → built function → wx-server-sdk → emulator
// database and storage), as several readers: who may run a job and read its file, dedupe against the
// shelf and within a file, slices of a large file, skipped rows with their row numbers, the 仅自己可见
// option, unreadable files, and a lossless round trip of every field through both export files into a
// fresh reader. Import files are uploaded with the real SDK to the path startImport handed out, as
// wx.cloud.uploadFile would.
import type { Book, ImportProgress } from '../../../typings/api'
import { GOODREADS_HEADER, goodreadsRows, isbn13Of } from '../../fixtures/import/generate'
import { connectSdk } from '../../support/emulator'
import { startFunctionHarness, testIsbn, type FunctionHarness } from './harness'

jest.setTimeout(120_000)

let h: FunctionHarness
let sdk: ReturnType<typeof connectSdk>
beforeAll(async () => {
  // Slices of at most 400 rows (the default is 1,000), so a 2,000-row file needs several whatever the machine's speed.
  h = await startFunctionHarness({ env: { LOOKUP_PROVIDER_TIMEOUT_MS: '400', LOOKUP_DEADLINE_MS: '1500', IMPORT_SLICE_ROWS: '400' } })
  sdk = connectSdk(h.emulator.url)
})
afterAll(() => h.close())

let readerCount = 0
const reader = (name: string) => `o${name}-${++readerCount}-${Date.now().toString(36)}`

const upload = async (cloudPath: string, content: Buffer) => (await sdk.uploadFile({ cloudPath, fileContent: content })).fileID
const stored = async (fileID: string) => ((await sdk.getTempFileURL({ fileList: [fileID] })) as { fileList: { status: number }[] }).fileList[0].status === 0
const jobs = async (filter: Record<string, unknown>) =>
  ((await sdk.database().collection('import_jobs').where(filter).get()) as { data: Record<string, unknown>[] }).data

/** Opens a job, uploads `content` to its path and calls importBooks until done: every progress seen. */
async function importFile(openid: string, content: Buffer, fileName = 'library.csv', is_private?: boolean) {
  const { jobId, cloudPath } = await h.ok(openid, { action: 'startImport', fileName, ...(is_private === undefined ? {} : { is_private }) })
  const fileID = await upload(cloudPath, content)
  const progress: ImportProgress[] = []
  for (let calls = 0; calls < 100; calls++) {
    const step = await h.ok(openid, { action: 'importBooks', jobId })
    progress.push(step)
    if (step.state === 'done') return { jobId, fileID, progress, last: step }
  }
  throw new Error('the import did not finish in 100 calls')
}

type GoodreadsRow = Partial<Record<'Title' | 'Author' | 'ISBN' | 'ISBN13' | 'My Rating' | 'Exclusive Shelf' | 'Bookshelves' | 'Private Notes' | 'Date Added' | 'Number of Pages', string>>
const COLUMNS = GOODREADS_HEADER.split(',')
/** A Goodreads export with the given cells (the rest empty); Book Id numbers the rows. */
function goodreadsCsv(rows: GoodreadsRow[]): Buffer {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  const lines = rows.map((row, i) =>
    COLUMNS.map((column) => {
      if (column === 'Book Id') return String(i + 1)
      if (column === 'Exclusive Shelf') return row[column] ?? 'to-read'
      const value = (row as Record<string, string | undefined>)[column] ?? ''
      return quote(column === 'ISBN' || column === 'ISBN13' ? `="${value}"` : value)
    }).join(','),
  )
  return Buffer.from([GOODREADS_HEADER, ...lines].join('\n') + '\n')
}

const allBooks = async (openid: string): Promise<Book[]> => {
  const books: Book[] = []
  let cursor: string | undefined
  do {
    const page = await h.ok(openid, { action: 'listBooks', pageSize: 50, ...(cursor ? { cursor } : {}) })
    for (const item of page.items) books.push(await h.ok(openid, { action: 'getBook', id: item.id }))
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return books
}

describe('who may run a job and read its file', () => {
  test('startImport hands out a path in the caller’s imports folder; importBooks waits until a file is there', async () => {
    const a = reader('a')
    const { jobId, cloudPath } = await h.ok(a, { action: 'startImport', fileName: '我的书单.CSV' })
    expect(cloudPath).toMatch(new RegExp(`^readers/r[A-Za-z0-9_-]{22}/imports/${jobId}\\.csv$`))
    expect(cloudPath).not.toContain(a)
    const waiting = await h.ok(a, { action: 'importBooks', jobId })
    expect(waiting).toEqual({ jobId, state: 'waiting', format: null, total: 0, processed: 0, added: 0, duplicates: 0, skippedCount: 0, skipped: [] })
    const [job] = await jobs({ _id: jobId })
    expect(job._openid).toBe(a)
    expect(job.cloudPath).toBe(cloudPath)
  })
  test('another reader’s job id answers NOT_FOUND, as an unknown one does, and imports nothing', async () => {
    const a = reader('a')
    const b = reader('b')
    const { jobId, cloudPath } = await h.ok(a, { action: 'startImport', fileName: 'a.csv' })
    await upload(cloudPath, goodreadsCsv([{ Title: 'A 的书', ISBN13: isbn13Of(1) }]))
    expect(await h.fails(b, { action: 'importBooks', jobId })).toBe('NOT_FOUND')
    expect(await h.fails(b, { action: 'importBooks', jobId: 'jAAAAAAAAAAAAAAAAAAAAAA' })).toBe('NOT_FOUND')
    expect((await h.ok(b, { action: 'getShelf' })).count).toBe(0)
    expect((await h.ok(a, { action: 'getShelf' })).count).toBe(0)
    // A's own job still reads A's file
    const done = await h.ok(a, { action: 'importBooks', jobId })
    expect(done).toMatchObject({ state: 'done', added: 1 })
  })
  test('a job reads only its own path: B’s job never sees A’s uploaded file, and no event can name a path', async () => {
    const a = reader('a')
    const b = reader('b')
    const mine = await h.ok(a, { action: 'startImport', fileName: 'a.csv' })
    await upload(mine.cloudPath, goodreadsCsv([{ Title: 'A 的书', ISBN13: isbn13Of(2) }]))
    const theirs = await h.ok(b, { action: 'startImport', fileName: 'a.csv' })
    expect(theirs.cloudPath.split('/')[1]).not.toBe(mine.cloudPath.split('/')[1])
    expect((await h.ok(b, { action: 'importBooks', jobId: theirs.jobId })).state).toBe('waiting')
    expect(await h.fails(b, { action: 'importBooks', jobId: theirs.jobId, cloudPath: mine.cloudPath } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(b, { action: 'startImport', fileName: 'a.csv', cloudPath: mine.cloudPath } as never)).toBe('INVALID_ARGUMENT')
    expect(await h.fails(b, { action: 'importBooks', jobId: { $ne: null } } as never)).toBe('INVALID_ARGUMENT')
    expect((await h.ok(b, { action: 'getShelf' })).count).toBe(0)
  })
  test('at most 50 jobs a reader a day (RATE_LIMITED after), other readers unaffected', async () => {
    const a = reader('a')
    for (let i = 0; i < 50; i++) await h.ok(a, { action: 'startImport', fileName: `f${i}.csv` })
    expect(await h.fails(a, { action: 'startImport', fileName: 'one-more.csv' })).toBe('RATE_LIMITED')
    expect(await h.ok(reader('b'), { action: 'startImport', fileName: 'b.csv' })).toHaveProperty('jobId')
  })
  test('jobs older than a week go, with an upload an unfinished one still has', async () => {
    const a = reader('a')
    const { jobId: fresh, cloudPath } = await h.ok(a, { action: 'startImport', fileName: 'fresh.csv' })
    const stalePath = cloudPath.replace(fresh, 'jStaleJob0000000000000')
    const staleFile = await upload(stalePath, goodreadsCsv([{ Title: 'never imported' }]))
    const [template] = await jobs({ _id: fresh })
    const { _id: _freshId, ...fields } = template
    const weekAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000)
    await sdk.database().collection('import_jobs').add({ data: { ...fields, _id: 'jStaleJob0000000000000', cloudPath: stalePath, state: 'running', createdAt: weekAgo, updatedAt: weekAgo, leaseUntil: new Date(0) } })
    expect(await jobs({ _id: 'jStaleJob0000000000000' })).toHaveLength(1)
    await h.ok(a, { action: 'startImport', fileName: 'next.csv' })
    expect(await jobs({ _id: 'jStaleJob0000000000000' })).toHaveLength(0)
    expect(await stored(staleFile)).toBe(false)
    expect(await jobs({ _id: fresh })).toHaveLength(1)
  })
  test('file names: .csv, .txt and .xlsx only, one line, bounded', async () => {
    const a = reader('a')
    for (const fileName of ['books.pdf', 'books', 'a\nb.csv', `${'x'.repeat(200)}.csv`, '']) {
      expect([fileName, await h.fails(a, { action: 'startImport', fileName })]).toEqual([fileName, 'INVALID_ARGUMENT'])
    }
    expect((await h.ok(a, { action: 'startImport', fileName: '豆伴.xlsx' })).cloudPath).toMatch(/\.xlsx$/)
    expect((await h.ok(a, { action: 'startImport', fileName: 'list.txt' })).cloudPath).toMatch(/\.txt$/)
  })
})

describe('importing', () => {
  test('a Goodreads export: fields mapped, the upload deleted when done', async () => {
    const a = reader('a')
    const csv = goodreadsCsv([
      { Title: 'Dune', Author: 'Frank Herbert', ISBN13: '9780441013593', 'My Rating': '5', 'Exclusive Shelf': 'read', Bookshelves: 'sci-fi, favorites', 'Private Notes': '送给小王', 'Date Added': '2023/12/30', 'Number of Pages': '688' },
      { Title: '手写的书', Author: '某人', 'My Rating': '0' },
    ])
    const { last, fileID } = await importFile(a, csv)
    expect(last).toMatchObject({ state: 'done', format: 'goodreads', total: 2, processed: 2, added: 2, duplicates: 0, skippedCount: 0 })
    const books = await allBooks(a)
    const dune = books.find((b) => b.title === 'Dune')!
    expect(dune).toMatchObject({ isbn: '9780441013593', authors: ['Frank Herbert'], status: 'read', rating: 5, note: '送给小王', pageCount: 688, is_private: false, source: 'manual' })
    expect(dune.tags).toEqual(expect.arrayContaining(['sci-fi', 'favorites']))
    expect(dune.createdAt.slice(0, 10)).toMatch(/^2023-12-(29|30)$/)
    const typed = books.find((b) => b.title === '手写的书')!
    expect(typed).toMatchObject({ rating: null, status: 'want' })
    expect(typed.isbn).toBeUndefined()
    expect(await stored(fileID)).toBe(false)
    // a finished job answers its summary again, importing nothing more
    const again = await h.ok(a, { action: 'importBooks', jobId: last.jobId })
    expect(again).toEqual(last)
  })
  test('dedupe: against the shelf and within the file, by ISBN (any form), and by title and first author without one', async () => {
    const a = reader('a')
    await h.ok(a, { action: 'addBook', isbn: '9787536692930' }) // 三体, already on the shelf
    await h.ok(a, { action: 'addBook', book: { title: '已有的手写书', authors: ['甲'] } })
    const csv = goodreadsCsv([
      { Title: '三体', ISBN: '7536692935' }, // on the shelf (ISBN-10 form)
      { Title: 'New One', ISBN13: isbn13Of(10) },
      { Title: 'New One again', ISBN13: isbn13Of(10) }, // repeat within the file
      { Title: '已有的手写书', Author: '甲' }, // typed-in, on the shelf
      { Title: '新手写书', Author: '乙' },
      { Title: '新手写书', Author: '乙' }, // repeat within the file
      { Title: '新手写书', Author: '丙' }, // another author: another book
    ])
    const { last } = await importFile(a, csv)
    expect(last).toMatchObject({ total: 7, added: 3, duplicates: 4, skippedCount: 0 })
    expect((await h.ok(a, { action: 'getShelf' })).count).toBe(5)
    // importing the same file again adds nothing
    const { last: second } = await importFile(a, csv)
    expect(second).toMatchObject({ total: 7, added: 0, duplicates: 7 })
    expect((await h.ok(a, { action: 'getShelf' })).count).toBe(5)
  })
  test('Douban rows (no ISBN): deduped by subject id first, then by title and first author; the id is never answered', async () => {
    const a = reader('a')
    const douban = (rows: [title: string, author: string, subject: string][]) =>
      Buffer.from(
        '\ufeff"标题","个人评分","打分日期","我的短评","出版日期","作者","条目链接"\r\n' +
          rows.map(([title, author, subject]) => `"${title}","4","2021/03/15","","2012/8","${author}","https://book.douban.com/subject/${subject}/",`).join('\r\n') +
          '\r\n',
      )
    const first = await importFile(a, douban([
      ['活着', '余华', '4913064'],
      ['活着', '余华', '4913064'], // the same row again
      ['活着（纪念版）', '余华', '4913064'], // another title, the same subject
      ['围城', '钱锺书', '1008145'],
    ]))
    expect(first.last).toMatchObject({ format: 'douban-csv', total: 4, added: 2, duplicates: 2 })
    const second = await importFile(a, douban([
      ['活着（精装）', '余华', '4913064'], // on the shelf by subject id
      ['围城', '钱锺书', '9999999'], // on the shelf by title and first author
      ['围城', '杨绛', '8888888'], // another first author: another book
    ]))
    expect(second.last).toMatchObject({ total: 3, added: 1, duplicates: 2 })
    const books = await allBooks(a)
    expect(books.map((b) => b.title).sort()).toEqual(['围城', '围城', '活着'])
    expect(JSON.stringify(books)).not.toMatch(/doubanId|4913064/)
    const [living] = await h.storedDocuments('books', { _openid: a, title: '活着' })
    expect(living.doubanId).toBe('4913064')
  })
  test('skipped rows carry their row numbers (the header is row 1) and reasons; a bad row never stops the import', async () => {
    const a = reader('a')
    const csv = goodreadsCsv([
      { Title: 'Fine 1', ISBN13: isbn13Of(20) }, // row 2
      { Title: 'Bad checksum', ISBN13: '9780441013590' }, // row 3
      { Author: 'Nobody' }, // row 4: no title, no ISBN
      { Title: 'x'.repeat(301) }, // row 5: too long
      { ISBN13: testIsbn(93001) }, // row 6: only an ISBN no source knows
      { ISBN13: '9787544258975' }, // row 7: only an ISBN, looked up
      { Title: 'Fine 2' }, // row 8
    ])
    const { last } = await importFile(a, csv)
    expect(last).toMatchObject({ total: 7, processed: 7, added: 3, skippedCount: 4 })
    expect(last.skipped.map((s) => [s.row, s.reason])).toEqual([
      [3, 'invalid_isbn'],
      [4, 'no_title'],
      [5, 'invalid_value'],
      [6, 'no_title'],
    ])
    expect(last.skipped[2].detail).toMatch(/title/)
    const looked = (await allBooks(a)).find((b) => b.isbn === '9787544258975')!
    expect(looked).toMatchObject({ title: '霍乱时期的爱情', source: expect.not.stringMatching(/^manual$/) })
  })
  test('the 仅自己可见 option makes every added book private', async () => {
    const a = reader('a')
    await importFile(a, goodreadsCsv([{ Title: 'P1', ISBN13: isbn13Of(30) }, { Title: 'P2' }]), 'p.csv', true)
    const books = await allBooks(a)
    expect(books).toHaveLength(2)
    expect(books.every((b) => b.is_private)).toBe(true)
    expect((await h.ok(a, { action: 'getShelf' })).publicCount).toBe(0)
  })
  test('a 2,000-row file takes several bounded slices; progress only grows; the total is right', async () => {
    const a = reader('a')
    const { progress, last } = await importFile(a, goodreadsRows(2000), 'goodreads_library_export.csv')
    const running = progress.filter((p) => p.state !== 'waiting')
    expect(running.length).toBeGreaterThanOrEqual(5)
    for (let i = 1; i < running.length; i++) expect(running[i].processed).toBeGreaterThan(running[i - 1].processed)
    expect(running.every((p) => p.total === 2000)).toBe(true)
    expect(running.slice(0, -1).every((p) => p.state === 'running')).toBe(true)
    expect(last).toMatchObject({ state: 'done', total: 2000, processed: 2000, added: 2000, duplicates: 0, skippedCount: 0 })
    expect((await h.ok(a, { action: 'getShelf' })).count).toBe(2000)
  })
  test('calls racing on one job never import a row twice: one slice at a time, counts exact', async () => {
    const a = reader('a')
    const { jobId, cloudPath } = await h.ok(a, { action: 'startImport', fileName: 'race.csv' })
    await upload(cloudPath, goodreadsRows(1200))
    let last: ImportProgress | undefined
    for (let round = 0; round < 50 && last?.state !== 'done'; round++) {
      const answers = await Promise.all([0, 1, 2].map(() => h.ok(a, { action: 'importBooks', jobId })))
      last = answers.reduce((most, p) => (p.processed > most.processed ? p : most))
    }
    expect(last).toMatchObject({ state: 'done', total: 1200, processed: 1200, added: 1200, duplicates: 0, skippedCount: 0 })
    expect((await h.ok(a, { action: 'getShelf' })).count).toBe(1200)
  })
  test('a file deleted mid-import: NOT_FOUND (the rest can never come), nothing imported twice', async () => {
    const a = reader('a')
    const { jobId, cloudPath } = await h.ok(a, { action: 'startImport', fileName: 'gone.csv' })
    const fileID = await upload(cloudPath, goodreadsRows(2000))
    const first = await h.ok(a, { action: 'importBooks', jobId })
    expect(first.state).toBe('running')
    await sdk.deleteFile({ fileList: [fileID] })
    // Two more running imports push the first one's parsed rows out of a warm instance's cache.
    for (const name of ['y.csv', 'z.csv']) {
      const other = await h.ok(a, { action: 'startImport', fileName: name })
      await upload(other.cloudPath, goodreadsRows(2000))
      expect((await h.ok(a, { action: 'importBooks', jobId: other.jobId })).state).toBe('running')
    }
    expect(await h.fails(a, { action: 'importBooks', jobId })).toBe('NOT_FOUND')
    const [job] = await jobs({ _id: jobId })
    expect(job).toMatchObject({ processed: first.processed, leaseId: '' })
  })
  test('a file no format knows, or over 5 MiB: INVALID_ARGUMENT naming why; the upload is deleted and the job waits', async () => {
    const a = reader('a')
    const { jobId, cloudPath } = await h.ok(a, { action: 'startImport', fileName: 'notes.csv' })
    const fileID = await upload(cloudPath, Buffer.from('name,phone\nLi,123\n'))
    const result = await h.call(a, { action: 'importBooks', jobId })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^unknown_format/) } })
    expect(await stored(fileID)).toBe(false)
    expect((await h.ok(a, { action: 'importBooks', jobId })).state).toBe('waiting')
    await upload(cloudPath, Buffer.concat([goodreadsCsv([{ Title: 'big' }]), Buffer.alloc(5 * 1024 * 1024, 0x20)]))
    const big = await h.call(a, { action: 'importBooks', jobId })
    expect(big).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^too_large/) } })
    // a readable file afterwards imports
    await upload(cloudPath, goodreadsCsv([{ Title: 'finally' }]))
    expect(await h.ok(a, { action: 'importBooks', jobId })).toMatchObject({ state: 'done', added: 1 })
  })
})

describe('export', () => {
  test('both files with temporary URLs; each export overwrites the last', async () => {
    const a = reader('a')
    await h.ok(a, { action: 'addBook', book: { title: '导出之书', authors: ['某人'] } })
    const first = await h.ok(a, { action: 'exportBooks' })
    expect(first.count).toBe(1)
    for (const file of [first.csv, first.xlsx]) {
      expect(file.fileID).toMatch(/^cloud:\/\/.+\/readers\/r[A-Za-z0-9_-]{22}\/exports\//)
      expect(file.maxAge).toBeGreaterThan(0)
      const response = await fetch(file.tempFileURL)
      expect(response.status).toBe(200)
      expect((await response.arrayBuffer()).byteLength).toBe(file.size)
    }
    expect(first.csv.fileName).toMatch(/^我的书架-\d{4}-\d{2}-\d{2}\.csv$/)
    expect(first.xlsx.fileName).toMatch(/\.xlsx$/)
    const csv = Buffer.from(await (await fetch(first.csv.tempFileURL)).arrayBuffer())
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv.toString('utf8')).toContain('导出之书')
    await h.ok(a, { action: 'addBook', book: { title: '第二本' } })
    const second = await h.ok(a, { action: 'exportBooks' })
    expect(second.count).toBe(2)
    expect(second.csv.fileID).toBe(first.csv.fileID)
    expect(second.xlsx.fileID).toBe(first.xlsx.fileID)
    // an empty shelf exports too
    expect((await h.ok(reader('empty'), { action: 'exportBooks' })).count).toBe(0)
  })

  describe('round trip: export → import into a fresh reader gives back every field', () => {
    let source: string
    let original: Book[]
    beforeAll(async () => {
      source = reader('src')
      const full = await h.ok(source, {
        action: 'addBook',
        book: {
          isbn: '9780306406157',
          title: 'Everything, "quoted", with\nlines',
          subtitle: 'A subtitle, with commas',
          authors: ['First Author', '第二作者'],
          publisher: '出版社',
          publishedDate: '2019-05',
          pageCount: 321,
          coverUrl: 'https://covers.example.com/x.jpg',
          summary: '简介\n第二段',
          language: 'zh',
        },
        status: 'read',
        rating: 4,
        tags: ['科幻', 'to read, maybe'],
        note: '笔记：=SUM(A1) 不是公式',
        ownership: 'owned',
        series: '三体',
        volume: 2.5,
        location: '书房',
        progress: { page: 120 },
        startedAt: '2024-01-02',
        finishedAt: '2024-02-03',
      })
      await h.ok(source, { action: 'lendBook', id: full.book.id, borrower: '小王', lentAt: '2024-03-01', dueDate: '2024-04-01' })
      await h.ok(source, { action: 'returnBook', id: full.book.id, returnedAt: '2024-03-20' })
      await h.ok(source, { action: 'lendBook', id: full.book.id, borrower: '小李', lentAt: '2024-05-01' })
      const { cloudPath } = await h.ok(source, { action: 'prepareCoverUpload', id: full.book.id, extension: 'jpg' })
      await h.ok(source, { action: 'setCover', id: full.book.id, fileID: await upload(cloudPath, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xd9])) })
      await h.ok(source, { action: 'addBook', book: { title: '只有书名' } })
      await h.ok(source, { action: 'addBook', isbn: '9787536692930', status: 'reading', progress: { percent: 37.5 }, ownership: 'owned', is_private: true })
      await h.ok(source, { action: 'addBook', book: { title: '想买的书', authors: ['某人'] }, ownership: 'wanted', rating: null })
      original = await allBooks(source)
    })

    /** What must survive: every field but the id (another reader's books get their own), the update time,
     * and the cover photo (a file in another reader's storage is never adopted). */
    const comparable = (book: Book) => {
      const { id: _id, updatedAt: _updatedAt, coverFileId: _coverFileId, ...rest } = book
      return rest
    }
    const byTitle = (books: Book[]) => [...books].sort((x, y) => x.title.localeCompare(y.title)).map(comparable)

    test.each(['csv', 'xlsx'] as const)('through the %s file', async (kind) => {
      const exported = await h.ok(source, { action: 'exportBooks' })
      const file = exported[kind]
      const content = Buffer.from(await (await fetch(file.tempFileURL)).arrayBuffer())
      const target = reader(`dst-${kind}`)
      const { last } = await importFile(target, content, file.fileName)
      expect(last).toMatchObject({ format: 'bookcase', total: original.length, added: original.length, skippedCount: 0 })
      const copy = await allBooks(target)
      expect(byTitle(copy)).toEqual(byTitle(original))
      expect(original.filter((b) => b.coverFileId)).toHaveLength(1)
      expect(copy.filter((b) => b.coverFileId)).toHaveLength(0)
    })
  })
})

describe('a slice’s time bound (IMPORT_SLICE_MS 1 ms: one batch of rows, or one lookup, per call)', () => {
  let fast: FunctionHarness
  beforeAll(async () => {
    fast = await startFunctionHarness({ env: { IMPORT_SLICE_MS: '1', LOOKUP_PROVIDER_TIMEOUT_MS: '200', LOOKUP_DEADLINE_MS: '500' } })
  })
  afterAll(() => fast.close())

  const run = async (openid: string, content: Buffer) => {
    const { jobId, cloudPath } = await fast.ok(openid, { action: 'startImport', fileName: 'slow.csv' })
    await connectSdk(fast.emulator.url).uploadFile({ cloudPath, fileContent: content })
    const seen: ImportProgress[] = []
    while (seen.at(-1)?.state !== 'done' && seen.length < 20) seen.push(await fast.ok(openid, { action: 'importBooks', jobId }))
    return seen
  }

  test('rows: each call stops after its first batch of 250 once the time is up', async () => {
    const seen = await run(reader('a'), goodreadsRows(600))
    expect(seen.map((p) => p.processed)).toEqual([250, 500, 600])
    expect(seen.at(-1)).toMatchObject({ state: 'done', added: 600 })
  })
  test('lookups cut short by the time are left for the next call, not failed; the first of a call always settles', async () => {
    for (const source of ['jisuapi', 'juhe', 'openlibrary', 'googlebooks'] as const) fast.sources.setFault(source, 'hang')
    try {
      const seen = await run(reader('a'), goodreadsCsv([{ ISBN13: '9787536692930' }, { ISBN13: '9787544258975' }, { ISBN13: '9780141439518' }]))
      expect(seen.map((p) => p.processed)).toEqual([1, 2, 3])
      expect(seen.at(-1)!.skipped.map((s) => [s.row, s.reason])).toEqual([
        [2, 'failed'],
        [3, 'failed'],
        [4, 'failed'],
      ])
    } finally {
      fast.sources.clearFaults()
    }
  })
})
