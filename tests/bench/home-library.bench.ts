// Home-library figures (issue 10): getStats (the reading report: counts, aggregations over the year's
// finished books and the shelf's top authors and tags) on shelves of 1,000 and 10,000 books with the same
// year of reading, and how it grows between them, then for a busier year, and listBooks with the shelf's filters and the series
// sort at 10,000 books — through gateway → function → SDK → emulator. Medians.
// BENCH_HOME_SIZES overrides the shelf sizes (default 1000,10000).
import { performance } from 'perf_hooks'
import { buildBookDocument } from '../../cloudfunctions/bookcase/src/domain/bookDocument'
import type { ApiRequest, ApiResult, ReadingStatus } from '../../typings/api'
import { connectSdk, startEmulator } from '../support/emulator'
import { callBookcase, keepAliveTransport } from '../support/gateway'
import { ms, printSection, summarize, type Row } from './stats'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
type Loose = any

const SIZES = (process.env.BENCH_HOME_SIZES ?? '1000,10000').split(',').map(Number)
const STATUSES: ReadingStatus[] = ['want', 'reading', 'read']
const LOCATIONS = ['书房', '客厅书柜', '卧室', '办公室', '储藏室']

/** Books finished in the reported year on every shelf, whatever its size: a reader finishes about as
 * many books a year with 1,000 on the shelf as with 10,000. */
const FINISHED_IN_2025 = 60

/** Book i of a shelf: the first FINISHED_IN_2025 read in 2025, then a third of the rest read in 2005-2024,
 * every 7th in one of 40 series, a location for most, every 10th wanted, every 25th lent out, with tags
 * and one of 500 authors. */
function benchBook(openid: string, i: number) {
  const thisYear = i < FINISHED_IN_2025
  const status = thisYear ? 'read' : STATUSES[i % 3]
  const day = `${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
  const finishedAt = status === 'read' ? `${thisYear ? 2025 : 2005 + (i % 20)}-${day}` : undefined
  const doc = buildBookDocument({
    id: `m${openid}x${i}`,
    openid,
    metadata: { title: `Book ${i}`, authors: [`Author ${i % 500}`], publisher: 'Bench', pageCount: 100 + (i % 400) },
    source: 'manual',
    reader: {
      status,
      ...(finishedAt ? { finishedAt } : {}),
      tags: [`tag${i % 30}`, `topic${i % 7}`],
      ownership: i % 10 === 0 ? 'wanted' : 'owned',
      ...(i % 7 === 0 ? { series: `Series ${i % 40}`, volume: 1 + ((i / 7) % 20) } : {}),
      ...(i % 6 !== 0 ? { location: LOCATIONS[i % LOCATIONS.length] } : {}),
      is_private: i % 4 === 0,
    },
    now: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  })
  if (i % 25 === 1) Object.assign(doc, { loan: { borrower: `朋友${i % 9}`, lentAt: '2026-01-01' }, lent: true })
  return doc
}

async function main(): Promise<void> {
  const emu = await startEmulator()
  const db: Loose = connectSdk(emu.url).database()
  const transport = keepAliveTransport()
  const okCall = async <A extends ApiRequest['action']>(openid: string, request: ApiRequest<A>): Promise<Loose> => {
    const result = (await callBookcase(emu.url, { openid }, request as ApiRequest<A>, transport)) as ApiResult<unknown>
    if (!result.ok) throw new Error(`${request.action}: ${JSON.stringify(result.error)}`)
    return result.data
  }
  const time = async (iterations: number, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await fn()
    const samples: number[] = []
    for (let i = 0; i < iterations; i++) {
      const started = performance.now()
      await fn()
      samples.push(performance.now() - started)
    }
    return summarize(samples).median
  }
  const rows: Row[] = []
  try {
    const seedStarted = performance.now()
    for (const size of SIZES) {
      const openid = `oHomeBench${size}`
      for (let offset = 0; offset < size; offset += 1000) {
        await db.collection('books').add({ data: Array.from({ length: Math.min(1000, size - offset) }, (_, j) => benchBook(openid, offset + j)) })
      }
    }
    rows.push({ figure: `seeded ${SIZES.reduce((a, b) => a + b, 0).toLocaleString('en')} books`, value: ms(performance.now() - seedStarted) })

    const stats: Record<number, number> = {}
    for (const size of SIZES) {
      const openid = `oHomeBench${size}`
      const report = await okCall(openid, { action: 'getStats', year: 2025 })
      if (report.total !== size || report.finishedCount !== FINISHED_IN_2025) throw new Error(`getStats counted ${report.total} of ${size}`)
      stats[size] = await time(30, () => okCall(openid, { action: 'getStats', year: 2025 }))
      rows.push({ figure: `getStats from ${size.toLocaleString('en')} books (${FINISHED_IN_2025} finished in the year): median`, value: ms(stats[size]) })
    }
    const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)]
    if (small !== large) {
      const ratio = stats[large] / stats[small]
      const growth = large / small
      rows.push({
        figure: `getStats ${large.toLocaleString('en')} / ${small.toLocaleString('en')} (medians; the shelf grew ${growth}×)`,
        value: `${ratio.toFixed(2)}×`,
      })
    }

    const openid = `oHomeBench${large}`
    // A year of far more reading: what the report's time does follow.
    const busyYear = 2005 + (FINISHED_IN_2025 % 20)
    const busy = await okCall(openid, { action: 'getStats', year: busyYear })
    rows.push({
      figure: `getStats from ${large.toLocaleString('en')} books, a year of ${busy.finishedCount} finished: median`,
      value: ms(await time(30, () => okCall(openid, { action: 'getStats', year: busyYear }))),
    })
    const listings: [string, ApiRequest<'listBooks'>][] = [
      ['no filter, newest first', { action: 'listBooks', pageSize: 20 }],
      ['借出中 (lent: true)', { action: 'listBooks', pageSize: 20, lent: true }],
      ['location 书房', { action: 'listBooks', pageSize: 20, location: '书房' }],
      ['ownership wanted', { action: 'listBooks', pageSize: 20, ownership: 'wanted' }],
      ['ownership owned (not wanted: no index)', { action: 'listBooks', pageSize: 20, ownership: 'owned' }],
      ['series sort', { action: 'listBooks', pageSize: 20, sort: 'series' }],
      ['one series, series sort', { action: 'listBooks', pageSize: 20, sort: 'series', series: 'Series 3' }],
    ]
    for (const [name, request] of listings) {
      const first = await okCall(openid, request)
      if (first.items.length === 0) throw new Error(`${name}: empty page`)
      rows.push({ figure: `listBooks ${name}, page of 20 from ${large.toLocaleString('en')}: median`, value: ms(await time(50, () => okCall(openid, request))) })
    }
    rows.push({ figure: `listLocations from ${large.toLocaleString('en')} books: median`, value: ms(await time(30, () => okCall(openid, { action: 'listLocations' }))) })
    rows.push({ figure: `getShelf (counts incl. lentCount) from ${large.toLocaleString('en')}: median`, value: ms(await time(30, () => okCall(openid, { action: 'getShelf' }))) })
  } finally {
    printSection('Home library (issue 10): reading report and shelf filters', rows)
    await emu.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
