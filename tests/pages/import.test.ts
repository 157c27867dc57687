// 导入书籍 under miniprogram-simulate: the reader picks a file from a chat (the bridge's queue), the
// page uploads it to the job's path in the emulator's storage and drives the real importBooks slices.
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type PageHarness, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, useEmulator } from './context'

const emulator = useEmulator()
type ShelfChanges = typeof import('../../miniprogram/utils/shelf-changes')
const shelfChanges = (harness: PageHarness) => harness.miniprogramModule<ShelfChanges>('utils/shelf-changes')

const GOODREADS = 'tests/fixtures/import/e2e-goodreads.csv'
const GOODREADS_HEADER =
  'Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,Publisher,Binding,Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,Private Notes,Read Count,Owned Copies'

/** A Goodreads export of `count` typed-in books (no ISBN, so nothing is looked up). */
function goodreadsRows(count: number): Buffer {
  const rows = Array.from({ length: count }, (_, i) => `${i + 1},Book ${i + 1},Author ${i % 7},,,"=""""","=""""",0,,,,,,,,2024/01/01,to-read,,to-read,,,,0,0`)
  return Buffer.from([GOODREADS_HEADER, ...rows].join('\n') + '\n')
}

async function listAll(openid: string) {
  return (await dataAs(emulator.url, openid, { action: 'listBooks', pageSize: 50, sort: 'title' })).items
}

/** Opens the import page, picks `file` from the chat and waits until the page ends in `phase`. */
async function importFile(harness: PageHarness, file: Parameters<PageHarness['cloud']['chooseFiles']>[0], phase = 'done'): Promise<RenderedPage> {
  const comp = await harness.open('import')
  harness.cloud.chooseFiles(file)
  await tap(harness, comp.querySelector('.choose-button'))
  await waitFor(() => pageOf(comp).data.phase === phase, `the import to end in ${phase}`, 30_000)
  return comp
}

const retryButton = (comp: RenderedPage) => comp.querySelector('.error-state')?.querySelector('.empty-action')

describe('import page', () => {
  it('imports a Goodreads file from a chat: upload to the job path, progress, then a summary with skipped rows', async () => {
    const reader = newReader('goodreads')
    const harness = createHarness(emulator.url, reader)
    const comp = await importFile(harness, { fixture: GOODREADS })

    const chosen = harness.cloud.files.find((f) => f.api === 'chooseMessageFile')
    expect(chosen && 'options' in chosen && chosen.options).toMatchObject({ count: 1, type: 'file', extension: ['csv', 'txt', 'xlsx'] })
    const start = harness.cloud.calls.find((c) => c.data.action === 'startImport')!
    expect(start.data).toEqual({ action: 'startImport', fileName: 'e2e-goodreads.csv', is_private: false })
    const upload = harness.cloud.files.find((f) => f.api === 'cloud.uploadFile')
    expect(upload && 'cloudPath' in upload && upload.cloudPath).toBeTruthy()
    expect(harness.cloud.calls.filter((c) => c.data.action === 'importBooks').length).toBeGreaterThanOrEqual(1)

    expect(textOf(comp.querySelector('.summary-title'))).toBe('导入完成')
    expect(textOf(comp.querySelector('.summary-file'))).toBe('Goodreads · e2e-goodreads.csv')
    expect(textOf(comp.querySelector('.count-added'))).toBe('3')
    expect(textOf(comp.querySelector('.count-duplicates'))).toBe('1')
    expect(textOf(comp.querySelector('.count-skipped'))).toBe('2')
    const reasons = comp.querySelectorAll('.skip-reason').map((node) => textOf(node))
    const skipped = comp.querySelectorAll('.skip-where').map((node, i) => [textOf(node), reasons[i]])
    expect(skipped).toEqual([
      ['第 5 行', 'ISBN 无效'],
      ['第 6 行', '没有书名（按 ISBN 也没有查到）'],
    ])

    const books = await listAll(reader)
    expect(books.map((b) => b.title).sort()).toEqual(['1984', 'Dune', 'The Hobbit'])
    const hobbit = await dataAs(emulator.url, reader, { action: 'getBook', id: books.find((b) => b.title === 'The Hobbit')!.id })
    expect(hobbit).toMatchObject({ isbn: '9780547928227', status: 'read', rating: 5, note: 'My own copy, signed', is_private: false })
    expect(hobbit.tags).toEqual(expect.arrayContaining(['fantasy', 'favorites']))
    expect([...shelfChanges(harness).takeShelfChanges()]).toEqual(['books'])

    // 查看书架 goes to the shelf tab; 再导入一个文件 starts over.
    await tap(harness, comp.querySelector('.view-shelf'))
    expect(harness.ui.navigations).toEqual([{ api: 'switchTab', url: '/pages/shelf/index', delta: undefined }])
    await tap(harness, comp.querySelector('.import-another'))
    expect(comp.querySelector('.choose-button')).toBeTruthy()
  })

  it('is reached from 我的 (导入书籍), which also leads to 导出书架', async () => {
    const harness = createHarness(emulator.url, newReader('settings'))
    const settings = await harness.open('settings')
    expect(textOf(settings.querySelector('.import-cell'))).toContain('导入书籍')
    await tap(harness, settings.querySelector('.import-cell'))
    await tap(harness, settings.querySelector('.export-cell'))
    expect(harness.ui.navigations).toEqual([
      { api: 'navigateTo', url: '/pages/import/index', delta: undefined },
      { api: 'navigateTo', url: '/pages/export/index', delta: undefined },
    ])
  })

  it('shows the progress bar moving over a file that takes several slices, and leaving and returning keeps one import going', async () => {
    // More rows than one slice takes (the function's IMPORT_SLICE_ROWS, 500 unless set).
    const ROWS = 1200
    const reader = newReader('slices')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('import')
    harness.cloud.chooseFiles({ content: goodreadsRows(ROWS), name: 'big-library.csv' })
    const seen: { percent: number; processed: number; total: number }[] = []
    const original = pageOf(comp).setData.bind(pageOf(comp))
    pageOf(comp).setData = (data: Record<string, unknown>, cb?: () => void) => {
      const progress = data.progress as { percent: number; processed: number; total: number } | undefined
      if (progress) seen.push({ percent: progress.percent, processed: progress.processed, total: progress.total })
      original(data, cb)
      // The reader comes back to the page (e.g. from the chat list) after every step.
      if (progress) pageOf(comp).onShow()
    }
    const cloud = wx.cloud as unknown as { callFunction(param: { data?: Record<string, unknown> }): Promise<unknown> }
    const callFunction = cloud.callFunction.bind(cloud)
    let inFlight = 0
    let mostInFlight = 0
    cloud.callFunction = (param) => {
      if (param.data?.action !== 'importBooks') return callFunction(param)
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      return callFunction(param).finally(() => inFlight--)
    }
    comp.querySelector('.choose-button')!.dispatchEvent('tap')
    await waitFor(() => pageOf(comp).data.phase === 'importing', 'the import to start', 30_000)
    expect(textOf(comp.querySelector('.progress-count'))).toMatch(/^已处理 \d+ \/ \d+ 行$/)
    await waitFor(() => pageOf(comp).data.phase === 'done', 'the import to finish', 100_000)

    const slices = harness.cloud.calls.filter((c) => c.data.action === 'importBooks').length
    expect(slices).toBeGreaterThan(1)
    const during = seen.filter((p) => p.total === ROWS && p.processed > 0 && p.processed < ROWS)
    expect(during.length).toBeGreaterThan(0)
    expect(during.every((p) => p.percent === Math.floor((p.processed * 100) / ROWS))).toBe(true)
    expect(seen.at(-1)).toEqual({ percent: 100, processed: ROWS, total: ROWS })
    expect(mostInFlight).toBe(1)
    expect(textOf(comp.querySelector('.count-added'))).toBe(String(ROWS))
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).count).toBe(ROWS)
  }, 150_000)

  it('imports a 豆伴 workbook (.xlsx, one sheet per status)', async () => {
    const reader = newReader('doufen')
    const harness = createHarness(emulator.url, reader)
    const comp = await importFile(harness, { fixture: 'tests/fixtures/import/doufen.xlsx' })
    expect(harness.cloud.calls.find((c) => c.data.action === 'startImport')!.data.fileName).toBe('doufen.xlsx')
    expect(textOf(comp.querySelector('.summary-file'))).toBe('豆伴表格 · doufen.xlsx')
    expect(textOf(comp.querySelector('.count-added'))).toBe('4')
    expect(comp.querySelectorAll('.skip-where')).toHaveLength(0)
    const books = await listAll(reader)
    expect(Object.fromEntries(books.map((b) => [b.title, b.status]))).toEqual({ 活着: 'read', 追风筝的人: 'read', 三体全集: 'reading', 百年孤独: 'want' })
  })

  it('imports everything as 仅自己可见 when the option is on', async () => {
    const reader = newReader('private')
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('import')
    comp.querySelector('.private-switch')!.dispatchEvent('change', { detail: { value: true } })
    await settle(harness.cloud)
    harness.cloud.chooseFiles({ fixture: GOODREADS })
    await tap(harness, comp.querySelector('.choose-button'))
    await waitFor(() => pageOf(comp).data.phase === 'done', 'the import', 30_000)

    expect(harness.cloud.calls.find((c) => c.data.action === 'startImport')!.data.is_private).toBe(true)
    const books = await listAll(reader)
    expect(books).toHaveLength(3)
    expect(books.every((b) => b.is_private)).toBe(true)
    expect((await dataAs(emulator.url, reader, { action: 'getShelf' })).publicCount).toBe(0)
  })

  it('says a file it cannot read cannot be imported, adds nothing, and lets the reader pick another', async () => {
    const reader = newReader('unreadable')
    const harness = createHarness(emulator.url, reader)
    const comp = await importFile(harness, { content: Buffer.from('shopping list\nmilk, eggs\nbread\n'), name: 'notes.csv' }, 'failed')
    const error = comp.querySelector('.error-state')!
    expect(textOf(error)).toContain('无法导入这个文件')
    expect(textOf(error)).toContain('Goodreads')
    expect(textOf(error.querySelector('.empty-action'))).toBe('选择其他文件')
    expect(await listAll(reader)).toEqual([])

    await tap(harness, error.querySelector('.empty-action'))
    expect(comp.querySelector('.choose-button')).toBeTruthy()
    expect(harness.cloud.calls.filter((c) => c.data.action === 'startImport')).toHaveLength(1)
  })

  it('refuses another kind of file or one over 5 MB before anything is sent', async () => {
    const harness = createHarness(emulator.url, newReader('refused'))
    const comp = await harness.open('import')
    expect(textOf(comp)).toContain('CSV、TXT 或 XLSX 文件，不超过 5 MB、10000 行')
    harness.cloud.chooseFiles({ content: Buffer.from('%PDF-1.4'), name: 'library.pdf' })
    await tap(harness, comp.querySelector('.choose-button'))
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '请选择 CSV、TXT 或 XLSX 文件', icon: 'none' })
    harness.cloud.chooseFiles({ content: Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), name: 'huge.csv' })
    await tap(harness, comp.querySelector('.choose-button'))
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '文件超过 5 MB，无法导入', icon: 'none' })
    // Backing out of the chooser (nothing queued) does nothing either.
    await tap(harness, comp.querySelector('.choose-button'))
    expect(harness.cloud.calls).toEqual([])
    expect(pageOf(comp).data.phase).toBe('choose')
  })

  it('retries a failed upload, and resumes an interrupted import without adding a book twice', async () => {
    const reader = newReader('resume')
    const harness = createHarness(emulator.url, reader)
    harness.cloud.failNext('cloud.uploadFile', 'cloud.uploadFile:fail network error')
    const comp = await importFile(harness, { fixture: GOODREADS }, 'failed')
    expect(textOf(comp.querySelector('.error-state'))).toContain('上传失败')

    // The retry uploads again, then the first importBooks call finds the network gone.
    const cloud = wx.cloud as unknown as { callFunction(param: { data?: Record<string, unknown> }): Promise<unknown> }
    const callFunction = cloud.callFunction.bind(cloud)
    let dropped = false
    cloud.callFunction = (param) => {
      if (!dropped && param.data?.action === 'importBooks') {
        dropped = true
        harness.cloud.setBaseUrl(DEAD_GATEWAY)
        const answer = callFunction(param)
        harness.cloud.setBaseUrl(emulator.url)
        return answer
      }
      return callFunction(param)
    }
    await tap(harness, retryButton(comp))
    await waitFor(() => dropped && pageOf(comp).data.phase === 'failed', 'the interrupted import', 30_000)
    expect(textOf(comp.querySelector('.error-state'))).toContain('导入中断')
    expect(textOf(comp.querySelector('.error-state'))).toContain('重试将从中断处继续')
    expect(harness.cloud.files.filter((f) => f.api === 'cloud.uploadFile')).toHaveLength(2)

    await tap(harness, retryButton(comp))
    await waitFor(() => pageOf(comp).data.phase === 'done', 'the resumed import', 30_000)
    expect(harness.cloud.calls.filter((c) => c.data.action === 'startImport')).toHaveLength(1)
    expect(harness.cloud.files.filter((f) => f.api === 'cloud.uploadFile')).toHaveLength(2)
    expect(textOf(comp.querySelector('.count-added'))).toBe('3')
    expect(await listAll(reader)).toHaveLength(3)
  })
})
