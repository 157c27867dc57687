// The shelf's first screen (issue 10, "Instant first screen"): time from navigation to the first 20
// cards painted in headless Chromium through the preview, side by side: from the network (no cache in
// wx storage: the function lists the first page of a 10k-book shelf) and from storage (last launch's
// page, utils/shelf-cache.ts, painted before any answer), the latter also with every call failing.
// The shelf is built with the function's own document code and loaded with the emulator's --import.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { CALL_FUNCTION_PATH } from '../../emulator/gateway/protocol'
import { launchBrowser } from '../support/browser'
import { startEmulator } from '../support/emulator'
import { SHELF_BOOKS, watchFirstCards, writeShelfDump } from './preview-shelf'
import { ms, printSection, summarize } from './stats'

const READER = 'o-bench-first-screen'
const RUNS = 9
const CARDS = 20
type Mode = 'network' | 'storage' | 'storage-offline'

/** Installed before the app: in 'network' runs forgets the cached page. */
function forgetCacheInNetworkRuns(): void {
  if (sessionStorage.getItem('bench.mode') === 'network') {
    for (const key of Object.keys(localStorage)) if (key.endsWith('.bookcase.shelfCache')) localStorage.removeItem(key)
  }
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'bookcase-first-screen-bench-'))
  const dump = path.join(work, 'shelf.json')
  writeShelfDump(dump, READER, (i) => ({ metadata: { title: `第 ${i} 本书`, authors: [`作者 ${i % 97}`] }, reader: { status: 'read', tags: [] } }))
  const emulator = await startEmulator({ preview: true, env: { BOOKCASE_PREVIEW_REBUILD: '0' }, args: ['--import', dump] })
  const browser = await launchBrowser()
  try {
    const { page } = browser
    await page.addInitScript((openid) => localStorage.setItem('bookcase.preview.openid', openid), READER)
    await page.addInitScript(forgetCacheInNetworkRuns)
    await page.addInitScript(watchFirstCards)
    const shelfUrl = `${emulator.url}/#/pages/shelf/index`
    await page.goto(shelfUrl) // warms the function instance and the browser cache, and fills the cache
    await page.waitForFunction(() => (window as unknown as { __cardsPaintedAt?: number }).__cardsPaintedAt, undefined, { timeout: 30_000 })

    const samples: Record<Mode, number[]> = { network: [], storage: [], 'storage-offline': [] }
    const run = async (mode: Mode) => {
      await page.evaluate((m) => sessionStorage.setItem('bench.mode', m), mode)
      if (mode === 'storage-offline') await page.route(`**${CALL_FUNCTION_PATH}`, (route) => route.abort('internetdisconnected'))
      await page.goto('about:blank')
      await page.goto(shelfUrl)
      const painted = await page.waitForFunction(() => (window as unknown as { __cardsPaintedAt?: number }).__cardsPaintedAt, undefined, {
        timeout: 30_000,
      })
      samples[mode].push((await painted.jsonValue()) as number)
      if (mode === 'storage-offline') await page.unroute(`**${CALL_FUNCTION_PATH}`)
      // Let the background refresh land, so the next run starts from a settled shelf and a fresh cache.
      else await page.waitForLoadState('networkidle')
    }
    // Interleaved, so drift on a shared machine touches every mode alike.
    for (let i = 0; i < RUNS; i++) for (const mode of ['network', 'storage', 'storage-offline'] as const) await run(mode)

    const network = summarize(samples.network)
    const storage = summarize(samples.storage)
    const offline = summarize(samples['storage-offline'])
    printSection(`Shelf first screen (headless Chromium via the preview, ${SHELF_BOOKS / 1000}k-book shelf, first ${CARDS} cards painted, median of ${RUNS})`, [
      { figure: 'from the network (no cached page)', value: ms(network.median) },
      { figure: 'from storage (cached page, refresh in background)', value: ms(storage.median), target: '< network', ok: storage.median < network.median },
      { figure: 'from storage, every call failing', value: ms(offline.median), target: '< network', ok: offline.median < network.median },
      { figure: 'ratio network / storage', value: `${(network.median / storage.median).toFixed(2)}×` },
      { figure: '  network p99 / min / max', value: `${ms(network.p99)} / ${ms(network.min)} / ${ms(network.max)}` },
      { figure: '  storage p99 / min / max', value: `${ms(storage.p99)} / ${ms(storage.min)} / ${ms(storage.max)}` },
    ])
  } finally {
    await browser.close()
    await emulator.stop()
    rmSync(work, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
