// Import and export figures (issue 9), all through gateway → built function → wx-server-sdk → emulator:
// a 5,000-row Goodreads export imported end to end (startImport, the upload to the job's path, then
// importBooks until done, as the import page drives it), and exportBooks of a 10,000-book shelf (CSV and
// .xlsx written, uploaded and answered with temporary URLs). Medians over fresh readers. Beside them, the
// file-format code alone in this process (transfer/: parsing the import file, writing each export file),
// to tell its share from the database's and the storage's.
// BENCH_IMPORT_RUNS / BENCH_EXPORT_RUNS change the number of runs (3 / 5).
import { performance } from 'perf_hooks'
import { buildBookDocument, bookIdFor } from '../../cloudfunctions/bookcase/src/domain/bookDocument'
import { ownBook } from '../../cloudfunctions/bookcase/src/domain/policy'
import { writeCsv, writeXlsx } from '../../cloudfunctions/bookcase/src/transfer/exportFile'
import { readImportFile } from '../../cloudfunctions/bookcase/src/transfer/importFile'
import type { ActionData, ActionName, ApiRequest } from '../../typings/api'
import { goodreadsRows, isbn13Of } from '../fixtures/import/generate'
import { connectSdk, startEmulator } from '../support/emulator'
import { callBookcase, keepAliveTransport } from '../support/gateway'
import { startIsbnSources } from '../support/isbn-sources'
import { ms, printSection, sample, summarize, type Row } from './stats'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
type Loose = any

const IMPORT_ROWS = 5000
const EXPORT_BOOKS = 10_000
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3)
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 5)
const IMPORT_TARGET_MS = 15_000
const EXPORT_TARGET_MS = 5_000

async function main(): Promise<void> {
  const sources = await startIsbnSources()
  const emu = await startEmulator({ env: sources.env })
  const sdk = connectSdk(emu.url)
  const db: Loose = sdk.database()
  const transport = keepAliveTransport()
  const ok = async <A extends ActionName>(openid: string, request: ApiRequest<A>): Promise<ActionData<A>> => {
    const result = await callBookcase(emu.url, { openid }, request, transport)
    if (!result.ok) throw new Error(`${request.action}: ${JSON.stringify(result.error)}`)
    return result.data
  }
  const rows: Row[] = []
  try {
    // --- import ---------------------------------------------------------------------------------------
    const file = goodreadsRows(IMPORT_ROWS)
    await ok('oBenchWarm', { action: 'getShelf' }) // a warm instance, as the page's earlier calls leave one
    const totals: number[] = []
    const callCounts: number[] = []
    const perCall: number[] = []
    for (let run = 0; run < IMPORT_RUNS; run++) {
      const openid = `oBenchImport${run}`
      const started = performance.now()
      const { jobId, cloudPath } = await ok(openid, { action: 'startImport', fileName: 'goodreads_library_export.csv' })
      await sdk.uploadFile({ cloudPath, fileContent: file })
      let calls = 0
      for (;;) {
        const t = performance.now()
        const progress = await ok(openid, { action: 'importBooks', jobId })
        perCall.push(performance.now() - t)
        calls++
        if (progress.state === 'done') {
          if (progress.added !== IMPORT_ROWS) throw new Error(`only ${progress.added} of ${IMPORT_ROWS} added`)
          break
        }
      }
      totals.push(performance.now() - started)
      callCounts.push(calls)
    }
    const total = summarize(totals).median
    rows.push({
      figure: `import ${IMPORT_ROWS.toLocaleString('en')} Goodreads rows end to end (${(file.length / 1024).toFixed(0)} KB): median of ${IMPORT_RUNS}`,
      value: ms(total),
      target: `≤ ${IMPORT_TARGET_MS / 1000} s`,
      ok: total <= IMPORT_TARGET_MS,
    })
    const slices = summarize(perCall)
    rows.push({ figure: 'importBooks calls per import / one call: median, max', value: `${summarize(callCounts).median} / ${ms(slices.median)}, ${ms(slices.max)}` })

    // --- export ---------------------------------------------------------------------------------------
    const exporter = 'oBenchExport'
    const shelf = Array.from({ length: EXPORT_BOOKS }, (_, i) => {
      const isbn = i % 10 === 0 ? undefined : isbn13Of(i)
      return buildBookDocument({
        id: isbn ? bookIdFor(exporter, isbn) : `mExport${i}`,
        openid: exporter,
        metadata: { ...(isbn ? { isbn } : {}), title: `导出测试之书 ${i}`, authors: [`作者 ${i % 97}`, 'Co Author'], publisher: '测试出版社', publishedDate: '2020-01', pageCount: 100 + (i % 500) },
        source: 'manual',
        reader: { status: (['want', 'reading', 'read'] as const)[i % 3], rating: i % 6 === 0 ? null : (i % 5) + 1, tags: ['科幻', `tag${i % 20}`], note: i % 4 === 0 ? `笔记 ${i}, "quoted"` : '', is_private: i % 7 === 0 },
        now: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
      })
    })
    for (let offset = 0; offset < EXPORT_BOOKS; offset += 1000) await db.collection('books').add({ data: shelf.slice(offset, offset + 1000) })
    const exportMs: number[] = []
    let sizes = ''
    let failure = ''
    for (let run = 0; run < EXPORT_RUNS && !failure; run++) {
      const t = performance.now()
      // A call past the function's timeout fails: reported as a missed figure, the other figures still print.
      const answer = await ok(exporter, { action: 'exportBooks' }).catch((error: Error) => ((failure = /timed out after \d+ seconds/.exec(error.message)?.[0] ?? error.message.slice(0, 80)), null))
      if (!answer) break
      exportMs.push(performance.now() - t)
      if (answer.count !== EXPORT_BOOKS) throw new Error(`exported ${answer.count} books`)
      sizes = `CSV ${(answer.csv.size / 1024).toFixed(0)} KB, xlsx ${(answer.xlsx.size / 1024).toFixed(0)} KB`
    }
    const exported = failure ? Infinity : summarize(exportMs).median
    rows.push({
      figure: `exportBooks of ${EXPORT_BOOKS.toLocaleString('en')} books (CSV + xlsx, uploaded, temp URLs): median of ${EXPORT_RUNS}`,
      // As a share of the target too: the figure moves with the machine's load, the ratio tells the margin.
      value: failure ? `failed: ${failure}` : `${ms(exported)} (${(exported / EXPORT_TARGET_MS).toFixed(2)} of target)`,
      target: `≤ ${EXPORT_TARGET_MS / 1000} s`,
      ok: exported <= EXPORT_TARGET_MS,
    })
    if (sizes) rows.push({ figure: 'export file sizes', value: sizes })

    // --- the file formats alone (transfer/, in this process) -----------------------------------------
    const parse = summarize(await sample(3, () => readImportFile(file, 'goodreads_library_export.csv'), 1)).median
    rows.push({ figure: `readImportFile of the ${IMPORT_ROWS.toLocaleString('en')}-row Goodreads file: median of 3`, value: ms(parse) })
    const books = shelf.map(ownBook)
    // A fresh array each run: the writers keep one shelf's column values for the other writer, and each
    // figure here includes computing them (the export computes them once for both).
    rows.push({ figure: `writeCsv of ${EXPORT_BOOKS.toLocaleString('en')} books: median of 3`, value: ms(summarize(await sample(3, () => writeCsv(books.slice()), 1)).median) })
    rows.push({ figure: `writeXlsx of ${EXPORT_BOOKS.toLocaleString('en')} books: median of 3`, value: ms(summarize(await sample(3, () => writeXlsx(books.slice()), 1)).median) })
  } finally {
    await emu.stop()
    await sources.close()
  }
  printSection('Import and export (issue 9)', rows)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
