// The instant first screen in Chromium: the shelf loads once, then with every function call failing
// (the gateway unreachable) a relaunch still shows the cards from wx storage, under a note; back online
// the note's 重试 refreshes them. Also in the browser: 分享我的书架 publishing and sharing in one flow
// with the share card's drawn 5:4 image, a long title in the navigation bar ending in "…", and the scan
// page saying 已在书架 for a book on the shelf with the gateway down.
import { CALL_FUNCTION_PATH } from '../../emulator/gateway/protocol'
import { callBookcase } from '../support/gateway'
import {
  cardTitles,
  confirmModal,
  currentPage,
  el,
  openAs,
  ROUTES,
  screenshot,
  seedManualBooks,
  startPreview,
  switchTab,
  typeIntoScanDialog,
  untilCalled,
  waitForPageOnTop,
  waitForToast,
  type Preview,
} from './helpers/preview'

jest.setTimeout(180_000)

const READER = 'o-e2e-first-screen'
const LONG_TITLE = '银河帝国：基地七部曲之一基地前奏与基地与帝国'
let preview: Preview

beforeAll(async () => {
  preview = await startPreview()
  await seedManualBooks(preview.emulator.url, READER, 3, (i) => ({ title: ['三体', '活着', LONG_TITLE][i], authors: ['作者'], status: 'read' }))
})

afterAll(async () => {
  await preview?.close()
})

const waitForCards = (n: number) =>
  preview.page.waitForFunction((expected) => document.querySelectorAll('wx-page:not([hidden]) components-book-card').length === expected, n)

test('with the gateway down, a relaunch paints last launch\'s cards from storage, and 重试 refreshes them online', async () => {
  const { page } = preview
  await openAs(preview, READER, `/${ROUTES.shelf}`)
  await waitForCards(3)

  // Every call fails as if the network were gone; relaunch.
  await page.route(`**${CALL_FUNCTION_PATH}`, (route) => route.abort('internetdisconnected'))
  await page.reload()
  await page.waitForSelector('body[data-preview-ready]')
  await waitForCards(3)
  expect(await cardTitles(page).allTextContents()).toEqual([LONG_TITLE, '活着', '三体'])
  const note = el(page, ROUTES.shelf, 'refresh-note')
  await note.filter({ hasText: '网络不可用' }).waitFor()
  expect(await currentPage(page).locator('.pages-shelf--error-state').count()).toBe(0)
  await screenshot(page, 'first-screen-offline')

  // Back online, with a book added meanwhile: 重试 replaces the cards and the note goes.
  await page.unroute(`**${CALL_FUNCTION_PATH}`)
  const added = await callBookcase(preview.emulator.url, { openid: READER }, { action: 'addBook', book: { title: '围城', authors: ['钱锺书'] } })
  expect(added.ok).toBe(true)
  await note.click()
  await waitForCards(4)
  expect((await cardTitles(page).allTextContents())[0]).toBe('围城')
  await note.waitFor({ state: 'detached' })
})

test('分享我的书架 on a private shelf publishes and shares in one flow, with its own drawn 5:4 card image', async () => {
  const { page } = preview
  const named = await callBookcase(preview.emulator.url, { openid: READER }, { action: 'updateShelf', name: '我的小书房' })
  expect(named.ok).toBe(true)
  await switchTab(page, ROUTES.settings)
  await el(page, ROUTES.settings, 'share-button-publish').click()
  await confirmModal(page, '先公开书架')
  await el(page, ROUTES.settings, 'share-sheet').filter({ hasText: '书架已公开' }).waitFor()
  await el(page, ROUTES.settings, 'share-sheet-send').click()
  const image = page.locator('.pv-share-image')
  await image.waitFor()
  await page.waitForFunction(() => (document.querySelector('.pv-share-image') as HTMLImageElement | null)?.complete === true)
  expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([500, 400])
  expect(await page.locator('.pv-share-link').inputValue()).toMatch(new RegExp(`/#/${ROUTES.shared}\\?s=[A-Za-z0-9_-]+$`))
  await screenshot(page, 'share-card')
  await page.locator('.pv-share-close').click()
  expect(await el(page, ROUTES.settings, 'share-sheet').count()).toBe(0)
  const shelf = await callBookcase(preview.emulator.url, { openid: READER }, { action: 'getShelf' })
  expect(shelf.ok && shelf.data.isPublic).toBe(true)
  await switchTab(page, ROUTES.shelf)
})

test('a long title in the navigation bar keeps its beginning and ends in …', async () => {
  const { page } = preview
  await cardTitles(page).filter({ hasText: '银河帝国' }).click()
  await waitForPageOnTop(page, ROUTES.book)
  const title = page.locator('.pv-nav-title-text')
  await title.filter({ hasText: '银河帝国' }).waitFor()
  const shown = await title.evaluate((span) => {
    const box = span.getBoundingClientRect()
    const bar = span.parentElement!.getBoundingClientRect()
    return { text: span.textContent, overflow: getComputedStyle(span).textOverflow, inside: box.left >= bar.left - 0.5 && box.right <= bar.right + 0.5 }
  })
  // The page sets a short title (utils/nav-title.ts); the bar would end a longer one in … itself.
  expect(shown.text).toBe('银河帝国：基地七部曲之一…')
  expect(shown.overflow).toBe('ellipsis')
  expect(shown.inside).toBe(true)
  expect(preview.errors.filter((e) => e.includes('not supported in the browser preview'))).toEqual([])
})

test('offline, scanning a book already on the shelf says 已在书架 at once and never offers the manual form', async () => {
  const { page } = preview
  const isbn = '9787020002207' // a valid ISBN no source knows: only a typed-in book has it
  const added = await callBookcase(preview.emulator.url, { openid: READER }, { action: 'addBook', book: { title: '手抄本', authors: [], isbn } })
  expect(added.ok).toBe(true)
  await page.locator('.pv-nav-back').click()
  await waitForPageOnTop(page, ROUTES.shelf)
  // The scan tab's first show builds the local set of owned ISBNs from the shelf.
  await untilCalled(page, 'listBooks', () => switchTab(page, ROUTES.scan))
  await page.route(`**${CALL_FUNCTION_PATH}`, (route) => route.abort('internetdisconnected'))
  try {
    await el(page, ROUTES.scan, 'scan-button').click()
    await typeIntoScanDialog(page, isbn)
    await waitForToast(page, '已在书架')
    await el(page, ROUTES.scan, 'duplicate').filter({ hasText: '已在书架' }).first().waitFor()
    expect(await el(page, ROUTES.scan, 'manual').count()).toBe(0)
    await screenshot(page, 'scan-owned-offline')
  } finally {
    await page.unroute(`**${CALL_FUNCTION_PATH}`)
  }
})
