// `--project <dir>`: the emulator runs another Mini Program project, here a plain-JavaScript one in the
// style of the classic Cloud Development course demo (tests/fixtures/projects/classic-js): its
// functions from its cloudfunctionRoot, its pages (Page(), App(), getApp(), getCurrentPages(),
// wx.navigateTo with a query, a third-party-style component library) in the preview, built on the
// first visit into a folder of its own. Its detail page reads, updates and deletes through
// wx.cloud.database() with mybook creator-only (its database/security-rules.json), as the demo does.
import path from 'path'
import type { Page } from 'playwright-core'
import { launchBrowser, type BrowserSession } from '../support/browser'
import { connectSdk, ROOT, startEmulator, type EmulatorHandle } from '../support/emulator'

jest.setTimeout(60_000)

const PROJECT = path.join(ROOT, 'tests/fixtures/projects/classic-js')
const READER = 'o-classic-reader'
const FRIEND = 'o-classic-friend'

let emulator: EmulatorHandle
let browser: BrowserSession
const errors: string[] = []

beforeAll(async () => {
  emulator = await startEmulator({ preview: true, args: ['--project', PROJECT, '--import', path.join(PROJECT, 'mybook.json')] })
  browser = await launchBrowser()
  browser.page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  browser.page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text())
  })
})

afterAll(async () => {
  await browser?.close()
  await emulator?.stop()
})

const onTop = (page: Page) => page.locator('wx-page:not([hidden])')
const detailOnTop = (page: Page) => page.locator('wx-page[data-route="pages/detail/detail"]:not([hidden])')
/** mybook as the admin side sees it, past every permission. */
const adminBook = async (id: string) => {
  const res = (await connectSdk(emulator.url).database().collection('mybook').where({ _id: id }).get()) as { data: Record<string, unknown>[] }
  return res.data[0]
}

/** Opens `route` in the preview as `openid` (the switcher reloads the stack as the new reader). */
async function openAs(page: Page, openid: string, route: string) {
  await page.goto(`${emulator.url}/#/${route}`)
  await page.waitForSelector('body[data-preview-ready]')
  if (!(await page.locator('.pv-identity-current').textContent())?.includes(`（${openid}）`)) {
    await page.locator('.pv-identity-input').fill(openid)
    await page.locator('.pv-identity-use').click()
    await page.locator('.pv-identity-current', { hasText: `（${openid}）` }).waitFor()
  }
}

test('the list renders from a cloud function, a tap opens the detail page with its query, and Page() lifecycles run', async () => {
  const { page } = browser
  // Sign in as the fixture's reader, then launch afresh so App.onLaunch's `login` call runs as them.
  await page.goto(`${emulator.url}/`)
  await page.waitForSelector('body[data-preview-ready]')
  await page.locator('.pv-identity-input').fill(READER)
  await page.locator('.pv-identity-use').click()
  await page.locator('.pv-identity-current', { hasText: READER }).waitFor()
  await page.reload()
  await page.waitForSelector('body[data-preview-ready]')

  // pages/index/index renders with the scope `pages` (emulator/preview/build/project.js scopeName).
  const list = onTop(page)
  await list.locator('.pages--book').first().waitFor()
  expect(await list.locator('.pages--title').allTextContents()).toEqual(['三体', '活着'])
  expect(await list.locator('.pages--price').allTextContents()).toEqual(['¥23.00', '¥20.50']) // a util required by relative path
  // getApp().globalData was filled by App.onLaunch from the `login` function's getWXContext().
  await list.locator('.pages--reader', { hasText: `当前读者：${READER}` }).waitFor()
  expect(await list.locator('.pages--shown').textContent()).toBe('onShow: 1')
  expect(await page.locator('.pv-nav-title').textContent()).toBe('我的藏书')

  await list.locator('.pages--book', { hasText: '活着' }).click()
  const detail = page.locator('wx-page[data-route="pages/detail/detail"]:not([hidden])')
  await detail.locator('.pages-detail-detail--title', { hasText: '活着' }).waitFor()
  expect(await detail.locator('.pages-detail-detail--author').textContent()).toBe('余华')
  expect(await detail.locator('.pages-detail-detail--query').textContent()).toBe('id: book-2') // onLoad(query)
  expect(await detail.locator('.pages-detail-detail--depth').textContent()).toBe('pages: 2') // getCurrentPages()
  expect(await detail.locator('.pages-detail-detail--ready').count()).toBe(1) // onReady ran
  expect(new URL(page.url()).hash).toBe('#/pages/detail/detail?id=book-2')
  const list0 = page.locator('wx-page[data-route="pages/index/index"]')
  expect(await list0.locator('.pages--hidden').textContent()).toBe('onHide: 1')

  // onShareAppMessage: the capsule menu offers 转发 and the card carries the page's title.
  await page.locator('.pv-capsule-menu').click()
  await page.locator('.pv-action-item', { hasText: '转发给朋友' }).click()
  expect(await page.locator('.pv-share-title').textContent()).toBe('推荐一本书：活着')
  await page.locator('.pv-share-close').click()

  // A component from a third-party-style library in miniprogram/vendor/ (as Vant Weapp ships): its WXS
  // modifier class, the page's custom-class, its slot; its `click` event reaches the page's handler
  // with the data-id, which goes back to the list.
  const button = detail.locator('vendor-ui-button > wx-view', { hasText: '返回列表' })
  expect((await button.getAttribute('class'))?.split(' ').sort()).toEqual([
    'pages-detail-detail--back',
    'vendor-ui-button--ui-button',
    'vendor-ui-button--ui-button--primary',
  ])
  expect(await button.textContent()).toBe('返回列表')
  await button.click()
  await onTop(page).locator('.pages--shown', { hasText: 'onShow: 2' }).waitFor()
  // The detail page's onUnload wrote getApp().globalData, which the list's onShow read.
  expect(await onTop(page).locator('.pages--closed').textContent()).toBe('onUnload: book-2')

  // onPullDownRefresh (enablePullDownRefresh in the page's json), from the capsule menu's 刷新.
  await page.locator('.pv-capsule-menu').click()
  await page.locator('.pv-action-item', { hasText: '刷新' }).click()
  await onTop(page).locator('.pages--refreshed', { hasText: 'onPullDownRefresh: 1' }).waitFor()
  expect(errors).toEqual([])
})

// The detail page reads, updates and removes its book with wx.cloud.database(), as the course demo's
// does, with mybook in the creator-only mode (the fixture's database/security-rules.json: PRIVATE).
test('as its creator, the detail page updates and deletes a book through the client database', async () => {
  const { page } = browser
  await openAs(page, READER, 'pages/detail/detail?id=book-1')
  const detail = detailOnTop(page)
  await detail.locator('.pages-detail-detail--title', { hasText: '三体' }).waitFor()
  await detail.locator('vendor-ui-button', { hasText: '更新数据' }).click()
  await detail.locator('.pages-detail-detail--status', { hasText: '已更新 1' }).waitFor()
  await detail.locator('.pages-detail-detail--title', { hasText: '局部更新测试' }).waitFor() // read back by the page
  const updated = await adminBook('book-1')
  expect(updated).toMatchObject({ title: '局部更新测试', _openid: READER, author: ['刘慈欣'] })
  expect(updated?.updatedAt).toBeInstanceOf(Date) // db.serverDate()

  await openAs(page, READER, 'pages/detail/detail?id=book-2')
  await detail.locator('.pages-detail-detail--title', { hasText: '活着' }).waitFor()
  await detail.locator('vendor-ui-button', { hasText: '删除数据' }).click()
  await detail.locator('.pages-detail-detail--status', { hasText: '已删除 1' }).waitFor()
  expect(await adminBook('book-2')).toBeUndefined()
  expect(errors).toEqual([])
})

test('in the creator-only mode a second reader neither sees nor changes the first reader\'s books', async () => {
  const { page } = browser
  await openAs(page, FRIEND, 'pages/detail/detail?id=book-1')
  const detail = detailOnTop(page)
  // The implicit owner filter: the friend's client finds no such document.
  await detail.locator('.pages-detail-detail--status', { hasText: '读取失败：document.get:fail -502004' }).waitFor()
  expect(await detail.locator('.pages-detail-detail--title').textContent()).toBe('')
  // Update and remove through the same filter touch nothing (no error, as on the platform).
  await detail.locator('vendor-ui-button', { hasText: '更新数据' }).click()
  await detail.locator('.pages-detail-detail--status', { hasText: '已更新 0' }).waitFor()
  await detail.locator('vendor-ui-button', { hasText: '删除数据' }).click()
  await detail.locator('.pages-detail-detail--status', { hasText: '已删除 0' }).waitFor()
  // The demo's list query, from the friend's client: nothing of the first reader's.
  const listed = await page.evaluate(async () => {
    interface Mybook {
      get(): Promise<{ data: Array<{ _id: string }> }>
      count(): Promise<{ total: number }>
    }
    const wx = (window as unknown as { wx: { cloud: { database(): { collection(name: string): Mybook } } } }).wx
    const mybook = wx.cloud.database().collection('mybook')
    const [list, count] = await Promise.all([mybook.get(), mybook.count()])
    return { ids: list.data.map((doc) => doc._id), total: count.total }
  })
  expect(listed).toEqual({ ids: [], total: 0 })
  expect(await adminBook('book-1')).toMatchObject({ title: '局部更新测试', _openid: READER })
  expect(errors).toEqual([])
})

test('the batchupdate-style function updates the caller\'s books with one where().update()', async () => {
  const { page } = browser
  await openAs(page, READER, 'pages/index/index')
  const list = onTop(page)
  await list.locator('.pages--book').first().waitFor()
  // The button sits in the library's row and column: the row reached its column through `relations`
  // keyed by relative path (getRelationNodes), as Vant's van-row gives van-col its gutter.
  expect(await list.locator('vendor-ui-col > wx-view').getAttribute('style')).toBe('padding-left: 10px; padding-right: 10px;')
  await list.locator('vendor-ui-button', { hasText: '全部改价' }).click()
  await list.locator('.pages--batched', { hasText: 'batchupdate: 1' }).waitFor() // book-2 was deleted above
  await list.locator('.pages--price', { hasText: '¥100.00' }).waitFor()
  expect(await adminBook('book-1')).toMatchObject({ price: 100 })
  expect(errors).toEqual([])
})
