// Screenshots of every main page at 375x812 (the emulator's demo shelves), saved to test-artifacts/:
// what a reviewer looks at to judge the UI without WeChat.
import { statSync } from 'fs'
import { callBookcase } from '../support/gateway'
import { currentPage, el, openAs, READER_A, READER_B, ROUTES, screenshot, startPreview, typeIntoScanDialog, type Preview } from './helpers/preview'

jest.setTimeout(180_000)

let preview: Preview

beforeAll(async () => {
  preview = await startPreview({ seed: true })
})

afterAll(async () => {
  await preview?.close()
})

async function capture(name: string, navTitle: string): Promise<void> {
  const { page } = preview
  await page.locator('.pv-nav-title', { hasText: navTitle }).waitFor()
  await page.waitForTimeout(300) // let covers and fonts settle: this is a picture, not an assertion
  const file = await screenshot(page, `page-${name}`)
  expect(statSync(file).size).toBeGreaterThan(10_000)
}

test('my shelf', async () => {
  await openAs(preview, READER_A, `/${ROUTES.shelf}`)
  await currentPage(preview.page).locator('components-book-card').first().waitFor()
  await capture('shelf', '我的书架')
})

test('book', async () => {
  await currentPage(preview.page).locator('components-book-card').first().click()
  await el(preview.page, ROUTES.book, 'title').waitFor()
  await capture('book', (await el(preview.page, ROUTES.book, 'title').textContent()) ?? '')
})

test('scan, with a looked-up book', async () => {
  const { page } = preview
  await openAs(preview, READER_A, `/${ROUTES.scan}`)
  await el(page, ROUTES.scan, 'scan-button').click()
  await typeIntoScanDialog(page, '9780306406157')
  await el(page, ROUTES.scan, 'found-title').waitFor()
  await capture('scan', '扫码加书')
})

test('settings', async () => {
  await openAs(preview, READER_A, `/${ROUTES.settings}`)
  await el(preview.page, ROUTES.settings, 'count-total').waitFor()
  await capture('settings', '我的')
})

test("shared shelf (reader B opening A's link)", async () => {
  const { url } = preview.emulator
  const shelf = await callBookcase(url, { openid: READER_A }, { action: 'updateShelf', isPublic: true })
  if (!shelf.ok) throw new Error(JSON.stringify(shelf.error))
  await openAs(preview, READER_B, `/${ROUTES.shared}?s=${shelf.data.shareId}`)
  await currentPage(preview.page).locator('components-book-card').first().waitFor()
  await capture('shared', '的书架')
})
