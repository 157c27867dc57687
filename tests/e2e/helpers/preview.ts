// The browser journeys' harness: the real emulator (built function, preview at /) with only the ISBN
// sources replaced by the local fixture server, and Chromium driving the preview like a reader would:
// clicks, typing, the scan dialog, the identity switcher.
import { mkdirSync } from 'fs'
import path from 'path'
import type { Locator, Page } from 'playwright-core'
import { CALL_FUNCTION_PATH } from '../../../emulator/gateway/protocol'
import { launchBrowser, type BrowserSession } from '../../support/browser'
import { ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { callBookcase } from '../../support/gateway'
import { SAMPLE_BOOKS, startIsbnSources, type IsbnSources } from '../../support/isbn-sources'

export const READER_A = 'o-demo-reader-a'
export const READER_B = 'o-demo-reader-b'
export const ARTIFACTS = path.join(ROOT, 'test-artifacts')
/** The Mini Program's page routes (app.json), as the preview names its pages. */
export const ROUTES = {
  shelf: 'pages/shelf/index',
  scan: 'pages/scan/index',
  book: 'pages/book/index',
  settings: 'pages/settings/index',
  shared: 'pages/shared/index',
  report: 'pages/report/index',
} as const

export interface Preview {
  sources: IsbnSources
  emulator: EmulatorHandle
  browser: BrowserSession
  page: Page
  /** Console errors and uncaught page errors seen so far. */
  errors: string[]
  close(): Promise<void>
}

/** `seed`: start with the emulator's demo shelves for READER_A and READER_B. */
export async function startPreview(options: { seed?: boolean } = {}): Promise<Preview> {
  const sources = await startIsbnSources({ books: SAMPLE_BOOKS })
  // The suite serves what the global setup built: no rebuild-on-reload while a test runs.
  const env = { ...sources.env, BOOKCASE_PREVIEW_REBUILD: '0' }
  const emulator = await startEmulator({ preview: true, seed: options.seed, env }).catch(async (error) => {
    await sources.close()
    throw error
  })
  let browser: BrowserSession
  try {
    browser = await launchBrowser()
  } catch (error) {
    await emulator.stop()
    await sources.close()
    throw error
  }
  const errors: string[] = []
  browser.page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  browser.page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text())
  })
  return {
    sources,
    emulator,
    browser,
    page: browser.page,
    errors,
    async close() {
      await browser.close()
      await emulator.stop()
      await sources.close()
    },
  }
}

/** Opens a page of the Mini Program (e.g. `/pages/scan/index`) as `openid`, via the identity switcher. */
export async function openAs(preview: Preview, openid: string, route: string): Promise<void> {
  const { page, emulator } = preview
  await page.goto(`${emulator.url}/#${route}`)
  await page.waitForSelector('body[data-preview-ready]')
  const current = await page.locator('.pv-identity-current').textContent()
  if (!current?.includes(`（${openid}）`)) {
    const demo = page.locator(`.pv-identity-reader[data-openid="${openid}"]`)
    if ((await demo.count()) > 0) await demo.click()
    else {
      await page.locator('.pv-identity-input').fill(openid)
      await page.locator('.pv-identity-use').click()
    }
    await page.locator('.pv-identity-current', { hasText: `（${openid}）` }).waitFor()
  }
  await page.evaluate(() => window.scrollTo(0, 0)) // the switcher sits below the phone on a narrow window
  await currentPage(page).waitFor()
}

/** The page on top of the stack. */
export function currentPage(page: Page): Locator {
  return page.locator('wx-page:not([hidden])')
}

/**
 * An element of the page on top by its WXML class: `el(page, 'pages/scan/index', 'scan-button')`.
 * The preview renders a page's classes with its scope prefix (pages/scan/index -> pages-scan--*).
 */
export function el(page: Page, module: string, className: string): Locator {
  const scope = module.split('/').filter((p) => p && p !== 'index').join('-')
  return currentPage(page).locator(`.${scope}--${className}`)
}

export async function waitForToast(page: Page, text: string): Promise<void> {
  await page.locator('.pv-toast', { hasText: text }).waitFor()
}

/** Answers the scan dialog (wx.scanCode) with a typed ISBN. */
export async function typeIntoScanDialog(page: Page, isbn: string): Promise<void> {
  await page.locator('.pv-scan-input').fill(isbn)
  await page.locator('.pv-scan-submit').click()
}

export async function confirmModal(page: Page, expectedTitle: string): Promise<void> {
  await page.locator('.pv-modal', { hasText: expectedTitle }).waitFor()
  await page.locator('.pv-modal-confirm').click()
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.evaluate(() => window.scrollTo(0, 0))
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

/** Seeds `count` typed-in books for a reader through the gateway (the function writes them). */
export async function seedManualBooks(
  url: string,
  openid: string,
  count: number,
  make: (i: number) => { title: string; authors: string[]; status: 'want' | 'reading' | 'read' },
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { status, ...book } = make(i)
    const answer = await callBookcase(url, { openid }, { action: 'addBook', book, status })
    if (!answer.ok) throw new Error(`seeding book ${i} failed: ${JSON.stringify(answer.error)}`)
  }
}

/** Runs `act` and waits until the function call for `action` it causes has been answered. */
export async function untilCalled(page: Page, action: string, act: () => Promise<void>): Promise<void> {
  const answered = page.waitForResponse(
    (response) => response.url().endsWith(CALL_FUNCTION_PATH) && (response.request().postData() ?? '').includes(`"action":"${action}"`),
  )
  await act()
  await answered
}

/** Scrolls the page on top like a reader's mouse wheel (or finger) would. */
export async function scrollToBottom(page: Page): Promise<void> {
  const box = await currentPage(page).boundingBox()
  if (!box) throw new Error('no page on screen')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.wheel(0, 20_000)
}

/** Waits until `route` (e.g. `pages/book/index`) is the page on top. */
export async function waitForPageOnTop(page: Page, route: string): Promise<void> {
  await page.locator(`wx-page[data-route="${route}"]:not([hidden])`).waitFor()
}

/** Taps a tab in the tab bar and waits for its page. */
export async function switchTab(page: Page, route: string): Promise<void> {
  await page.locator(`.pv-tab[data-route="${route}"]`).click()
  await waitForPageOnTop(page, route)
}

/** The titles of the book cards on the page on top. */
export function cardTitles(page: Page): Locator {
  return currentPage(page).locator('.components-book-card--card-title')
}

/** Errors that mean the preview itself fell short: a wx API it lacks, or an uncaught exception. */
export function previewFailures(preview: Preview): string[] {
  return preview.errors.filter((e) => e.includes('not supported in the browser preview') || e.startsWith('pageerror'))
}
