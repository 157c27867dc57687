// "Do I own it?" on the scan page: the local set of the reader's ISBNs (utils/owned-isbns.ts) answers
// 已在书架 at once, with the gateway down too, and follows adds and removals made through the Mini
// Program. Real function and emulator; the ISBN sources are the local stand-in.
import { startIsbnSources, SAMPLE_BOOKS, type IsbnSources } from '../support/isbn-sources'
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type PageHarness, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'

type OwnedIsbns = typeof import('../../miniprogram/utils/owned-isbns')
type Api = typeof import('../../miniprogram/services/api')

let sources: IsbnSources
beforeAll(async () => {
  sources = await startIsbnSources({ books: SAMPLE_BOOKS })
})
afterAll(async () => {
  await sources?.close()
})
const emulator = useEmulator(() => ({ env: sources.env }))

const [SANTI, HUOLUAN] = SAMPLE_BOOKS
/** A valid ISBN no source knows: only a typed-in book can have it. */
const TYPED_ISBN = '9787020002207'
/** The Hobbit's ISBN-13 in tests/fixtures/import/e2e-goodreads.csv. */
const HOBBIT_ISBN = '9780547928227'

/** Opens the scan page as WeChat does (onLoad, then onShow) and waits for the set to be built. */
async function openScan(harness: PageHarness): Promise<RenderedPage> {
  const comp = await harness.open('scan')
  await pageOf(comp).onShow()
  await settle(harness.cloud)
  return comp
}

async function typeAndLookUp(harness: PageHarness, comp: RenderedPage, isbn: string) {
  comp.querySelector('.isbn-input')!.dispatchEvent('input', { detail: { value: isbn } })
  await settle(harness.cloud)
  await tap(harness, comp.querySelector('.lookup-button'))
}

const owned = (harness: PageHarness, isbn: string) => harness.miniprogramModule<OwnedIsbns>('utils/owned-isbns').ownedness(isbn)

describe('scan page: do I own it?', () => {
  it('says 已在书架 with the gateway down, never offering the manual form for a book on the shelf', async () => {
    const reader = newReader('owned-offline')
    await seedBooks(emulator.url, reader, [{ title: '手抄本', isbn: TYPED_ISBN }])
    const harness = createHarness(emulator.url, reader)
    const comp = await openScan(harness)
    expect(harness.cloud.calls.map((c) => c.data.action)).toEqual(['listBooks'])
    // Compact: 12 digits a book in one string.
    expect(JSON.parse(harness.storage.get('bookcase.ownedIsbns')!).digits).toBe(TYPED_ISBN.slice(0, 12))

    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    const before = harness.cloud.calls.length
    await typeAndLookUp(harness, comp, TYPED_ISBN)
    expect(textOf(comp.querySelector('.duplicate'))).toContain('已在书架')
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已在书架', icon: 'none' })
    expect(comp.querySelector('.manual')).toBeFalsy()
    expect(harness.cloud.calls.slice(before).map((c) => c.data.action)).not.toContain('lookup')

    // Back online the copy's id arrives, and 查看这本书 opens it.
    harness.cloud.setBaseUrl(emulator.url)
    await typeAndLookUp(harness, comp, TYPED_ISBN)
    const [book] = (await dataAs(emulator.url, reader, { action: 'listBooks' })).items
    expect(pageOf(comp).data.duplicateId).toBe(book.id)
    await tap(harness, comp.querySelector('.open-duplicate'))
    expect(harness.ui.navigations.at(-1)!.url).toBe(`/pages/book/index?id=${book.id}`)
  })

  it('without a set yet, checks the shelf before asking to type in a book no source knows', async () => {
    const reader = newReader('owned-noset')
    await seedBooks(emulator.url, reader, [{ title: '手抄本', isbn: TYPED_ISBN }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('scan') // no onShow: the set is never built
    expect(harness.storage.has('bookcase.ownedIsbns')).toBe(false)
    await typeAndLookUp(harness, comp, TYPED_ISBN)
    expect(comp.querySelector('.manual')).toBeFalsy()
    expect(textOf(comp.querySelector('.duplicate'))).toContain('已在书架')
    expect(comp.querySelector('.open-duplicate')).toBeTruthy()
  })

  it('keeps the set in step with adds and removals, and in continuous mode skips owned books offline', async () => {
    const reader = newReader('owned-step')
    const harness = createHarness(emulator.url, reader)
    const comp = await openScan(harness)
    expect(owned(harness, SANTI.isbn13)).toBe('not-owned')

    harness.ui.scanQueue.push(SANTI.isbn13)
    await tap(harness, comp.querySelector('.scan-button'))
    await tap(harness, comp.querySelector('.add-button'))
    expect(harness.ui.toasts.at(-1)!.title).toBe('已加入书架')
    expect(owned(harness, SANTI.isbn13)).toBe('owned')

    // Continuous mode, gateway down: the owned book is skipped at once and the next scan starts.
    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    comp.querySelector('.continuous-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)
    harness.ui.scanQueue.push(SANTI.isbn13)
    const scans = harness.ui.scans
    await tap(harness, comp.querySelector('.scan-button'))
    expect(harness.ui.scans).toBe(scans + 2) // the owned one, then the next (cancelled)
    expect(textOf(comp.querySelector('.session-outcome'))).toBe('已在书架')
    expect(comp.querySelector('.manual')).toBeFalsy()
    harness.cloud.setBaseUrl(emulator.url)
    comp.querySelector('.continuous-switch')!.dispatchEvent('change', { detail: { value: false } })

    // A removal through the Mini Program drops that ISBN at once (removeBook answers it): the set stays
    // fresh, so the next onShow re-reads no listBooks page.
    const api = harness.miniprogramModule<Api>('services/api')
    const [book] = (await dataAs(emulator.url, reader, { action: 'listBooks' })).items
    await api.call('removeBook', { id: book.id })
    expect(owned(harness, SANTI.isbn13)).toBe('not-owned')
    const afterRemoval = harness.cloud.calls.length
    await pageOf(comp).onShow()
    await settle(harness.cloud)
    expect(harness.cloud.calls.slice(afterRemoval).map((c) => c.data.action)).not.toContain('listBooks')
    expect(owned(harness, SANTI.isbn13)).toBe('not-owned')

    // A batch add joins the set too.
    await api.call('addBooks', { isbns: [HUOLUAN.isbn13] })
    expect(owned(harness, HUOLUAN.isbn13)).toBe('owned')
  })

  it('follows an import: the set is rebuilt after it, and an imported book is 已在书架 offline', async () => {
    const reader = newReader('owned-import')
    const harness = createHarness(emulator.url, reader)
    const scan = await openScan(harness)
    expect(owned(harness, HOBBIT_ISBN)).toBe('not-owned')

    const importer = await harness.open('import')
    harness.cloud.chooseFiles({ fixture: 'tests/fixtures/import/e2e-goodreads.csv' })
    await tap(harness, importer.querySelector('.choose-button'))
    await waitFor(() => pageOf(importer).data.phase === 'done', 'the import to finish', 30_000)
    expect((await dataAs(emulator.url, reader, { action: 'listBooks' })).items.map((b) => b.isbn)).toContain(HOBBIT_ISBN)

    // The import's answer lists no ISBNs: the set is stale until the scan page shows again and rebuilds it.
    expect(owned(harness, HOBBIT_ISBN)).toBe('unknown')
    await pageOf(scan).onShow()
    await waitFor(() => owned(harness, HOBBIT_ISBN) === 'owned', 'the rebuilt set')
    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    await typeAndLookUp(harness, scan, HOBBIT_ISBN)
    expect(textOf(scan.querySelector('.duplicate'))).toContain('已在书架')
    expect(scan.querySelector('.manual')).toBeFalsy()
  })

  it('forgets a book removed elsewhere once the shelf says so, and looks it up', async () => {
    const reader = newReader('owned-elsewhere')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '三体', isbn: SANTI.isbn13 }])
    const harness = createHarness(emulator.url, reader)
    const comp = await openScan(harness)
    await dataAs(emulator.url, reader, { action: 'removeBook', id: book.id }) // another device
    await typeAndLookUp(harness, comp, SANTI.isbn13)
    await waitFor(() => comp.querySelector('.found') !== undefined && comp.querySelector('.found') !== null, 'the looked-up book')
    expect(textOf(comp.querySelector('.found'))).toContain('三体')
    expect(comp.querySelector('.add-button')).toBeTruthy()
    expect(owned(harness, SANTI.isbn13)).not.toBe('owned')
  })

  it('opens 手动添加 without a lookup: one ISBN field, the cursor in 书名, every field bounded', async () => {
    const harness = createHarness(emulator.url, newReader('manual-add'))
    const comp = await harness.open('scan')
    await tap(harness, comp.querySelector('.manual-add'))
    expect(harness.cloud.calls).toEqual([])
    expect(comp.querySelector('.manual')).toBeTruthy()
    expect(comp.querySelector('.manual-reason')).toBeFalsy()
    expect(comp.querySelectorAll('.isbn-input')).toHaveLength(0)
    expect(comp.querySelectorAll('.manual-isbn')).toHaveLength(1)
    await waitFor(() => pageOf(comp).data.manualFocus === true, 'focus in 书名')
    // The inputs bind these (pages/scan/index.wxml): the function's bounds from utils/limits.ts.
    expect(pageOf(comp).data.maxlength).toMatchObject({ title: 300, publisher: 200, isbn: 32 })

    // A 300-character title is saved whole (WeChat's default maxlength would stop at 140).
    const title = '长'.repeat(300)
    comp.querySelector('.manual-title')!.dispatchEvent('input', { detail: { value: title } })
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.manual-submit'))
    expect(harness.ui.toasts.at(-1)!.title).toBe('已加入书架')
    expect(harness.cloud.calls.map((c) => c.data.action)).toEqual(['addBook'])
  })
})
