// Browser preview figures: time from navigation to the first 20 book cards painted on my shelf with a
// 10k-book shelf (headless Chromium), the preview bundle's size, and the emulator's memory after an
// e2e-like session and again once its idle function instances were retired. The 10k books are built
// with the function's own document code and loaded with the emulator's --import, so they are exactly
// what the function would have written.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { gzipSync } from 'zlib'
import { launchBrowser } from '../support/browser'
import { ROOT, startEmulator } from '../support/emulator'
import { callBookcase } from '../support/gateway'
import { startIsbnSources, SAMPLE_BOOKS } from '../support/isbn-sources'
import { SHELF_BOOKS, watchFirstCards, writeShelfDump } from './preview-shelf'
import { ms, printSection, summarize } from './stats'

const READER = 'o-bench-preview-reader'
const RUNS = 9
const STATUSES = ['want', 'reading', 'read'] as const
/** The bench's function idle window (BOOKCASE_IDLE_SECONDS): short, so retirement is measured in seconds. */
const IDLE_SECONDS = 3

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length

/** Waits until every instance the emulator started has been retired, then for its memory to settle. */
async function rssAfterRetirement(emulator: { output(): string; child: { pid?: number } }, functionName: string): Promise<number> {
  const started = new RegExp(`function ${functionName}: cold start in`, 'g')
  const retired = new RegExp(`function ${functionName}: an instance idle for [\\d.]+ s retired`, 'g')
  const until = Date.now() + (IDLE_SECONDS + 30) * 1000
  while (count(emulator.output(), retired) < count(emulator.output(), started)) {
    if (Date.now() > until) throw new Error(`instances not retired after ${IDLE_SECONDS + 30} s:\n${emulator.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // The threads' memory is returned as they exit; give the main isolate a moment to collect after.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  return rssMb(emulator.child.pid!)
}

function bundleSizes() {
  const dir = path.join(ROOT, '.build/preview')
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'))
  const size = (f: string) => statSync(path.join(dir, f)).size
  const gz = (f: string) => gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length
  const js = files.filter((f) => f.endsWith('.js'))
  const css = files.filter((f) => f.endsWith('.css'))
  const sum = (list: string[], fn: (f: string) => number) => list.reduce((n, f) => n + fn(f), 0)
  return { js: sum(js, size), jsGzip: sum(js, gz), css: sum(css, size), cssGzip: sum(css, gz) }
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'bookcase-preview-bench-'))
  const dump = path.join(work, 'shelf.json')
  writeShelfDump(dump, READER, (i) => ({
    metadata: { title: `第 ${i} 本书`, authors: [`作者 ${i % 97}`], publisher: '测试出版社' },
    reader: { status: STATUSES[i % 3], tags: i % 5 === 0 ? ['小说'] : [] },
  }))
  const sources = await startIsbnSources({ books: SAMPLE_BOOKS })
  const emulator = await startEmulator({ preview: true, env: { ...sources.env, BOOKCASE_PREVIEW_REBUILD: '0', BOOKCASE_IDLE_SECONDS: String(IDLE_SECONDS) }, args: ['--import', dump] })
  const browser = await launchBrowser()
  try {
    const { page } = browser
    await page.addInitScript((openid) => localStorage.setItem('bookcase.preview.openid', openid), READER)
    await page.addInitScript(watchFirstCards)
    const rssStart = rssMb(emulator.child.pid!)

    const samples: number[] = []
    for (let run = 0; run <= RUNS; run++) {
      await page.goto('about:blank')
      await page.goto(`${emulator.url}/#/pages/shelf/index`)
      const painted = await page.waitForFunction(() => (window as unknown as { __cardsPaintedAt?: number }).__cardsPaintedAt, undefined, {
        timeout: 30_000,
      })
      const at = (await painted.jsonValue()) as number
      if (run > 0) samples.push(at) // run 0 warms the function instance and the browser cache
    }
    const firstCards = summarize(samples)

    // An e2e-like session on top: scan-and-add, paging, search, edit, delete, share.
    const me = { openid: READER }
    for (const book of SAMPLE_BOOKS) await callBookcase(emulator.url, me, { action: 'addBook', isbn: book.isbn13 })
    let cursor: string | null | undefined
    for (let i = 0; i < 10; i++) {
      const list = await callBookcase(emulator.url, me, { action: 'listBooks', pageSize: 20, ...(cursor ? { cursor } : {}) })
      if (!list.ok) throw new Error(JSON.stringify(list.error))
      cursor = list.data.nextCursor
      if (i === 0) {
        const id = list.data.items[0].id
        await callBookcase(emulator.url, me, { action: 'updateBook', id, patch: { status: 'read', rating: 5, note: '好书' } })
        await callBookcase(emulator.url, me, { action: 'removeBook', id })
      }
    }
    await callBookcase(emulator.url, me, { action: 'listBooks', q: '第 99', pageSize: 20 })
    const shelf = await callBookcase(emulator.url, me, { action: 'updateShelf', isPublic: true })
    if (shelf.ok) await callBookcase(emulator.url, { openid: 'o-bench-friend' }, { action: 'viewSharedShelf', shareId: shelf.data.shareId })
    for (const route of ['/pages/scan/index', '/pages/settings/index', '/pages/shelf/index']) {
      await page.goto(`${emulator.url}/#${route}`)
      await page.waitForSelector('body[data-preview-ready]')
    }
    await page.waitForTimeout(500)
    const rssAfter = rssMb(emulator.child.pid!)
    await page.goto('about:blank') // nothing calls the function any more
    const rssRetired = await rssAfterRetirement(emulator, 'bookcase')

    const size = bundleSizes()
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
    printSection('Browser preview (headless Chromium, 375x812)', [
      {
        figure: `first 20 cards painted, ${SHELF_BOOKS / 1000}k-book shelf (median of ${RUNS})`,
        value: ms(firstCards.median),
        target: '≤ 800 ms',
        ok: firstCards.median <= 800,
      },
      { figure: '  same, p99 / min / max', value: `${ms(firstCards.p99)} / ${ms(firstCards.min)} / ${ms(firstCards.max)}` },
      { figure: 'preview JS bundle (minified / gzip -9)', value: `${kb(size.js)} / ${kb(size.jsGzip)}` },
      { figure: 'preview CSS (runtime + WXSS, gzip -9)', value: `${kb(size.css)} / ${kb(size.cssGzip)}` },
      { figure: `emulator RSS after --import of ${SHELF_BOOKS / 1000}k books`, value: `${rssStart.toFixed(0)} MB` },
      { figure: 'emulator RSS after the e2e-like session', value: `${rssAfter.toFixed(0)} MB` },
      {
        figure: `  same, once its function instances idled ${IDLE_SECONDS} s and were retired`,
        value: `${rssRetired.toFixed(0)} MB`,
        target: '≤ 200 MB',
        ok: rssRetired <= 200,
      },
    ])
  } finally {
    await browser.close()
    await emulator.stop()
    await sources.close()
    rmSync(work, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
