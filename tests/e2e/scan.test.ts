// Scan journey, in Chromium against the real emulator and function: scan (type) an ISBN, see the book,
// add it, find it on the shelf; scan it again (已在书架); an unknown ISBN while every source is down
// leads to the manual form; continuous mode adds three books in a row.
import {
  cardTitles,
  el,
  openAs,
  previewFailures,
  READER_A,
  ROUTES,
  screenshot,
  startPreview,
  switchTab as tapTab,
  typeIntoScanDialog,
  waitForPageOnTop,
  waitForToast,
  type Preview,
} from './helpers/preview'

jest.setTimeout(180_000)

const SANTI = '9787536692930'
const UNKNOWN = '9787020002207' // a valid ISBN-13 no fixture source knows

let preview: Preview

beforeAll(async () => {
  preview = await startPreview()
})

afterAll(async () => {
  await preview?.close()
})

const switchTab = (route: string) => tapTab(preview.page, route)
const shelfTitles = () => cardTitles(preview.page)

test('scan an ISBN, see the book, add it, find it on my shelf', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.scan}`)
  await el(page, ROUTES.scan, 'scan-button').click()
  await typeIntoScanDialog(page, SANTI)
  await el(page, ROUTES.scan, 'found-title').filter({ hasText: '三体' }).waitFor()
  expect(await el(page, ROUTES.scan, 'found').textContent()).toContain('刘慈欣')
  await screenshot(page, 'scan-found')

  await el(page, ROUTES.scan, 'add-button').click()
  await waitForToast(page, '已加入书架')
  await el(page, ROUTES.scan, 'session-entry').filter({ hasText: '三体' }).filter({ hasText: '已加入' }).waitFor()

  await switchTab(ROUTES.shelf)
  await shelfTitles().filter({ hasText: '三体' }).waitFor()
  expect(await shelfTitles().allTextContents()).toEqual(['三体'])
})

test('scanning the same book again says it is already on the shelf', async () => {
  const { page } = preview
  await switchTab(ROUTES.scan)
  await el(page, ROUTES.scan, 'scan-button').click()
  await typeIntoScanDialog(page, SANTI)
  // Known from the local set of owned ISBNs (utils/owned-isbns.ts): 已在书架 at once, no lookup, no add button.
  await waitForToast(page, '已在书架')
  await el(page, ROUTES.scan, 'duplicate').filter({ hasText: '已在书架' }).first().waitFor()
  expect(await el(page, ROUTES.scan, 'add-button').count()).toBe(0)

  // The link opens the existing copy.
  await el(page, ROUTES.scan, 'open-duplicate').first().click()
  await waitForPageOnTop(page, ROUTES.book)
  await el(page, ROUTES.book, 'title').filter({ hasText: '三体' }).waitFor()
  expect(await page.locator('.pv-nav-title').textContent()).toBe('三体')
  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.scan)
})

test('an unknown ISBN while the sources are offline opens the manual form, which saves the book', async () => {
  const { page, sources } = preview
  for (const source of ['openlibrary', 'googlebooks', 'jisuapi', 'juhe'] as const) sources.setFault(source, 'status500')
  try {
    await el(page, ROUTES.scan, 'isbn-input').locator('input').fill(UNKNOWN)
    await el(page, ROUTES.scan, 'lookup-button').click()
    await el(page, ROUTES.scan, 'manual').waitFor()
    expect(await el(page, ROUTES.scan, 'manual-isbn').locator('input').inputValue()).toBe(UNKNOWN)
    await el(page, ROUTES.scan, 'manual-title').locator('input').fill('红楼梦')
    await el(page, ROUTES.scan, 'manual-authors').locator('input').fill('曹雪芹、高鹗')
    await el(page, ROUTES.scan, 'manual-submit').click()
    await waitForToast(page, '已加入书架')
    await el(page, ROUTES.scan, 'session-entry').filter({ hasText: '红楼梦' }).waitFor()
    expect(await el(page, ROUTES.scan, 'manual').count()).toBe(0)
  } finally {
    sources.clearFaults()
  }
})

test('continuous mode adds three books in a row', async () => {
  const { page } = preview
  await el(page, ROUTES.scan, 'continuous-switch').click()
  await el(page, ROUTES.scan, 'scan-button').filter({ hasText: '连续扫码' }).waitFor()
  await el(page, ROUTES.scan, 'scan-button').click()
  const next = [
    ['9787544258975', '霍乱时期的爱情'],
    ['9780141439518', 'Pride and Prejudice'],
    ['9780306406157', 'Chemistry of Nitrogen'],
  ]
  for (const [isbn, title] of next) {
    await typeIntoScanDialog(page, isbn)
    await el(page, ROUTES.scan, 'session-entry').filter({ hasText: title }).filter({ hasText: '已加入' }).waitFor()
  }
  // The loop scans again after every add; the reader stops it by cancelling the scanner.
  await page.locator('.pv-scan').waitFor()
  await page.locator('.pv-scan .pv-modal-cancel').click()

  await switchTab(ROUTES.shelf)
  await shelfTitles().filter({ hasText: 'Chemistry of Nitrogen' }).waitFor()
  expect((await shelfTitles().allTextContents()).sort()).toEqual(
    ['Chemistry of Nitrogen', 'Pride and Prejudice', '三体', '红楼梦', '霍乱时期的爱情'].sort(),
  )
  expect(await el(page, ROUTES.shelf, 'count').textContent()).toContain('5')
})

test('the pages used no wx API the preview lacks and threw nothing', () => {
  expect(previewFailures(preview)).toEqual([])
})
