// Emulator figures: insert and indexed-query throughput through the real wx-server-sdk, a page of
// 20 by _openid with sort from a 100k-document collection, cold vs warm invocation latency
// through the client gateway (gateway → function → SDK → store → back), and a restart on a data
// folder of 100k books (journal replay, or snapshot load, to /health).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { performance } from 'perf_hooks'
import { bookIdFor, buildBookDocument } from '../../cloudfunctions/bookcase/src/domain/bookDocument'
import { Database } from '../../emulator/store/database'
import { Journal } from '../../emulator/store/journal'
import { encodeRecord } from '../../emulator/store/record-codec'
import { connectSdk, ROOT, startEmulator } from '../support/emulator'
import { callGateway, keepAliveTransport } from '../support/gateway'
import { ms, printSection, sample, summarize, type Row } from './stats'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
type Loose = any

const QUERY_TARGET_MS = 5
const WARM_CALL_TARGET_MS = 1
const RESTART_TARGET_MS = 1000
const RESTART_RUNS = 3
const READERS = 100
const BIG = 100_000

const rate = (n: number, millis: number) => `${Math.round((n * 1000) / millis).toLocaleString('en')} /s`

/** Runs `task(i)` for i < n with at most `width` in flight; returns elapsed ms. */
async function concurrently(n: number, width: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++)
    }),
  )
  return performance.now() - started
}

/** A data folder whose journal holds `n` books as addBook writes them (one record each), built by the function's own code. */
function journalFolder(n: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookcase-bench-restart-'))
  mkdirSync(path.join(dir, 'db'))
  const lines = [encodeRecord([{ op: 'create', c: 'books' }])]
  for (let i = 0; i < n; i++) {
    const openid = `oRestart${i % READERS}`
    const isbn = `978${String(i).padStart(9, '0')}0`
    const doc = buildBookDocument({
      id: bookIdFor(openid, isbn),
      openid,
      metadata: { isbn, title: `Book ${i}`, authors: [`Author ${i % 997}`], publisher: 'Bench' },
      source: 'manual',
      reader: { status: (['want', 'reading', 'read'] as const)[i % 3], rating: (i % 5) + 1, tags: i % 2 ? ['sf'] : [], note: `note ${i}` },
      now: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
    })
    lines.push(encodeRecord([{ op: 'put', c: 'books', doc: doc as unknown as Record<string, unknown> }]))
  }
  writeFileSync(path.join(dir, 'db', 'journal-000001.jsonl'), lines.join(''))
  return dir
}

/** Median ms from spawning the emulator on `dataDir` to its /health answering 200 with every document. */
async function restartMs(dataDir: string, documents: number): Promise<number> {
  const times: number[] = []
  for (let run = 0; run < RESTART_RUNS; run++) {
    const started = performance.now()
    const emu = await startEmulator({ dataDir })
    const res = await fetch(`${emu.url}/health`)
    const health = (await res.json()) as { documents: number }
    times.push(performance.now() - started)
    await emu.stop()
    if (res.status !== 200 || health.documents !== documents) throw new Error(`restart: /health ${res.status} ${JSON.stringify(health)}`)
  }
  return summarize(times).median
}

async function restartRows(): Promise<Row[]> {
  const dir = journalFolder(BIG)
  try {
    const replay = await restartMs(dir, BIG)
    // The same books compacted into the snapshot (the journal after it is empty).
    const db = await Database.open(dir)
    await db.compact()
    await db.close()
    const load = await restartMs(dir, BIG)
    const books = `${BIG.toLocaleString('en')} books`
    return [
      { figure: `emulator restart, ${books} in the journal (replay to /health, median of ${RESTART_RUNS})`, value: ms(replay), target: `≤ ${RESTART_TARGET_MS} ms`, ok: replay <= RESTART_TARGET_MS },
      { figure: `emulator restart, ${books} in the snapshot (load to /health, median of ${RESTART_RUNS})`, value: ms(load), target: `≤ ${RESTART_TARGET_MS} ms`, ok: load <= RESTART_TARGET_MS },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const functionsDir = path.join(ROOT, 'tests/fixtures/functions')
  const emu = await startEmulator({ functionsDir })
  const db: Loose = connectSdk(emu.url).database()
  const _ = db.command
  const rows: Row[] = []
  try {
    // Inserts: each acknowledged only once fsync'ed.
    await db.createCollection('bench_insert')
    const inserts = db.collection('bench_insert')
    const seqN = 500
    const seqMs = (await sample(seqN, () => inserts.add({ data: { kind: 'seq', at: new Date() } }))).reduce((a, b) => a + b, 0)
    rows.push({ figure: 'insert, sequential (one add at a time)', value: rate(seqN, seqMs) })
    const concN = 4000
    const concMs = await concurrently(concN, 64, () => inserts.add({ data: { kind: 'conc', at: new Date() } }))
    rows.push({ figure: 'insert, 64 concurrent adds (group commit)', value: rate(concN, concMs) })
    // The same appends straight into a journal, without HTTP or the SDK: the store's own ceiling
    // (the end-to-end figure above is bounded by the SDK client sharing the CPU).
    const journalDir = mkdtempSync(path.join(tmpdir(), 'bookcase-bench-journal-'))
    const journal = await Journal.open(path.join(journalDir, 'journal.jsonl'))
    const appendMs = await concurrently(concN, 64, (i) => journal.append([{ op: 'put', c: 'c', doc: { _id: `d${i}`, kind: 'conc', at: new Date() } }]))
    await journal.close()
    rmSync(journalDir, { recursive: true, force: true })
    rows.push({ figure: '  journal alone, 64 concurrent fsync\'ed appends', value: rate(concN, appendMs) })

    // 100k books for 100 readers, plus one reader with 100k books, loaded in batches. `addedKey` has
    // the shape of the app's sort keys (database/indexes.json owner_added: _openid, addedKey desc).
    const books = db.collection('books')
    const base = Date.UTC(2020, 0, 1)
    const book = (owner: string, i: number) => ({
      _openid: owner,
      title: `Book ${i}`,
      status: i % 3 ? 'read' : 'want',
      addedKey: `${String(base + i * 60_000).padStart(15, '0')}~${owner}-${i}`,
    })
    const loadStarted = performance.now()
    for (let offset = 0; offset < BIG; offset += 1000) {
      await books.add({ data: Array.from({ length: 1000 }, (_x, j) => book(`o-bench-${(offset + j) % READERS}`, offset + j)) })
    }
    const loadMs = performance.now() - loadStarted
    rows.push({ figure: `insert, batches of 1000 (${BIG.toLocaleString('en')} docs)`, value: rate(BIG, loadMs) })
    for (let offset = 0; offset < BIG; offset += 1000) {
      await books.add({ data: Array.from({ length: 1000 }, (_x, j) => book('o-bench-big', offset + j)) })
    }

    let reader = 0
    const page = () =>
      books
        .where({ _openid: `o-bench-${reader++ % READERS}` })
        .orderBy('addedKey', 'desc')
        .limit(20)
        .get()
    const first = await page()
    if (first.data.length !== 20) throw new Error(`expected a page of 20, got ${first.data.length}`)
    const q = summarize(await sample(500, page, 50))
    rows.push({ figure: `page of 20 by _openid, newest first, ${(2 * BIG) / 1000}k docs (median)`, value: ms(q.median), target: `≤ ${QUERY_TARGET_MS} ms`, ok: q.median <= QUERY_TARGET_MS })
    rows.push({ figure: '  same, p99', value: ms(q.p99) })
    const deep = summarize(await sample(200, () => books.where({ _openid: 'o-bench-7', status: 'read' }).orderBy('addedKey', 'desc').skip(200).limit(20).get(), 20))
    rows.push({ figure: '  + status filter, skip 200 (median)', value: ms(deep.median) })
    // One reader with 100k books, a page from the middle by cursor (addedKey < the cursor).
    const cursor = book('o-bench-big', BIG / 2).addedKey
    const bigPage = () => books.where({ _openid: 'o-bench-big', addedKey: _.lt(cursor) }).orderBy('addedKey', 'desc').limit(20).get()
    if ((await bigPage()).data[0].title !== `Book ${BIG / 2 - 1}`) throw new Error('cursor page starts at the wrong book')
    const big = summarize(await sample(300, bigPage, 30))
    rows.push({ figure: `page of 20 by cursor, one reader with ${BIG / 1000}k books (median)`, value: ms(big.median), target: `≤ ${QUERY_TARGET_MS} ms`, ok: big.median <= QUERY_TARGET_MS })
    const counted = summarize(await sample(200, () => books.where({ _openid: 'o-bench-3' }).count(), 20))
    rows.push({ figure: 'count by _openid (1k of 200k docs, median)', value: ms(counted.median) })
    const qN = 4000
    const qMs = await concurrently(qN, 16, () => page())
    rows.push({ figure: 'indexed queries, 16 concurrent', value: rate(qN, qMs) })
    const scan = summarize(await sample(20, () => books.where({ title: _.eq('Book 99999') }).get(), 2))
    rows.push({ figure: 'unindexed query, full scan of 200k (median)', value: ms(scan.median) })

    // Gateway round trip: client → gateway → worker → SDK → /admin → store → back.
    const { _id } = await books.add({ data: { _openid: 'o-bench-call', title: 'One' } })
    const transport = keepAliveTransport()
    const call = () => callGateway(emu.url, 'read-one', { collection: 'books', id: _id }, { openid: 'o-bench-call' }, transport)
    const viaFetch = () => callGateway(emu.url, 'read-one', { collection: 'books', id: _id }, { openid: 'o-bench-call' })
    const entry = path.join(functionsDir, 'read-one/index.js')
    const cold: number[] = []
    for (let i = 0; i < 3; i++) {
      // A new mtime retires the warm instances: the next call is a cold start.
      const now = new Date(Date.now() + i * 1000)
      utimesSync(entry, now, now)
      const started = performance.now()
      const reply = await call()
      cold.push(performance.now() - started)
      if (reply.body.errMsg !== 'cloud.callFunction:ok') throw new Error(JSON.stringify(reply.body))
    }
    const warm = summarize(await sample(500, call, 50))
    rows.push({ figure: 'gateway call, cold start (median of 3)', value: ms(summarize(cold).median) })
    rows.push({ figure: 'gateway call, warm, one-document read (median)', value: ms(warm.median), target: `≤ ${WARM_CALL_TARGET_MS} ms`, ok: warm.median <= WARM_CALL_TARGET_MS })
    rows.push({ figure: '  same, p99', value: ms(warm.p99) })
    rows.push({ figure: '  same, the client on fetch instead of kept-alive node:http (median)', value: ms(summarize(await sample(500, viaFetch, 50)).median) })
    const admin = keepAliveTransport()
    const adminGet = JSON.stringify({ action: 'database.getDocument', collectionName: 'books', query: JSON.stringify({ _id }), limit: 1 })
    const hop = summarize(await sample(500, () => admin(`${emu.url}/admin`, { 'content-type': 'application/json' }, adminGet), 50))
    rows.push({ figure: '  of which: one /admin read over HTTP, no SDK (median)', value: ms(hop.median) })
    const sdkRead = summarize(await sample(500, () => books.doc(_id).get(), 50))
    rows.push({ figure: '  of which: the same read through wx-server-sdk (median)', value: ms(sdkRead.median) })
  } finally {
    await emu.stop()
  }
  // Alone on the CPU: the emulator above has stopped.
  rows.push(...(await restartRows()))
  printSection('Emulator', rows)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
