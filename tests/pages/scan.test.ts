// 扫码加书 under miniprogram-simulate: the real function looks books up from the local stand-in for
// the ISBN sources (the only fake), through the emulator. The camera is a UI boundary: the test
// "scans" by queueing the code the scanner reads.
import { startIsbnSources, SAMPLE_BOOKS, type IsbnSources } from '../support/isbn-sources'
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type RenderedPage } from '../support/simulate'
import { newReader, useEmulator } from './context'

let sources: IsbnSources
beforeAll(async () => {
  sources = await startIsbnSources({ books: SAMPLE_BOOKS })
})
afterAll(async () => {
  await sources?.close()
})
const emulator = useEmulator(() => ({ env: sources.env }))
afterEach(() => sources.clearFaults())

const [SANTI, HUOLUAN, PRIDE, NITROGEN] = SAMPLE_BOOKS
/** A valid ISBN no source knows. */
const UNKNOWN_ISBN = '9787020002207'


/** The running list, newest first, as "title|outcome". */
const sessionEntries = (comp: RenderedPage) => {
  const outcomes = comp.querySelectorAll('.session-outcome').map(textOf)
  return comp.querySelectorAll('.session-title').map((title, i) => `${textOf(title)}|${outcomes[i]}`)
}

async function shelfOf(openid: string) {
  return (await dataAs(emulator.url, openid, { action: 'listBooks', pageSize: 50 })).items
}

describe('scan page', () => {
  it('refuses an invalid ISBN before calling the function', async () => {
    const harness = createHarness(emulator.url, newReader('invalid'))
    const comp = await harness.open('scan')
    const input = comp.querySelector('.isbn-input')!
    for (const typed of ['12345', '9787536692931', 'abcdefghij']) {
      input.dispatchEvent('input', { detail: { value: typed } })
      await settle(harness.cloud)
      await tap(harness, comp.querySelector('.lookup-button'))
      expect(textOf(comp.querySelector('.isbn-error'))).toContain('请输入 10 位或 13 位 ISBN')
    }
    expect(harness.cloud.calls).toEqual([])
    // Typing again clears the hint.
    input.dispatchEvent('input', { detail: { value: '978' } })
    await settle(harness.cloud)
    expect(comp.querySelector('.isbn-error')).toBeFalsy()
  })

  it('scans a barcode, shows the looked-up book, adds it, and says so', async () => {
    const reader = newReader('scan')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('scan')
    harness.ui.scanQueue.push(SANTI.isbn13)
    await tap(harness, comp.querySelector('.scan-button'))
    expect(harness.ui.scans).toBe(1)
    expect(harness.cloud.calls.map((c) => c.data)).toEqual([{ action: 'lookup', isbn: SANTI.isbn13 }])
    const found = comp.querySelector('.found')!
    expect(textOf(found)).toContain('三体')
    expect(textOf(found)).toContain('刘慈欣')
    expect(textOf(found)).toContain('重庆出版社')
    // The cover is shown over https, as the function normalised it.
    expect(pageOf(comp).data.found.coverUrl).toMatch(/^https:\/\//)

    await tap(harness, comp.querySelector('.add-button'))
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已加入书架', icon: 'success' })
    expect(comp.querySelector('.found')).toBeFalsy()
    const entries = comp.querySelectorAll('.session-entry')
    expect(entries).toHaveLength(1)
    expect(sessionEntries(comp)).toEqual(['三体|已加入'])

    const shelf = await shelfOf(reader)
    expect(shelf.map((b) => [b.title, b.isbn, b.is_private])).toEqual([['三体', SANTI.isbn13, false]])
    await tap(harness, entries[0])
    expect(harness.ui.navigations.at(-1)!.url).toBe(`/pages/book/index?id=${shelf[0].id}`)
  })

  it('accepts a typed ISBN-10 with hyphens, and adds a book as private', async () => {
    const reader = newReader('typed')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('scan')
    comp.querySelector('.isbn-input')!.dispatchEvent('input', { detail: { value: '0-14-143951-3' } })
    comp.querySelector('.private-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.lookup-button'))
    expect(textOf(comp.querySelector('.found-title'))).toBe('Pride and Prejudice')
    expect(textOf(comp.querySelector('.add-button'))).toBe('加入书架（仅自己可见）')
    await tap(harness, comp.querySelector('.add-button'))
    const [book] = await shelfOf(reader)
    expect(book).toMatchObject({ title: PRIDE.title, isbn: PRIDE.isbn13, is_private: true })
  })

  it('says 已在书架 for a book already on the shelf, with a link to it', async () => {
    const reader = newReader('dup')
    const existing = (await dataAs(emulator.url, reader, { action: 'addBook', isbn: HUOLUAN.isbn13 })).book
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('scan')
    harness.ui.scanQueue.push(HUOLUAN.isbn13)
    await tap(harness, comp.querySelector('.scan-button'))
    await tap(harness, comp.querySelector('.add-button'))
    expect(textOf(comp.querySelector('.duplicate'))).toContain('已在书架')
    expect(comp.querySelector('.add-button')).toBeFalsy()
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已在书架', icon: 'none' })
    await tap(harness, comp.querySelector('.open-duplicate'))
    expect(harness.ui.navigations.at(-1)!.url).toBe(`/pages/book/index?id=${existing.id}`)
    expect(await shelfOf(reader)).toHaveLength(1)
  })

  it('continuous mode adds each scanned book and scans again until the reader stops', async () => {
    const reader = newReader('continuous')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('scan')
    comp.querySelector('.continuous-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)
    expect(textOf(comp.querySelector('.scan-button'))).toBe('连续扫码')

    harness.ui.scanQueue.push(SANTI.isbn13, PRIDE.isbn13, SANTI.isbn13, NITROGEN.isbn10!)
    await tap(harness, comp.querySelector('.scan-button'))
    // Four codes, then the fifth scan is cancelled and the loop ends.
    await waitFor(() => harness.ui.scans === 5 && harness.cloud.pending() === 0, 'the fifth scan')
    await settle(harness.cloud)
    expect(harness.ui.scans).toBe(5)
    expect(sessionEntries(comp)).toEqual(['Chemistry of Nitrogen|已加入', '三体|已在书架', 'Pride and Prejudice|已加入', '三体|已加入'])
    expect(textOf(comp.querySelector('.section-title'))).toBe('本次添加（4）')
    expect((await shelfOf(reader)).map((b) => b.title).sort()).toEqual(['Chemistry of Nitrogen', 'Pride and Prejudice', '三体'].sort())
  })

  it('opens the manual form prefilled with the ISBN when no source knows the book', async () => {
    const reader = newReader('unknown')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('scan')
    harness.ui.scanQueue.push(UNKNOWN_ISBN)
    await tap(harness, comp.querySelector('.scan-button'))
    expect(textOf(comp.querySelector('.manual-reason'))).toBe('没有查到这本书的信息，可以手动填写')
    expect(pageOf(comp).data.manual.isbn).toBe(UNKNOWN_ISBN)

    // Title is required, checked before calling.
    const calls = harness.cloud.calls.length
    await tap(harness, comp.querySelector('.manual-submit'))
    expect(textOf(comp.querySelector('.manual-error'))).toBe('请填写书名')
    expect(harness.cloud.calls.length).toBe(calls)

    const type = (selector: string, value: string) => comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } })
    type('.manual-title', '红楼梦')
    type('.manual-authors', '曹雪芹，高鹗')
    type('.manual-publisher', '人民文学出版社')
    type('.manual-date', '1996-12')
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.manual-submit'))
    expect(comp.querySelector('.manual')).toBeFalsy()
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已加入书架', icon: 'success' })
    const [book] = await shelfOf(reader)
    expect(book).toMatchObject({ title: '红楼梦', authors: ['曹雪芹', '高鹗'], isbn: UNKNOWN_ISBN })
    const stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored).toMatchObject({ publisher: '人民文学出版社', publishedDate: '1996-12', source: 'manual' })
  })

  it('offers the manual form when the sources are unreachable, also in continuous mode', async () => {
    // Books no earlier test looked up: the function's ISBN cache cannot answer for the sources.
    const fresh = [
      { isbn13: '9787544270878', title: '解忧杂货店', authors: ['东野圭吾'] },
      { isbn13: '9787532731077', title: '挪威的森林', authors: ['村上春树'] },
    ]
    sources.addBooks(fresh)
    for (const source of ['openlibrary', 'googlebooks', 'jisuapi', 'juhe'] as const) sources.setFault(source, 'status500')
    const reader = newReader('offline')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('scan')
    comp.querySelector('.continuous-switch')!.dispatchEvent('change', { detail: { value: true } })
    harness.ui.scanQueue.push(fresh[0].isbn13, fresh[1].isbn13)
    await tap(harness, comp.querySelector('.scan-button'))
    // The loop stopped at the first failure: the second code was never read.
    expect(harness.ui.scans).toBe(1)
    expect(textOf(comp.querySelector('.manual-reason'))).toBe('书目数据源暂时无法访问，可以手动填写')
    expect(pageOf(comp).data.manual.isbn).toBe(fresh[0].isbn13)

    await tap(harness, comp.querySelector('.manual-cancel'))
    expect(comp.querySelector('.manual')).toBeFalsy()
    expect(await shelfOf(reader)).toEqual([])
  })
})
