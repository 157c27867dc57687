// Shelf journey with 60 books (added through the function, as the app would): scrolling loads more,
// search narrows, the status filter works, edits to status / rating / note survive a reload, and
// deleting asks first and removes the book.
import {
  cardTitles,
  confirmModal,
  currentPage,
  el,
  openAs,
  ROUTES,
  screenshot,
  scrollToBottom,
  seedManualBooks,
  startPreview,
  untilCalled,
  waitForPageOnTop,
  waitForToast,
  type Preview,
} from './helpers/preview'

jest.setTimeout(180_000)

const READER = 'o-e2e-shelf-reader'
const STATUSES = ['want', 'reading', 'read'] as const
/** Every tenth book has 星辰 in its title: 6 books. */
const titleOf = (i: number) => (i % 10 === 3 ? `星辰之书 第${i}卷` : `书架测试 第${i}本`)

let preview: Preview

/** The book page's selected reading status (the ownership segments beside it are also segments). */
const activeStatus = (page: Preview['page']) =>
  el(page, ROUTES.book, 'status-segment').and(el(page, ROUTES.book, 'segment-active'))

beforeAll(async () => {
  preview = await startPreview()
  await seedManualBooks(preview.emulator.url, READER, 60, (i) => ({
    title: titleOf(i),
    authors: [`作者${i % 7}`],
    status: STATUSES[i % 3],
  }))
})

afterAll(async () => {
  await preview?.close()
})

const cards = () => currentPage(preview.page).locator('components-book-card')
const cardCount = () => cards().count()

async function waitForCards(n: number): Promise<void> {
  await preview.page.waitForFunction(
    (expected) => document.querySelectorAll('wx-page:not([hidden]) components-book-card').length === expected,
    n,
  )
}

test('the shelf shows the first 20 books, and scrolling down loads the rest', async () => {
  const { page } = preview
  await openAs(preview, READER, `/${ROUTES.shelf}`)
  await waitForCards(20)
  expect(await el(page, ROUTES.shelf, 'count').textContent()).toContain('共 60 本')
  await screenshot(page, 'shelf')
  await scrollToBottom(page)
  await waitForCards(40)
  await scrollToBottom(page)
  await waitForCards(60)
  expect(await currentPage(page).textContent()).toContain('没有更多了')
  const titles = await cardTitles(page).allTextContents()
  expect(new Set(titles).size).toBe(60)
})

test('search narrows the list as the reader types', async () => {
  const { page } = preview
  await el(page, 'components/search-bar/index', 'search-input').locator('input').fill('星辰')
  await waitForCards(6)
  const titles = await cardTitles(page).allTextContents()
  expect(titles.every((t) => t.includes('星辰'))).toBe(true)
  expect(await el(page, ROUTES.shelf, 'count').textContent()).toContain('共 6 本')
  await el(page, 'components/search-bar/index', 'search-clear').click()
  await waitForCards(20)
})

test('the status filter shows only books with that status', async () => {
  const { page } = preview
  await el(page, ROUTES.shelf, 'status-tab').filter({ hasText: '读过' }).click()
  await el(page, ROUTES.shelf, 'count').filter({ hasText: '共 20 本' }).waitFor()
  const badges = await currentPage(page).locator('components-status-badge').allTextContents()
  expect(badges.length).toBe(20)
  expect(badges.every((b) => b.includes('读过'))).toBe(true)
  await el(page, ROUTES.shelf, 'status-tab').filter({ hasText: '全部' }).click()
  await el(page, ROUTES.shelf, 'count').filter({ hasText: '共 60 本' }).waitFor()
})

test('status, rating and note edited on the book page persist across a reload', async () => {
  const { page } = preview
  const title = titleOf(59)
  await cardTitles(page).filter({ hasText: title }).click()
  await el(page, ROUTES.book, 'title').filter({ hasText: title }).waitFor()
  expect(await page.locator('.pv-nav-title').textContent()).toBe(title)

  expect(await activeStatus(page).textContent()).toBe('读过') // book 59: 59 % 3 -> read
  await untilCalled(page, 'updateBook', () => el(page, ROUTES.book, 'status-segment').filter({ hasText: '在读' }).click())
  await untilCalled(page, 'updateBook', () => el(page, ROUTES.book, 'star').nth(3).click())
  const note = el(page, ROUTES.book, 'note').locator('textarea')
  await note.fill('第二遍读，比第一遍更喜欢。')
  await untilCalled(page, 'updateBook', () => note.blur())

  await page.reload()
  await page.waitForSelector('body[data-preview-ready]')
  await el(page, ROUTES.book, 'title').filter({ hasText: title }).waitFor()
  expect(await activeStatus(page).textContent()).toBe('在读')
  expect(await el(page, ROUTES.book, 'rating-hint').textContent()).toBe('4 星')
  expect(await el(page, ROUTES.book, 'star-on').count()).toBe(4)
  expect(await el(page, ROUTES.book, 'note').locator('textarea').inputValue()).toBe('第二遍读，比第一遍更喜欢。')
  await screenshot(page, 'book')
})

test('pulling the shelf down refreshes it with a book added elsewhere', async () => {
  const { page } = preview
  await page.locator('.pv-nav-home').click()
  await waitForCards(20)
  await seedManualBooks(preview.emulator.url, READER, 1, () => ({ title: '另一台设备上加的书', authors: ['某人'], status: 'want' }))
  expect(await cardTitles(page).filter({ hasText: '另一台设备上加的书' }).count()).toBe(0)
  const box = (await currentPage(page).boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + 40)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2, box.y + 200, { steps: 8 })
  await page.mouse.up()
  await cardTitles(page).filter({ hasText: '另一台设备上加的书' }).waitFor()
  await el(page, ROUTES.shelf, 'count').filter({ hasText: '共 61 本' }).waitFor()
})

test('deleting a book asks first, then removes it from the shelf', async () => {
  const { page } = preview
  const title = titleOf(59)
  await cardTitles(page).filter({ hasText: title }).click()
  await el(page, ROUTES.book, 'delete-button').click()
  // Cancelling keeps it.
  await page.locator('.pv-modal', { hasText: '删除这本书？' }).waitFor()
  await page.locator('.pv-modal-cancel').click()
  expect(await el(page, ROUTES.book, 'title').textContent()).toBe(title)

  await el(page, ROUTES.book, 'delete-button').click()
  await confirmModal(page, '删除这本书？')
  await waitForToast(page, '已删除')
  await waitForPageOnTop(page, ROUTES.shelf)
  await el(page, ROUTES.shelf, 'count').filter({ hasText: '共 60 本' }).waitFor()
  expect(await cardTitles(page).filter({ hasText: title }).count()).toBe(0)
  expect(await cardCount()).toBe(20)
})
