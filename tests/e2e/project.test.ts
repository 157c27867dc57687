// `--project <dir>`: the emulator runs another Mini Program project, here a plain-JavaScript one in the
// style of the classic Cloud Development course demo (tests/fixtures/projects/classic-js): its
// functions from its cloudfunctionRoot, its pages (Page(), App(), getApp(), getCurrentPages(),
// wx.navigateTo with a query, a third-party-style component library) in the preview, built on the
// first visit into a folder of its own.
import path from 'path'
import type { Page } from 'playwright-core'
import { launchBrowser, type BrowserSession } from '../support/browser'
import { ROOT, startEmulator, type EmulatorHandle } from '../support/emulator'

jest.setTimeout(60_000)

const PROJECT = path.join(ROOT, 'tests/fixtures/projects/classic-js')
const READER = 'o-classic-reader'

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
  const button = detail.locator('vendor-ui-button > wx-view')
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
