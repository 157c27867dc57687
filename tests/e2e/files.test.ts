// Files journey in Chromium: reader A imports a Goodreads export and a GBK Douban CSV through
// 我的 → 导入书籍 (the browser's file chooser stands in for WeChat's chat file picker), sees the books on
// the shelf, exports (the preview turns 打开表格 / 发送到聊天 into downloads), photographs a cover
// (a PNG through the chooser), and reader B sees that cover on A's shared shelf.
import path from 'path'
import type { Page } from 'playwright-core'
import { ROOT } from '../support/emulator'
import { callBookcase } from '../support/gateway'
import {
  cardTitles,
  currentPage,
  el,
  openAs,
  previewFailures,
  READER_A,
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

const IMPORT = 'pages/import/index'
const EXPORT = 'pages/export/index'
const FIXTURES = path.join(ROOT, 'tests/fixtures/import')
const GOODREADS_TITLES = ['The Hobbit', '1984', 'Dune']
const DOUBAN_TITLES = ['活着', '围城', '红楼梦']

let preview: Preview

beforeAll(async () => {
  preview = await startPreview()
})

afterAll(async () => {
  await preview?.close()
})

/** Clicks `trigger` and answers the browser file chooser it opens with a fixture. */
async function pickFile(page: Page, trigger: () => Promise<void>, fixture: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await trigger()
  await (await chooser).setFiles(path.join(FIXTURES, fixture))
}

async function importThroughPage(page: Page, fixture: string): Promise<void> {
  await pickFile(page, () => el(page, IMPORT, 'choose-button').click(), fixture)
  await el(page, IMPORT, 'summary-title').filter({ hasText: '导入完成' }).waitFor({ timeout: 60_000 })
}

test('A imports a Goodreads file and a GBK Douban file through 导入书籍 and sees them on the shelf', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  await el(page, ROUTES.settings, 'import-cell').waitFor()
  await screenshot(page, 'settings-files')
  await el(page, ROUTES.settings, 'import-cell').click()
  await waitForPageOnTop(page, IMPORT)
  await screenshot(page, 'import')

  await importThroughPage(page, 'e2e-goodreads.csv')
  expect(await el(page, IMPORT, 'summary-file').textContent()).toContain('Goodreads')
  expect(await el(page, IMPORT, 'count-added').textContent()).toBe('3')
  expect(await el(page, IMPORT, 'count-duplicates').textContent()).toBe('1')
  expect(await el(page, IMPORT, 'skip-row').count()).toBe(2)
  await screenshot(page, 'import-summary')

  await el(page, IMPORT, 'import-another').click()
  await importThroughPage(page, 'e2e-douban-gbk.csv')
  expect(await el(page, IMPORT, 'count-added').textContent()).toBe('3')

  await untilCalled(page, 'listBooks', () => el(page, IMPORT, 'view-shelf').click())
  await waitForPageOnTop(page, ROUTES.shelf)
  await cardTitles(page).filter({ hasText: '红楼梦' }).waitFor()
  expect((await cardTitles(page).allTextContents()).sort()).toEqual([...GOODREADS_TITLES, ...DOUBAN_TITLES].sort())
})

test('A exports the shelf: the spreadsheet opens and either file goes to a chat, as downloads', async () => {
  const { page } = preview
  await switchTab(page, ROUTES.settings)
  await el(page, ROUTES.settings, 'export-cell').click()
  await waitForPageOnTop(page, EXPORT)
  await el(page, EXPORT, 'export-count').filter({ hasText: '6' }).waitFor()
  await screenshot(page, 'export')

  const opened = page.waitForEvent('download')
  await el(page, EXPORT, 'open-button').click()
  expect((await opened).suggestedFilename()).toMatch(/\.xlsx$/)
  const sent = page.waitForEvent('download')
  await el(page, EXPORT, 'share-csv').click()
  const csv = await sent
  expect(csv.suggestedFilename()).toMatch(/\.csv$/)
  const stream = await csv.createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  for (const title of [...GOODREADS_TITLES, ...DOUBAN_TITLES]) expect(text).toContain(title)
  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.settings)
})

test('A adds a cover photo to a book, shown on its page and its card', async () => {
  const { page } = preview
  await switchTab(page, ROUTES.shelf)
  await cardTitles(page).filter({ hasText: '活着' }).click()
  await el(page, ROUTES.book, 'title').filter({ hasText: '活着' }).waitFor()
  await el(page, ROUTES.book, 'cover-edit').click()
  await pickFile(page, () => page.locator('.pv-action-item', { hasText: '从相册选择' }).click(), 'e2e-cover.png')
  await waitForToast(page, '封面已更新')
  const photo = currentPage(page).locator('.components-book-cover--cover-photo').first()
  await photo.waitFor()
  await expectImageLoaded(page, photo)
  await screenshot(page, 'book-cover')

  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.shelf)
  const card = currentPage(page).locator('.components-book-card--card', { hasText: '活着' })
  await expectImageLoaded(page, card.locator('.components-book-cover--cover-photo'))
})

test("B sees A's cover photo on A's shared shelf, through a temporary URL", async () => {
  const { page } = preview
  const shelf = await callBookcase(preview.emulator.url, { openid: READER_A }, { action: 'updateShelf', isPublic: true })
  if (!shelf.ok) throw new Error(JSON.stringify(shelf.error))
  await openAs(preview, READER_B, `/${ROUTES.shelf}`)
  await page.goto(`${preview.emulator.url}/#/${ROUTES.shared}?s=${shelf.data.shareId}`)
  await waitForPageOnTop(page, ROUTES.shared)
  const card = currentPage(page).locator('.components-book-card--card', { hasText: '活着' })
  await card.waitFor()
  const cover = card.locator('.components-book-cover--cover-image')
  await expectImageLoaded(page, cover)
  expect(await imageSource(cover)).not.toMatch(/^cloud:/)
  await screenshot(page, 'shared-cover')
})

test('the pages used no wx API the preview lacks and threw nothing', () => {
  expect(previewFailures(preview)).toEqual([])
})

/** The URL the <image> element's inner <img> (or the element itself) shows. */
async function imageSource(image: ReturnType<Page['locator']>): Promise<string> {
  return image.evaluate((node) => {
    const img = node instanceof HTMLImageElement ? node : node.querySelector('img')
    return img?.currentSrc || img?.src || node.getAttribute('src') || ''
  })
}

/** Waits until the <image> has loaded real pixels (its <img> has a natural width). */
async function expectImageLoaded(page: Page, image: ReturnType<Page['locator']>): Promise<void> {
  await image.waitFor()
  const handle = await image.elementHandle()
  await page.waitForFunction((node) => {
    if (!(node instanceof Element)) return false
    const img = node instanceof HTMLImageElement ? node : node.querySelector('img')
    return Boolean(img && img.complete && img.naturalWidth > 0)
  }, handle)
}
