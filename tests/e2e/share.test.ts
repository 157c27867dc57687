// Share journey with two readers in one browser (the identity switcher): A marks a book private,
// publishes the shelf and opens the share panel; B opens the link and sees A's public books only, with
// no notes; A rotates the link and B's old link shows the "no longer shared" state.
import { callBookcase } from '../support/gateway'
import {
  cardTitles as titlesOnPage,
  confirmModal,
  currentPage,
  el,
  openAs,
  previewFailures,
  READER_A,
  READER_B,
  ROUTES,
  screenshot,
  startPreview,
  switchTab as tapTab,
  untilCalled,
  waitForPageOnTop,
  waitForToast,
  type Preview,
} from './helpers/preview'

jest.setTimeout(180_000)

const NOTE = '只写给自己的读书笔记'
const BOOKS = [
  ['9787536692930', '三体'],
  ['9787544258975', '霍乱时期的爱情'],
  ['9780141439518', 'Pride and Prejudice'],
] as const

let preview: Preview
let link = ''

beforeAll(async () => {
  preview = await startPreview()
  // A's shelf, added through the function as the scan page would; every book carries a note.
  for (const [isbn] of BOOKS) {
    const added = await callBookcase(preview.emulator.url, { openid: READER_A }, { action: 'addBook', isbn })
    if (!added.ok) throw new Error(JSON.stringify(added.error))
    const noted = await callBookcase(preview.emulator.url, { openid: READER_A }, { action: 'updateBook', id: added.data.book.id, patch: { note: NOTE } })
    if (!noted.ok) throw new Error(JSON.stringify(noted.error))
  }
})

afterAll(async () => {
  await preview?.close()
})

const cardTitles = () => titlesOnPage(preview.page)
const switchTab = (route: string) => tapTab(preview.page, route)

test('A marks one book private, publishes the shelf and shares it', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.shelf}`)
  await cardTitles().filter({ hasText: 'Pride and Prejudice' }).click()
  await el(page, ROUTES.book, 'title').filter({ hasText: 'Pride and Prejudice' }).waitFor()
  await untilCalled(page, 'updateBook', () => el(page, ROUTES.book, 'private-switch').click())
  await page.locator('.pv-nav-back').click()

  await switchTab(ROUTES.settings)
  await el(page, ROUTES.settings, 'count-total').filter({ hasText: '3' }).waitFor()
  await untilCalled(page, 'updateShelf', () => el(page, ROUTES.settings, 'public-switch').click())
  await waitForToast(page, '书架已公开')
  expect(await el(page, ROUTES.settings, 'count-public').textContent()).toBe('2')
  expect(await el(page, ROUTES.settings, 'count-private').textContent()).toBe('1')
  await screenshot(page, 'settings')

  await el(page, ROUTES.settings, 'share-button').click()
  await page.locator('.pv-share').waitFor()
  link = await page.locator('.pv-share-link').inputValue()
  expect(link).toMatch(new RegExp(`^${preview.emulator.url}/#/${ROUTES.shared}\\?s=[A-Za-z0-9_-]+$`))
  expect(link).not.toContain(READER_A)
  await screenshot(page, 'share-panel')
  // 打开链接 opens what the friend will see (here still as A).
  await page.locator('.pv-share-open').click()
  await waitForPageOnTop(page, ROUTES.shared)
  await cardTitles().first().waitFor()
  expect((await cardTitles().allTextContents()).sort()).toEqual(['三体', '霍乱时期的爱情'].sort())
})

test('the shelf tab follows publishing in 我的 without a refresh, and shares from the capsule menu', async () => {
  const { page } = preview
  await page.locator('.pv-nav-home').click() // from the shared page 打开链接 opened
  await waitForPageOnTop(page, ROUTES.shelf)
  const shareButton = el(page, ROUTES.shelf, 'share-button').and(page.locator(':not(.pages-shelf--share-button-publish)'))
  await shareButton.waitFor()

  // Unpublish in 我的: back on the (still alive) shelf tab, sharing asks to publish again.
  await switchTab(ROUTES.settings)
  await untilCalled(page, 'updateShelf', () => el(page, ROUTES.settings, 'public-switch').click())
  await waitForToast(page, '已停止分享')
  await switchTab(ROUTES.shelf)
  await el(page, ROUTES.shelf, 'share-button-publish').waitFor()

  // Publish again: the shelf tab shares, with the same link as before.
  await switchTab(ROUTES.settings)
  await untilCalled(page, 'updateShelf', () => el(page, ROUTES.settings, 'public-switch').click())
  await waitForToast(page, '书架已公开')
  await switchTab(ROUTES.shelf)
  await shareButton.waitFor()
  await page.locator('.pv-capsule-menu').click()
  await page.locator('.pv-action-item', { hasText: '转发给朋友' }).click()
  await page.locator('.pv-share').waitFor()
  expect(await page.locator('.pv-share-link').inputValue()).toBe(link)
  await page.locator('.pv-share-close').click()
})

test("reader B's link shows A's public books, not the private one nor any note", async () => {
  const { page } = preview
  await openAs(preview, READER_B, `/${ROUTES.shelf}`)
  await page.goto(link)
  await waitForPageOnTop(page, ROUTES.shared)
  await cardTitles().first().waitFor()
  expect((await cardTitles().allTextContents()).sort()).toEqual(['三体', '霍乱时期的爱情'].sort())
  expect(await el(page, ROUTES.shared, 'shelf-count').textContent()).toContain('2')
  expect(await currentPage(page).textContent()).not.toContain(NOTE)
  await screenshot(page, 'shared')

  await cardTitles().filter({ hasText: '三体' }).click()
  await el(page, ROUTES.book, 'title').filter({ hasText: '三体' }).waitFor()
  expect(await el(page, ROUTES.book, 'start-own').count()).toBe(1) // the read-only view for a friend
  expect(await currentPage(page).textContent()).not.toContain(NOTE)
  expect(await el(page, ROUTES.book, 'note').count()).toBe(0)
})

test("after A rotates the link, B's old link shows the no-longer-shared state", async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  await el(page, ROUTES.settings, 'rotate-button').click()
  await confirmModal(page, '重置分享链接？')
  await waitForToast(page, '链接已重置')

  await openAs(preview, READER_B, `/${ROUTES.shelf}`)
  await page.goto(link)
  await el(page, ROUTES.shared, 'unavailable-state').waitFor()
  expect(await currentPage(page).textContent()).toContain('这个书架是私密的或已停止分享')
  expect(await cardTitles().count()).toBe(0)
})

test('the pages used no wx API the preview lacks and threw nothing', () => {
  expect(previewFailures(preview)).toEqual([])
})
