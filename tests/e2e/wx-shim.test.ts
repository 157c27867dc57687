// The preview's `wx` as pages see it, in Chromium against the real emulator: WeChat's shapes for
// success and failure, storage per identity, navigation rules, and loud failure for what it lacks.
import { openAs, READER_A, READER_B, ROUTES, startPreview, type Preview } from './helpers/preview'

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
      ;(globalThis as unknown as { wx: Wx }).wx.cloud.downloadFile({})
      return 'no error'
    } catch (error) {
      return (error as Error).message
    }
  })
  expect(cloudThrown).toBe('[preview] wx.cloud.downloadFile is not supported in the browser preview')
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
