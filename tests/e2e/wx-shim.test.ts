// The preview's `wx` as pages see it, in Chromium against the real emulator: WeChat's shapes for
// success and failure, storage per identity, navigation rules, and loud failure for what it lacks.
import { readFileSync } from 'fs'
import { callBookcase } from '../support/gateway'
import { currentPage, openAs, READER_A, READER_B, ROUTES, startPreview, type Preview } from './helpers/preview'

jest.setTimeout(120_000)

let preview: Preview

beforeAll(async () => {
  preview = await startPreview()
})

afterAll(async () => {
  await preview?.close()
})

type Wx = Record<string, (...args: unknown[]) => unknown> & { cloud: Record<string, (o: unknown) => Promise<unknown>> }

test('an API the preview lacks throws and logs its name', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  const thrown = await page.evaluate(() => {
    try {
      ;(globalThis as unknown as { wx: Wx }).wx.getLocation({})
      return 'no error'
    } catch (error) {
      return (error as Error).message
    }
  })
  expect(thrown).toBe('[preview] wx.getLocation is not supported in the browser preview')
  expect(preview.errors).toContain('[preview] wx.getLocation is not supported in the browser preview')
  const cloudThrown = await page.evaluate(() => {
    try {
      ;(globalThis as unknown as { wx: Wx }).wx.cloud.callContainer({})
      return 'no error'
    } catch (error) {
      return (error as Error).message
    }
  })
  expect(cloudThrown).toBe('[preview] wx.cloud.callContainer is not supported in the browser preview')
})

test("wx.cloud.database() reaches the emulator's client database as the current reader, under Bookcase's rules", async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  const refused = await page.evaluate(() => {
    const db = (globalThis as unknown as { wx: { cloud: { database(): { collection(n: string): { where(q: unknown): { get(): Promise<unknown> } } } } } }).wx.cloud.database()
    return db
      .collection('books')
      .where({ _openid: '{openid}' })
      .get()
      .then(
        () => null,
        (error: { errCode: number; errMsg: string }) => ({ errCode: error.errCode, errMsg: error.errMsg }),
      )
  })
  expect(refused).toEqual({ errCode: -502003, errMsg: expect.stringMatching(/^collection\.get:fail -502003 database permission denied/) })
})

test('wx.cloud.callFunction resolves with the result and rejects with the platform error, as the current reader', async () => {
  const { page } = preview
  const ok = (await page.evaluate(() =>
    (globalThis as unknown as { wx: Wx }).wx.cloud.callFunction({ name: 'bookcase', data: { action: 'getShelf' } }),
  )) as { errMsg: string; result: { ok: boolean }; requestID: string }
  expect(ok.errMsg).toBe('cloud.callFunction:ok')
  expect(ok.result.ok).toBe(true)
  expect(ok.requestID).toMatch(/\S/)
  const failure = await page.evaluate(() =>
    (globalThis as unknown as { wx: Wx }).wx.cloud.callFunction({ name: 'no-such-function', data: {} }).then(
      () => null,
      (error: { errCode: number; errMsg: string }) => error,
    ),
  )
  expect(failure).toEqual({ errCode: -501000, errMsg: expect.stringMatching(/^cloud\.callFunction:fail .*not found/) })
})

test('storage belongs to the reader: B does not see what A stored', async () => {
  const { page } = preview
  await page.evaluate(() => (globalThis as unknown as { wx: Wx }).wx.setStorageSync('draft', { isbn: '9787536692930' }))
  expect(await page.evaluate(() => (globalThis as unknown as { wx: Wx }).wx.getStorageSync('draft'))).toEqual({ isbn: '9787536692930' })
  await openAs(preview, READER_B, `/${ROUTES.settings}`)
  expect(await page.evaluate(() => (globalThis as unknown as { wx: Wx }).wx.getStorageSync('draft'))).toBe('')
  const missing = await page.evaluate(() =>
    (globalThis as unknown as { wx: { getStorage(o: unknown): Promise<unknown> } }).wx.getStorage({ key: 'draft' }).catch((e: { errMsg: string }) => e.errMsg),
  )
  expect(missing).toBe('getStorage:fail data not found')
})

test("navigation follows WeChat's rules and failure messages", async () => {
  const { page } = preview
  const result = await page.evaluate(async () => {
    const wx = (globalThis as unknown as { wx: Record<string, (o: unknown) => Promise<unknown>> }).wx
    const errMsg = (p: Promise<unknown>) => p.then((r) => (r as { errMsg: string }).errMsg, (e: { errMsg: string }) => e.errMsg)
    return {
      toTab: await errMsg(wx.navigateTo({ url: '/pages/shelf/index' })),
      unknown: await errMsg(wx.navigateTo({ url: '/pages/nowhere/index' })),
      backAtFirst: await errMsg(wx.navigateBack({})),
      switchToPage: await errMsg(wx.switchTab({ url: '/pages/book/index' })),
      toBook: await errMsg(wx.navigateTo({ url: '/pages/book/index?id=none' })),
      pages: (globalThis as unknown as { getCurrentPages(): Array<{ route: string }> }).getCurrentPages().map((p) => p.route),
    }
  })
  expect(result).toEqual({
    toTab: 'navigateTo:fail can not navigateTo a tabbar page',
    unknown: 'navigateTo:fail page "pages/nowhere/index" is not found',
    backAtFirst: 'navigateBack:fail cannot navigate back at first page.',
    switchToPage: 'switchTab:fail can not switch to no-tabBar page',
    toBook: 'navigateTo:ok',
    pages: ['pages/settings/index', 'pages/book/index'],
  })
  expect(page.url()).toBe(`${preview.emulator.url}/#/pages/book/index?id=none`)
})

// ---- files (emulator/README.md, "Client storage") ------------------------------------------------------

/** A 2 × 3 PNG: an image Chromium decodes, so a loaded <img> has a size. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAHUlEQVR4nGM4wSBygkGE4YSRyAkjEYYTKSInUkQAQUcGVRL6BCoAAAAASUVORK5CYII=',
  'base64',
)

type Picked = { path?: string; tempFilePath?: string; size: number; name?: string; width?: number; height?: number; fileType?: string }

/** Calls a wx API in the page, as a tap would, and answers its settled result (or failure). */
async function inPage<T>(script: string): Promise<T> {
  return preview.page.evaluate(`(async () => { const wx = globalThis.wx; try { return await (${script}) } catch (e) { return { failed: e } } })()`) as Promise<T>
}

test('wx.chooseMessageFile opens the file chooser and hands back a temp file the storage calls read', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  const chooser = page.waitForEvent('filechooser')
  const picked = inPage<{ tempFiles: Picked[]; errMsg: string }>(`wx.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] })`)
  const fileChooser = await chooser
  expect(await fileChooser.element().getAttribute('accept')).toBe('.csv,.xlsx')
  await fileChooser.setFiles({ name: '书单.csv', mimeType: 'text/csv', buffer: Buffer.from('Title\n三体\n') })
  const { tempFiles, errMsg } = await picked
  expect(errMsg).toBe('chooseMessageFile:ok')
  expect(tempFiles[0]).toMatchObject({ name: '书单.csv', size: Buffer.byteLength('Title\n三体\n'), type: 'file' })
  expect(tempFiles[0].path).toMatch(/^http:\/\/tmp\/.+\.csv$/)

  const path = tempFiles[0].path!
  const uploaded = await inPage<{ fileID: string; statusCode: number }>(`wx.cloud.uploadFile({ cloudPath: 'imports/${READER_A}/书单.csv', filePath: '${path}' })`)
  expect(uploaded.statusCode).toBe(200)
  // Read back through downloadFile and the file system manager; through getTempFileURL and wx.downloadFile.
  const text = await inPage<string>(
    `wx.cloud.downloadFile({ fileID: '${uploaded.fileID}' }).then((r) => wx.getFileSystemManager().readFileSync(r.tempFilePath, 'utf8'))`,
  )
  expect(text).toBe('Title\n三体\n')
  const viaUrl = await inPage<{ statusCode: number; text: string }>(
    `wx.cloud.getTempFileURL({ fileList: ['${uploaded.fileID}'] }).then(({ fileList }) => wx.downloadFile({ url: fileList[0].tempFileURL }))
       .then((r) => ({ statusCode: r.statusCode, text: wx.getFileSystemManager().readFileSync(r.tempFilePath, 'utf8') }))`,
  )
  expect(viaUrl).toEqual({ statusCode: 200, text: 'Title\n三体\n' })

  // Reader B gets the platform's refusal for A's file, in the callback style too.
  await openAs(preview, READER_B, `/${ROUTES.settings}`)
  const refused = await inPage<{ errCode: number; errMsg: string }>(
    `new Promise((resolve) => wx.cloud.downloadFile({ fileID: '${uploaded.fileID}', fail: resolve }))`,
  )
  expect(refused).toEqual({ errCode: -503002, errMsg: expect.stringMatching(/^cloud\.downloadFile:fail -503002 storage permission denied/) })
  const deleted = await inPage<{ fileList: { status: number }[] }>(`wx.cloud.deleteFile({ fileList: ['${uploaded.fileID}'] })`)
  expect(deleted.fileList[0].status).toBe(-503002)

  // Closing the chooser without a file is WeChat's cancel.
  const again = page.waitForEvent('filechooser')
  const cancelled = inPage<{ failed: { errMsg: string } }>(`wx.chooseMessageFile({ count: 1, type: 'file' })`)
  await (await again).setFiles([])
  expect((await cancelled).failed.errMsg).toBe('chooseMessageFile:fail cancel')
})

test('wx.chooseMedia from the camera, compressImage, and <image src="cloud://…"> loading for the uploader only', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  const chooser = page.waitForEvent('filechooser')
  const picked = inPage<{ tempFiles: Picked[]; type: string }>(`wx.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera'], sizeType: ['compressed'] })`)
  const fileChooser = await chooser
  expect(await fileChooser.element().getAttribute('accept')).toBe('image/*')
  expect(await fileChooser.element().getAttribute('capture')).toBe('environment')
  await fileChooser.setFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG })
  const media = await picked
  expect(media.type).toBe('image')
  expect(media.tempFiles[0]).toMatchObject({ size: PNG.length, width: 2, height: 3, fileType: 'image' })

  const compressed = await inPage<{ tempFilePath: string }>(`wx.compressImage({ src: '${media.tempFiles[0].tempFilePath}', quality: 80 })`)
  expect(compressed.tempFilePath).toMatch(/^http:\/\/tmp\/.+\.jpg$/)
  const jpegStart = await inPage<string>(`Promise.resolve(wx.getFileSystemManager().readFileSync('${compressed.tempFilePath}', 'hex').slice(0, 4))`)
  expect(jpegStart).toBe('ffd8')

  // A book of A's with the photo as its cover, set through the function as the page would.
  const added = await callBookcase(preview.emulator.url, { openid: READER_A }, { action: 'addBook', book: { title: '封面测试', authors: ['测试'] } })
  if (!added.ok) throw new Error(JSON.stringify(added.error))
  const prepared = await callBookcase(preview.emulator.url, { openid: READER_A }, { action: 'prepareCoverUpload', id: added.data.book.id, extension: 'jpg' })
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error))
  const uploaded = await inPage<{ fileID: string }>(
    `new Promise((resolve, reject) => { const task = wx.cloud.uploadFile({ cloudPath: '${prepared.data.cloudPath}', filePath: '${compressed.tempFilePath}', success: resolve, fail: reject });
       task.onProgressUpdate((p) => (globalThis.lastProgress = p.progress)) })`,
  )
  expect(await page.evaluate(() => (globalThis as unknown as { lastProgress: number }).lastProgress)).toBe(100)
  const set = await callBookcase(preview.emulator.url, { openid: READER_A }, { action: 'setCover', id: added.data.book.id, fileID: uploaded.fileID })
  if (!set.ok) throw new Error(JSON.stringify(set.error))

  // The book page's <image> shows the photo: its src is the emulator's file route as reader A.
  await openAs(preview, READER_A, `/${ROUTES.book}?id=${added.data.book.id}`)
  const cover = currentPage(page).locator('img.pv-img').first()
  await cover.waitFor()
  await cover.evaluate((img: HTMLImageElement) => img.decode().catch(() => undefined))
  expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2)
  expect(await cover.getAttribute('src')).toContain('/client/storage/file?fileID=')

  // The same file id in reader B's preview (wx.previewImage resolves it as <image> does) does not load.
  await openAs(preview, READER_B, `/${ROUTES.settings}`)
  const denied = page.waitForResponse((response) => response.url().includes('/client/storage/file?'))
  await inPage(`wx.previewImage({ urls: ['${uploaded.fileID}'] })`)
  expect((await denied).status()).toBe(403)
  const shown = page.locator('.pv-image-preview img')
  expect(await shown.evaluate((img: HTMLImageElement) => img.decode().then(() => 'decoded', () => 'failed'))).toBe('failed')
  await page.locator('.pv-image-preview').click()
})

test('wx.openDocument and wx.shareFileMessage download the file in the browser; csv does not open as a document', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  const path = await inPage<string>(
    `Promise.resolve((wx.getFileSystemManager().writeFileSync(wx.env.USER_DATA_PATH + '/shelf.xlsx', 'UEsDBA==', 'base64'), wx.env.USER_DATA_PATH + '/shelf.xlsx'))`,
  )
  const opened = page.waitForEvent('download')
  expect(await inPage(`wx.openDocument({ filePath: '${path}', fileType: 'xlsx', showMenu: true })`)).toEqual({ errMsg: 'openDocument:ok' })
  expect((await opened).suggestedFilename()).toBe('document.xlsx')
  const shared = page.waitForEvent('download')
  expect(await inPage(`wx.shareFileMessage({ filePath: '${path}', fileName: '我的书架.xlsx' })`)).toEqual({ errMsg: 'shareFileMessage:ok' })
  const download = await shared
  expect(download.suggestedFilename()).toBe('我的书架.xlsx')
  expect(readFileSync(await download.path())).toEqual(Buffer.from('UEsDBA==', 'base64'))
  const csv = await inPage<{ failed: { errMsg: string } }>(`wx.openDocument({ filePath: '${path}', fileType: 'csv' })`)
  expect(csv.failed.errMsg).toMatch(/^openDocument:fail filetype not supported/)
})
