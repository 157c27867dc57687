// One bounded slice of an import: the next rows of the job's file, in batches until the slice's row or
// time bound, whichever comes first. Each batch's rows are planned (domain/importRows.ts), deduplicated
// against the shelf's keys (domain/shelfKeys.ts) and against earlier rows exactly as addBook dedupes (an
// ISBN is one book per reader; its id is derived from it), ISBN-only rows are looked up within the
// slice's time, and the new books are stored in one bulk write. A bad row never stops the slice: it
// becomes a skip with its row number.
import type { ImportSkip } from '../../../../typings/api'
import { insertMany } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { AppError } from '../errors'
import { positiveSetting } from '../settings'
import { existingFiles } from '../storage/client'
import { cloudPathOf } from '../storage/fileIds'
import { coverPathBook } from '../storage/paths'
import type { ImportRow } from '../transfer/importFile'
import { bookIdFor, buildBookDocument, derivedKeys, randomBookId } from './bookDocument'
import { addBookDocument } from './books'
import { latestPastDayOf } from './days'
import { lookupIsbn, lookupTimingsFromEnv } from './lookup'
import { planRow, type RowPlan } from './importRows'
import { assertReaderFieldsAgree } from './readerRules'
import { addShelfKeys, typedKey, type ShelfKeys } from './shelfKeys'

const BOOKS = COLLECTIONS.books
/** Parallel lookups of ISBN-only rows, as addBooks runs them. */
const LOOKUP_CONCURRENCY = 4
/** Rows planned and stored together: one bulk write each. */
const BATCH_ROWS = 250

export interface SliceLimits {
  /** Rows one call imports at most. */
  rows: number
  /** Milliseconds after the call's start when no new work starts; lookups may run on for LOOKUP_GRACE_MS. */
  ms: number
}

/** After the slice's time, a lookup already running may finish within this; the function's timeout
 * (cloudbaserc.json) leaves room for recording the slice after it. */
const LOOKUP_GRACE_MS = 1500

/** IMPORT_SLICE_ROWS and IMPORT_SLICE_MS (cloudbaserc.json), else 1000 rows or 2.5 s, whichever comes first. */
export function sliceLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SliceLimits {
  return { rows: Math.floor(positiveSetting(env.IMPORT_SLICE_ROWS, 1000)) || 1, ms: positiveSetting(env.IMPORT_SLICE_MS, 2500) }
}

export const sliceTiming = (startedAt: number, limits: SliceLimits): SliceTiming => ({
  softDeadline: startedAt + limits.ms,
  hardDeadline: startedAt + limits.ms + LOOKUP_GRACE_MS,
})

export interface SliceTiming {
  /** No new work starts after this (epoch ms). */
  softDeadline: number
  /** No lookup runs past this: the function's timeout comes soon after. */
  hardDeadline: number
}

export interface SliceOutcome {
  /** Rows consumed, from the first: the next slice starts after them. */
  processed: number
  added: number
  duplicates: number
  skips: ImportSkip[]
}

type Planned = Exclude<RowPlan, { kind: 'skip' }>

/** Where a row stands in the file, as a skip reports it. */
const where = ({ row, sheet }: Planned): Pick<ImportSkip, 'row' | 'sheet'> => (sheet === undefined ? { row } : { row, sheet })
type Stored = { plan: Planned; doc: BookDocument } | { plan: Planned; duplicate: true } | { skip: ImportSkip }

/** Imports `rows` (the next rows of the job's file, at most the slice's row bound) batch by batch until
 * the slice's time is up; the first batch always runs, so every call makes progress. `shelf` grows by
 * what each batch settles. */
export async function importSlice(openid: string, rows: readonly ImportRow[], forcePrivate: boolean, now: Date, timing: SliceTiming, shelf: ShelfKeys): Promise<SliceOutcome> {
  const total: SliceOutcome = { processed: 0, added: 0, duplicates: 0, skips: [] }
  while (total.processed < rows.length && (total.processed === 0 || Date.now() < timing.softDeadline)) {
    const batch = rows.slice(total.processed, total.processed + BATCH_ROWS)
    const outcome = await importBatch(openid, batch, forcePrivate, now, timing, shelf, total.processed === 0)
    total.processed += outcome.processed
    total.added += outcome.added
    total.duplicates += outcome.duplicates
    total.skips.push(...outcome.skips)
    if (outcome.processed < batch.length) break // lookups ran out of time
  }
  return total
}

async function importBatch(
  openid: string,
  rows: readonly ImportRow[],
  forcePrivate: boolean,
  now: Date,
  timing: SliceTiming,
  shelf: ShelfKeys,
  settleFirst: boolean,
): Promise<SliceOutcome> {
  const plans = rows.map((row) => planRow(row, forcePrivate))
  const seenIsbns = new Set<string>()
  const seenTyped = new Set<string>()
  const seenDouban = new Set<string>()

  // In file order: the first occurrence of a book wins, later ones (and books already shelved) are duplicates.
  const results: (Stored | { lookup: Extract<RowPlan, { kind: 'lookup' }> })[] = plans.map((plan) => {
    if (plan.kind === 'skip') return { skip: plan.skip }
    if (plan.kind === 'typed') {
      const key = typedKey(plan.metadata)
      const douban = plan.extras.doubanId
      if ((douban && (shelf.doubanIds.has(douban) || seenDouban.has(douban))) || shelf.titleAuthors.has(key) || seenTyped.has(key)) return { plan, duplicate: true }
      seenTyped.add(key)
      if (douban) seenDouban.add(douban)
      return documentFor(openid, plan, now)
    }
    if (shelf.isbns.has(plan.isbn13) || seenIsbns.has(plan.isbn13)) return { plan, duplicate: true }
    seenIsbns.add(plan.isbn13)
    return plan.kind === 'lookup' ? { lookup: plan } : documentFor(openid, plan, now)
  })

  const processed = await runLookups(openid, results, now, timing, settleFirst)
  const done = await dropForeignCovers(openid, results.slice(0, processed) as Stored[])
  const outcome = { processed, ...(await storeAll(done)) }
  // Only settled rows teach the shelf: a row left for the next call must not count as already there.
  for (const result of done) if ('doc' in result) addShelfKeys(shelf, result.doc)
  return outcome
}

/** Looks up the ISBN-only rows in order, LOOKUP_CONCURRENCY at a time, until the slice's time is up; answers
 * how many leading rows are settled. A lookup cut short by the slice's end is not a failure of the row:
 * the row is left (with every row after it) for the next call. With `settleFirst` the first row always
 * settles, so every call makes progress. */
async function runLookups(
  openid: string,
  results: (Stored | { lookup: Extract<RowPlan, { kind: 'lookup' }> })[],
  now: Date,
  timing: SliceTiming,
  settleFirst: boolean,
): Promise<number> {
  const pending = results.flatMap((result, index) => ('lookup' in result ? [index] : []))
  const { deadlineMs } = lookupTimingsFromEnv()
  let cutAt = results.length
  let next = 0
  const worker = async () => {
    while (next < pending.length) {
      const index = pending[next++]
      if (index >= cutAt) return
      const started = Date.now()
      const mustSettle = settleFirst && index === 0
      if (!mustSettle && started >= timing.softDeadline) {
        cutAt = Math.min(cutAt, index)
        return
      }
      const plan = (results[index] as { lookup: Extract<RowPlan, { kind: 'lookup' }> }).lookup
      const deadlineAt = Math.min(started + deadlineMs, timing.hardDeadline)
      try {
        const found = await lookupIsbn(plan.isbn13, openid, now, deadlineAt)
        const metadata = { ...found.book, isbn: plan.isbn13 }
        results[index] = documentFor(openid, { ...plan, kind: 'isbn', metadata, source: found.source }, now)
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        const clipped = deadlineAt < started + deadlineMs && Date.now() >= deadlineAt
        if (error.code === 'UPSTREAM_UNAVAILABLE' && clipped && !mustSettle) {
          cutAt = Math.min(cutAt, index)
          return
        }
        // A row with only an ISBN that no source knows has no title: 'no_title', as the contract names it.
        const reason = error.code === 'NOT_FOUND' ? 'no_title' : 'failed'
        results[index] = { skip: { ...where(plan), reason, detail: `lookup of ${plan.isbn13}: ${error.code}` } }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, pending.length) }, worker))
  return cutAt
}

/** The document for a row that is to be added, or the skip its values earn (fields that disagree, as
 * addBook refuses them). */
function documentFor(openid: string, plan: Extract<RowPlan, { kind: 'isbn' | 'typed' }>, now: Date): Stored {
  try {
    const id = plan.kind === 'isbn' ? bookIdFor(openid, plan.isbn13) : randomBookId()
    const source = plan.kind === 'isbn' ? plan.source : 'manual'
    const doc: BookDocument = { ...buildBookDocument({ id, openid, metadata: plan.metadata, source, reader: plan.reader, now }) }
    const { extras } = plan
    if (extras.addedAt) {
      doc.createdAt = extras.addedAt
      doc.addedKey = derivedKeys(doc).addedKey
    }
    if (extras.loan || extras.loans.length > 0) {
      Object.assign(doc, { loan: extras.loan, loans: extras.loans, lent: extras.loan !== null })
      assertReaderFieldsAgree(doc, [], latestPastDayOf(now))
    }
    if (extras.doubanId) doc.doubanId = extras.doubanId
    if (extras.coverFileId) doc.coverFileId = extras.coverFileId
    return { plan, doc }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    return { skip: { ...where(plan), reason: 'invalid_value', detail: error.message.slice(0, 200) } }
  }
}

/** A cover file id in an imported row is kept only when it names a cover in the caller's own folder that
 * still exists: another reader's export must not make this shelf point at (and later delete) their files. */
async function dropForeignCovers(openid: string, results: Stored[]): Promise<Stored[]> {
  const withCover = results.flatMap((r) => ('doc' in r && r.doc.coverFileId ? [r.doc] : []))
  const own = new Set<string>()
  for (const doc of withCover) {
    const path = await cloudPathOf(doc.coverFileId!)
    if (path !== null && coverPathBook(path, openid) !== null) own.add(doc.coverFileId!)
  }
  const existing = await existingFiles([...own])
  for (const doc of withCover) if (!existing.has(doc.coverFileId!)) delete doc.coverFileId
  return results
}

/** Stores the slice's new books in one bulk write. Should a book have arrived meanwhile (a concurrent
 * addBook of the same ISBN), the batch is refused whole and each book is stored on its own instead,
 * which settles it as added or duplicate. */
async function storeAll(results: Stored[]): Promise<Omit<SliceOutcome, 'processed'>> {
  const skips: ImportSkip[] = []
  const docs: BookDocument[] = []
  let duplicates = 0
  for (const r of results) {
    if ('skip' in r) skips.push(r.skip)
    else if ('duplicate' in r) duplicates++
    else docs.push(r.doc)
  }
  if ((await insertMany(BOOKS, docs)) === 'inserted') return { added: docs.length, duplicates, skips }
  let added = 0
  for (const doc of docs) {
    if ((await addBookDocument(doc)).duplicate) duplicates++
    else added++
  }
  return { added, duplicates, skips }
}
