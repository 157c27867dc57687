// The home library in Chromium, as a reader would use it: lend a book and take it back; series,
// location and progress on the book page and the shelf's cards and filters; 读书报告 with the shelf's
// real numbers; and a friend who sees that a public book is 已借出, never to whom.
import { callBookcase } from '../support/gateway'
import { dayOf } from '../../miniprogram/utils/day'
import {
  cardTitles,
  confirmModal,
  currentPage,
  el,
  openAs,
  previewFailures,
  READER_B,
  ROUTES,
  screenshot,
  startPreview,
  switchTab,
  untilCalled,
  waitForPageOnTop,
  waitForToast,
  type Preview,
} from './helpers/preview'

jest.setTimeout(180_000)

const READER = 'o-e2e-home-library-reader'
const CARD = 'components/book-card/index'
const LOAN_CARD = 'components/loan-card/index'
const thisYear = new Date().getFullYear()

let preview: Preview

async function as<T>(openid: string, request: Record<string, unknown>): Promise<T> {
  const answer = await callBookcase(preview.emulator.url, { openid }, request as never)
  if (!answer.ok) throw new Error(`${String(request.action)} failed: ${JSON.stringify(answer.error)}`)
  return answer.data as T
}

beforeAll(async () => {
  preview = await startPreview()
  // Added oldest first, so the shelf (newest first) shows 活着 on top.
  const seeds = [
    { book: { title: '黑暗森林', authors: ['刘慈欣'], pageCount: 470 }, series: '三体', volume: 2, status: 'want' },
    { book: { title: '三体', authors: ['刘慈欣'], pageCount: 300 }, series: '三体', volume: 1, status: 'reading' },
    { book: { title: '许三观卖血记', authors: ['余华'], pageCount: 230 }, status: 'read', finishedAt: `${thisYear}-01-15` },
    { book: { title: '活着', authors: ['余华'], pageCount: 191 }, status: 'read', finishedAt: dayOf(new Date()), tags: ['小说'] },
  ]
  for (const seed of seeds) await as(READER, { action: 'addBook', ...seed })
})

afterAll(async () => {
  await preview?.close()
})

const card = (title: string) => currentPage(preview.page).locator('components-book-card', { hasText: title })

test('lend 活着 with a due date, see it on the shelf, and take it back', async () => {
  const { page } = preview
  await openAs(preview, READER, `/${ROUTES.shelf}`)
  await cardTitles(page).filter({ hasText: '活着' }).click()
  await el(page, ROUTES.book, 'title').filter({ hasText: '活着' }).waitFor()

  await el(page, ROUTES.book, 'lend-button').click()
  await el(page, ROUTES.book, 'lend-borrower').locator('input').fill('老王')
  await el(page, ROUTES.book, 'lend-due-date').locator('input').fill('2100-01-31')
  await untilCalled(page, 'lendBook', () => el(page, ROUTES.book, 'lend-save').click())
  await waitForToast(page, '已借出')
  const loan = el(page, LOAN_CARD, 'loan')
  await loan.waitFor()
  expect(await loan.textContent()).toContain('借给 老王')
  expect(await loan.textContent()).toContain(`${dayOf(new Date())} 借出，2100-01-31 到期`)
  await screenshot(page, 'book-lent')

  // Back on the shelf: the card says 已借出, and 借出中 shows it alone.
  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.shelf)
  await el(page, CARD, 'card-lent').filter({ hasText: '已借出' }).waitFor()
  await untilCalled(page, 'listBooks', () => el(page, ROUTES.shelf, 'lent-filter').click())
  await page.waitForFunction(() => document.querySelectorAll('wx-page:not([hidden]) components-book-card').length === 1)
  expect(await cardTitles(page).allTextContents()).toEqual(['活着'])

  await cardTitles(page).filter({ hasText: '活着' }).click()
  await el(page, LOAN_CARD, 'loan-return').waitFor()
  await el(page, LOAN_CARD, 'loan-return').click()
  await untilCalled(page, 'returnBook', () => confirmModal(page, '确认已归还？'))
  await waitForToast(page, '已归还')
  await el(page, ROUTES.book, 'history-borrower').filter({ hasText: '老王' }).waitFor()
  expect(await el(page, LOAN_CARD, 'loan').count()).toBe(0)
  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.shelf)
  await el(page, ROUTES.shelf, 'no-match-state').waitFor() // nothing is lent out any more
  await untilCalled(page, 'listBooks', () => el(page, ROUTES.shelf, 'lent-filter').click())
  await card('三体').first().waitFor()
})

test('series, location and progress on the book page show on the shelf, which filters and sorts by them', async () => {
  const { page } = preview
  await card('三体').filter({ hasNotText: '黑暗森林' }).locator('.components-book-card--card-title').click()
  await el(page, ROUTES.book, 'title').filter({ hasText: '三体' }).waitFor()
  expect(await el(page, ROUTES.book, 'series-label').textContent()).toBe('《三体》1')

  await untilCalled(page, 'updateBook', async () => {
    await el(page, ROUTES.book, 'location-input').locator('input').fill('书房')
    await el(page, ROUTES.book, 'location-input').locator('input').press('Enter')
  })
  await untilCalled(page, 'updateBook', async () => {
    await el(page, ROUTES.book, 'progress-input').locator('input').fill('120')
    await el(page, ROUTES.book, 'progress-input').locator('input').press('Enter')
  })
  await el(page, 'components/progress-bar/index', 'progress-label').filter({ hasText: '第 120/300 页' }).waitFor()
  await untilCalled(page, 'updateBook', () => el(page, ROUTES.book, 'step-on').click())
  await el(page, 'components/progress-bar/index', 'progress-label').filter({ hasText: '第 130/300 页' }).waitFor()
  await screenshot(page, 'book-home-fields')

  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.shelf)
  const sanTi = card('《三体》1')
  await sanTi.locator('.components-progress-bar--progress-label', { hasText: '第 130/300 页' }).waitFor()

  // The location filter offers 书房 (one book).
  await untilCalled(page, 'listBooks', async () => {
    await el(page, ROUTES.shelf, 'location-picker').locator('select').selectOption({ label: '书房（1）' })
  })
  await page.waitForFunction(() => document.querySelectorAll('wx-page:not([hidden]) components-book-card').length === 1)
  expect(await cardTitles(page).allTextContents()).toEqual(['三体'])
  await untilCalled(page, 'listBooks', async () => {
    await el(page, ROUTES.shelf, 'location-picker').locator('select').selectOption({ index: 0 })
  })
  await page.waitForFunction(() => document.querySelectorAll('wx-page:not([hidden]) components-book-card').length === 4)

  // A tap on a card's series: that series alone, by volume.
  await untilCalled(page, 'listBooks', () => card('黑暗森林').locator('.components-book-card--card-series').click())
  await page.waitForFunction(() => document.querySelectorAll('wx-page:not([hidden]) components-book-card').length === 2)
  expect(await cardTitles(page).allTextContents()).toEqual(['三体', '黑暗森林'])
  await waitForPageOnTop(page, ROUTES.shelf) // the tap filtered; it did not open the book
  await screenshot(page, 'shelf-series')
  await untilCalled(page, 'listBooks', () => el(page, ROUTES.shelf, 'series-filter').click())
  await page.waitForFunction(() => document.querySelectorAll('wx-page:not([hidden]) components-book-card').length === 4)
})

test('读书报告 from 我的 shows the real numbers of the year', async () => {
  const { page } = preview
  await switchTab(page, ROUTES.settings)
  await el(page, ROUTES.settings, 'lent-count').filter({ hasText: '0 本' }).waitFor()
  await el(page, ROUTES.settings, 'report-cell').click()
  await waitForPageOnTop(page, ROUTES.report)
  await el(page, ROUTES.report, 'finished-count').waitFor()
  expect(await el(page, ROUTES.report, 'year-label').textContent()).toBe(`${thisYear} 年 ▾`)
  expect(await el(page, ROUTES.report, 'finished-count').textContent()).toBe('2')
  expect(await el(page, ROUTES.report, 'pages-read').textContent()).toBe(String(230 + 191))
  expect(await el(page, ROUTES.report, 'shelf-total').textContent()).toBe('4')
  expect(await el(page, ROUTES.report, 'status-row').allTextContents()).toEqual(['想读1', '在读1', '读过2'])
  expect(await el(page, 'components/bar-chart/index', 'column').count()).toBe(12)
  const authors = (await el(page, ROUTES.report, 'author-row').allTextContents()).map((row) => row.replace(/\s+/g, ''))
  expect(authors).toEqual(['余华2本', '刘慈欣2本']) // a tie, by name
  await screenshot(page, 'report')
  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.settings)
})

test('a friend sees that a public book is 已借出, never to whom', async () => {
  const { page } = preview
  const list = await as<{ items: { id: string; title: string }[] }>(READER, { action: 'listBooks', q: '黑暗森林' })
  await as(READER, { action: 'lendBook', id: list.items[0].id, borrower: '不该被看见的人' })
  const shelf = await as<{ shareId: string }>(READER, { action: 'updateShelf', isPublic: true })

  await openAs(preview, READER_B, `/${ROUTES.shelf}`)
  await page.goto(`${preview.emulator.url}/#/${ROUTES.shared}?s=${shelf.shareId}`)
  await waitForPageOnTop(page, ROUTES.shared)
  const lent = card('黑暗森林')
  await lent.locator('.components-book-card--card-lent', { hasText: '已借出' }).waitFor()
  expect(await lent.locator('.components-book-card--card-series').textContent()).toBe('《三体》2')
  expect(await currentPage(page).textContent()).not.toContain('不该被看见的人')

  await cardTitles(page).filter({ hasText: '黑暗森林' }).click()
  await el(page, ROUTES.book, 'title').filter({ hasText: '黑暗森林' }).waitFor()
  expect(await el(page, ROUTES.book, 'shared-lent').textContent()).toBe('已借出')
  const text = (await currentPage(page).textContent()) ?? ''
  for (const secret of ['不该被看见的人', '借阅记录', '老王', '书房']) expect(text).not.toContain(secret)
  await screenshot(page, 'shared-book-lent')
})

test('the pages used no wx API the preview lacks and threw nothing', () => {
  expect(previewFailures(preview)).toEqual([])
})
