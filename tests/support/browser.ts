// Launches Debian's Chromium (/usr/bin/chromium) with playwright-core for the browser suites and
// benches: a fresh profile per launch, removed on close. No Chromium -> one clear line, never a skip.
import { existsSync, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const chromiumMissing = (at: string) => `Chromium not found at ${at} — install it with: sudo apt-get install chromium fonts-noto-cjk`

/** The phone the screenshots and journeys use (iPhone X class, 750rpx = 375px). */
export const PHONE_VIEWPORT = { width: 375, height: 812 }

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface BrowserSession {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; executablePath?: string } = {},
): Promise<BrowserSession> {
  const executablePath = options.executablePath ?? CHROMIUM
  if (!existsSync(executablePath)) throw new Error(chromiumMissing(executablePath))
  const profile = mkdtempSync(path.join(tmpdir(), 'bookcase-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
