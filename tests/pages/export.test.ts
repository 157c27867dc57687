// 导出书架 under miniprogram-simulate: the real exportBooks writes both files to the emulator's storage,
// the page downloads them from their temporary URLs (wx.downloadFile GETs them for real), then opens
// the spreadsheet and sends either file to a chat.
import { createHarness, pageOf, tap, textOf, waitFor } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

/** The UTF-8 byte-order mark Excel needs to show Chinese in a CSV. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf])
/** Every .xlsx is a zip archive. */
const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1')

describe('export page', () => {
  it('exports the shelf, opens the spreadsheet and sends either file to a chat', async () => {
    const reader = newReader('export')
    await seedBooks(emulator.url, reader, [
      { title: '三体', authors: ['刘慈欣'], status: 'read', rating: 5, tags: ['科幻'], note: '读过两遍' },
      { title: '活着', authors: ['余华'], is_private: true },
      { title: 'Dune, Part "One"', authors: ['Frank Herbert'] },
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('export')

    expect(harness.cloud.calls.map((c) => c.data.action)).toEqual(['exportBooks'])
    expect(textOf(comp.querySelector('.export-count'))).toBe('3')
    expect(textOf(comp.querySelector('.xlsx-name'))).toMatch(/\.xlsx$/)
    expect(textOf(comp.querySelector('.csv-name'))).toMatch(/\.csv$/)
    const downloads = harness.cloud.files.filter((f) => f.api === 'downloadFile')
    expect(downloads).toHaveLength(2)
    expect(downloads.every((d) => 'statusCode' in d && d.statusCode === 200)).toBe(true)

    await tap(harness, comp.querySelector('.open-button'))
    const opened = harness.cloud.files.find((f) => f.api === 'openDocument')
    if (!opened || opened.api !== 'openDocument') throw new Error('openDocument was not called')
    expect(opened).toMatchObject({ fileType: 'xlsx', showMenu: true })
    expect(harness.cloud.tempFile(opened.filePath).subarray(0, 4).equals(ZIP_MAGIC)).toBe(true)

    await tap(harness, comp.querySelector('.share-csv'))
    await tap(harness, comp.querySelector('.share-xlsx'))
    const shared = harness.cloud.files.filter((f) => f.api === 'shareFileMessage')
    expect(shared.map((s) => s.api === 'shareFileMessage' && s.fileName)).toEqual([
      textOf(comp.querySelector('.csv-name')),
      textOf(comp.querySelector('.xlsx-name')),
    ])
    const [csvShare, xlsxShare] = shared as { filePath: string }[]
    const csv = harness.cloud.tempFile(csvShare.filePath)
    expect(csv.subarray(0, 3).equals(BOM)).toBe(true)
    const text = csv.toString('utf8')
    for (const expected of ['三体', '刘慈欣', '读过两遍', '活着', '"Dune, Part ""One"""']) expect(text).toContain(expected)
    expect(xlsxShare.filePath).toBe(opened.filePath)
    expect(harness.ui.toasts).toEqual([])
  })

  it('says so when sending fails, and not when the reader backs out', async () => {
    const reader = newReader('share-fail')
    await seedBooks(emulator.url, reader, [{ title: '围城' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('export')
    harness.cloud.failNext('shareFileMessage', 'shareFileMessage:fail cancel')
    await tap(harness, comp.querySelector('.share-csv'))
    expect(harness.ui.toasts).toEqual([])
    harness.cloud.failNext('shareFileMessage', 'shareFileMessage:fail no permission')
    await tap(harness, comp.querySelector('.share-csv'))
    await waitFor(() => harness.ui.toasts.length > 0, 'a toast')
    expect(harness.ui.toasts).toEqual([{ title: '发送失败，请稍后重试', icon: 'none' }])
  })

  it('tries wx.cloud.downloadFile when wx.downloadFile is refused, and shows the error with 重试 when that fails too', async () => {
    const reader = newReader('fallback')
    await seedBooks(emulator.url, reader, [{ title: '围城' }])
    const harness = createHarness(emulator.url, reader)
    harness.cloud.failNext('downloadFile', 'downloadFile:fail url not in domain list')
    const comp = await harness.open('export')
    // The emulator's storage keeps a file the function wrote from the client's storage calls (emulator/README.md,
    // "Client storage"), so the second way is refused as well here.
    const fallbacks = harness.cloud.files.filter((f) => f.api === 'cloud.downloadFile')
    expect(fallbacks).toHaveLength(1)
    expect(fallbacks[0]).toMatchObject({ fileID: expect.stringMatching(/^cloud:\/\/.*\.xlsx$/) })
    const error = comp.querySelector('.error-state')!
    expect(textOf(error)).toContain('导出失败')
    await tap(harness, error.querySelector('.empty-action'))
    await waitFor(() => !pageOf(comp).data.loading, 'the export')
    expect(textOf(comp.querySelector('.export-count'))).toBe('1')
  })

  it('shows an empty state for an empty shelf, with the way to add books', async () => {
    const harness = createHarness(emulator.url, newReader('empty'))
    const comp = await harness.open('export')
    const empty = comp.querySelector('.empty-shelf')!
    expect(textOf(empty)).toContain('书架上还没有书')
    expect(comp.querySelector('.open-button')).toBeFalsy()
    expect(harness.cloud.files.filter((f) => f.api === 'downloadFile')).toEqual([])
    await tap(harness, empty.querySelector('.empty-action'))
    expect(harness.ui.navigations).toEqual([{ api: 'switchTab', url: '/pages/scan/index', delta: undefined }])
  })

  it('shows an error state offline and exports on retry', async () => {
    const reader = newReader('export-offline')
    await seedBooks(emulator.url, reader, [{ title: '离线导出' }])
    const harness = createHarness(DEAD_GATEWAY, reader)
    const comp = await harness.open('export')
    const error = comp.querySelector('.error-state')!
    expect(textOf(error)).toContain('导出失败')
    expect(textOf(error)).toContain('网络不可用')
    harness.cloud.setBaseUrl(emulator.url)
    await tap(harness, error.querySelector('.empty-action'))
    await waitFor(() => !pageOf(comp).data.loading, 'the export')
    expect(textOf(comp.querySelector('.export-count'))).toBe('1')
  })
})
