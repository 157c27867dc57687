// Cover photos on 书籍详情 under miniprogram-simulate: the action sheet (a queued answer), the photo the
// reader takes or picks (the bridge's chooseMedia queue), the upload to the path prepareCoverUpload
// names in the emulator's storage, and the real setCover.
import { readFileSync } from 'fs'
import path from 'path'
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, tap, textOf, waitFor, type PageHarness, type RenderedPage } from '../support/simulate'
import { newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()
type ShelfChanges = typeof import('../../miniprogram/utils/shelf-changes')
const shelfChanges = (harness: PageHarness) => harness.miniprogramModule<ShelfChanges>('utils/shelf-changes')

const PNG = readFileSync(path.join(__dirname, '../fixtures/import/e2e-cover.png'))

/** Records wx.showActionSheet and answers it from a queue (an empty queue: the reader backed out). */
function fakeActionSheet(): { sheets: string[][]; answers: number[] } {
  const state = { sheets: [] as string[][], answers: [] as number[] }
  ;(wx as unknown as Record<string, unknown>).showActionSheet = (options: {
    itemList: string[]
    success?: (res: { tapIndex: number }) => void
    fail?: (err: { errMsg: string }) => void
  }) => {
    state.sheets.push(options.itemList)
    const tapIndex = state.answers.shift()
    setTimeout(() => (tapIndex === undefined ? options.fail?.({ errMsg: 'showActionSheet:fail cancel' }) : options.success?.({ tapIndex })), 0)
  }
  return state
}

type Node = ReturnType<RenderedPage['querySelector']>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dataOf = (node: Node) => (node as any)?.instance?.data as Record<string, string> | undefined
/** What a book-cover shows: its photo's file id (its <image class="cover-photo" src="{{fileId}}">), else
 * its looked-up URL, else null for the placeholder. */
function shownCover(cover: Node): string | null {
  if (!cover) throw new Error('no book-cover')
  if (cover.querySelector('.cover-photo')) return dataOf(cover)!.fileId
  if (cover.querySelector('.cover-image')) return dataOf(cover)!.src
  return null
}
const heroCover = (comp: RenderedPage) => shownCover(comp.querySelector('.hero-book-cover'))

async function openOwnBook(title = '活着', extra: Parameters<typeof seedBooks>[2][number] = {}) {
  const reader = newReader('cover')
  const [book] = await seedBooks(emulator.url, reader, [{ title, ...extra }])
  const harness = createHarness(emulator.url, reader)
  const sheet = fakeActionSheet()
  const comp = await harness.open('book', { id: book.id })
  return { reader, book, harness, sheet, comp }
}

/** Taps 添加封面 / 更换封面, answers the sheet with `choice`, and waits for the toast that ends it. */
async function coverMenu(harness: PageHarness, comp: RenderedPage, sheet: { answers: number[] }, choice: number) {
  const toasts = harness.ui.toasts.length
  sheet.answers.push(choice)
  await tap(harness, comp.querySelector('.cover-edit'))
  await waitFor(() => harness.ui.toasts.length > toasts, 'the cover toast')
}

describe('book page cover photos', () => {
  it('takes a photo as the cover: uploaded where the function says, stored as a file id, shown at once', async () => {
    const { reader, book, harness, sheet, comp } = await openOwnBook()
    expect(textOf(comp.querySelector('.cover-edit'))).toBe('添加封面')
    harness.cloud.chooseMedia({ content: PNG, name: 'cover.png', width: 60, height: 84 })
    await coverMenu(harness, comp, sheet, 0)

    expect(sheet.sheets[0]).toEqual(['拍封面', '从相册选择'])
    const chosen = harness.cloud.files.find((f) => f.api === 'chooseMedia')
    expect(chosen && 'options' in chosen && chosen.options).toMatchObject({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['camera'] })
    const prepare = harness.cloud.calls.find((c) => c.data.action === 'prepareCoverUpload')!
    expect(prepare.data).toEqual({ action: 'prepareCoverUpload', id: book.id, extension: 'png' })
    const upload = harness.cloud.files.find((f) => f.api === 'cloud.uploadFile')
    if (!upload || upload.api !== 'cloud.uploadFile') throw new Error('nothing uploaded')
    expect(harness.cloud.tempFile(upload.filePath).equals(PNG)).toBe(true)
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '封面已更新', icon: 'success' })

    const stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored.coverFileId).toMatch(/^cloud:\/\//)
    expect(stored.coverFileId).toContain(upload.cloudPath)
    expect(heroCover(comp)).toBe(stored.coverFileId)
    expect(textOf(comp.querySelector('.cover-edit'))).toBe('更换封面')
    expect([...shelfChanges(harness).takeShelfChanges()]).toEqual(['books'])

    // The shelf's card shows the photo too (a fresh harness: a registry loads each component once).
    const shelf = await createHarness(emulator.url, reader).open('shelf')
    await waitFor(() => shelf.querySelectorAll('.book').length === 1, 'the card')
    expect(shownCover(shelf.querySelector('.book')!.querySelector('.card-cover'))).toBe(stored.coverFileId)
  })

  it('replaces the cover from the album (the old file is deleted) and removes it after a confirmation', async () => {
    const { reader, book, harness, sheet, comp } = await openOwnBook('围城', { coverUrl: 'https://img.example.com/weicheng.jpg' })
    harness.cloud.chooseMedia({ content: PNG, name: 'first.png' })
    await coverMenu(harness, comp, sheet, 1)
    const first = (await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).coverFileId!

    harness.cloud.chooseMedia({ content: PNG, name: 'second.png' })
    await coverMenu(harness, comp, sheet, 1)
    expect(sheet.sheets[1]).toEqual(['拍封面', '从相册选择', '移除封面'])
    const second = (await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).coverFileId!
    expect(second).not.toBe(first)
    expect(heroCover(comp)).toBe(second)
    const old = (await wx.cloud.getTempFileURL({ fileList: [first] })).fileList[0]
    expect(old.status).not.toBe(0)

    // 移除封面: cancelled at the modal, nothing changes.
    harness.ui.modalAnswers.push(false)
    sheet.answers.push(2)
    await tap(harness, comp.querySelector('.cover-edit'))
    await waitFor(() => harness.ui.modals.length === 1, 'the confirmation')
    expect(harness.ui.modals[0].title).toBe('移除封面？')
    expect((await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).coverFileId).toBe(second)

    harness.ui.modalAnswers.push(true)
    await coverMenu(harness, comp, sheet, 2)
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已移除封面', icon: 'success' })
    const removed = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(removed.coverFileId).toBeUndefined()
    // The looked-up cover shows again.
    expect(heroCover(comp)).toBe('https://img.example.com/weicheng.jpg')
    expect((await wx.cloud.getTempFileURL({ fileList: [second] })).fileList[0].status).not.toBe(0)
  })

  it('changes nothing when the reader backs out of the menu or the camera, and reports a failed upload', async () => {
    const { reader, book, harness, sheet, comp } = await openOwnBook()
    await tap(harness, comp.querySelector('.cover-edit')) // no sheet answer: backed out
    sheet.answers.push(0)
    await tap(harness, comp.querySelector('.cover-edit')) // nothing queued for chooseMedia: backed out
    const coverCalls = () => harness.cloud.calls.filter((c) => c.data.action === 'prepareCoverUpload' || c.data.action === 'setCover')
    expect(coverCalls()).toEqual([])
    expect(harness.cloud.files.filter((f) => f.api === 'cloud.uploadFile')).toEqual([])

    harness.cloud.chooseMedia({ content: PNG, name: 'cover.png' })
    harness.cloud.failNext('cloud.uploadFile', 'cloud.uploadFile:fail network error')
    await coverMenu(harness, comp, sheet, 0)
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '网络不可用，请稍后重试', icon: 'none' })
    expect((await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).coverFileId).toBeUndefined()
    expect(heroCover(comp)).toBeNull()
    expect(pageOf(comp).data.book.coverFileId).toBe('')
  })

  it('recompresses a large photo before uploading it, and uploads a small one as it is', async () => {
    const { reader, book, harness, sheet, comp } = await openOwnBook()
    const large = Buffer.concat([PNG, Buffer.alloc(400 * 1024)])
    harness.cloud.chooseMedia({ content: large, name: 'large.jpg' })
    await coverMenu(harness, comp, sheet, 1)
    const compressed = harness.cloud.files.filter((f) => f.api === 'compressImage')
    expect(compressed).toHaveLength(1)
    expect(compressed[0]).toMatchObject({ quality: 80 })
    const uploads = harness.cloud.files.filter((f) => f.api === 'cloud.uploadFile') as { filePath: string }[]
    expect(uploads).toHaveLength(1)
    // The upload is the compressed file, not the photo as picked.
    expect(uploads[0].filePath).not.toBe((compressed[0] as { src: string }).src)
    expect(harness.cloud.calls.find((c) => c.data.action === 'prepareCoverUpload')!.data.extension).toBe('jpg')
    expect((await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).coverFileId).toMatch(/^cloud:\/\//)

    harness.cloud.chooseMedia({ content: PNG, name: 'small.png' })
    await coverMenu(harness, comp, sheet, 1)
    expect(harness.cloud.files.filter((f) => f.api === 'compressImage')).toHaveLength(1)
  })

  it('offers no cover menu on a friend\'s book', async () => {
    const owner = newReader('cover-owner')
    const [book] = await seedBooks(emulator.url, owner, [{ title: '公开的书' }])
    const { shareId } = await dataAs(emulator.url, owner, { action: 'updateShelf', isPublic: true })
    const friend = createHarness(emulator.url, newReader('cover-friend'))
    const comp = await friend.open('book', { s: shareId, id: book.id })
    expect(textOf(comp.querySelector('.title'))).toBe('公开的书')
    expect(comp.querySelector('.cover-edit')).toBeFalsy()
  })
})
