// One bounded slice of an import: the next rows of the job's file planned (domain/importRows.ts),
// deduplicated against the shelf and against earlier rows exactly as addBook dedupes (an ISBN is one book
// per reader; its id is derived from it), ISBN-only rows looked up within the slice's time, and the new
// books stored in one bulk write. A bad row never stops the slice: it becomes a skip with its row number.
import type { ImportSkip } from '../../../../typings/api'
import { command, find, insertMany } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { AppError } from '../errors'
import { chunks, unique } from '../lists'
import { tempFileUrls } from '../storage/client'
import { cloudPathOf } from '../storage/fileIds'
import { coverPathBook } from '../storage/paths'
import type { ImportRow } from '../transfer/importFile'
import { bookIdFor, buildBookDocument, derivedKeys, randomBookId } from './bookDocument'
import { addBookDocument } from './books'
import { latestPastDayOf } from './days'
import { lookupIsbn, lookupTimingsFromEnv } from './lookup'
import { planRow, type RowPlan } from './importRows'
import { assertReaderFieldsAgree } from './readerRules'

const BOOKS = COLLECTIONS.books
/** Parallel lookups of ISBN-only rows, as addBooks runs them. */
const LOOKUP_CONCURRENCY = 4
/** The most values one `in` query carries here (the server SDK reads at most 1000 documents a query). */
const IN_BATCH = 500

export interface SliceLimits {
  /** Rows one call imports at most. */
  rows: number
  /** Milliseconds after the call's start when no new work starts; lookups may run on for LOOKUP_GRACE_MS. */
  ms: number
}

/** After the slice's time, a lookup already running may finish within this; the function's timeout
 * (5 s in cloudbaserc.json) leaves room for recording the slice after it. */
const LOOKUP_GRACE_MS = 1500

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/** IMPORT_SLICE_ROWS and IMPORT_SLICE_MS (cloudbaserc.json), else 500 rows or 2.5 s, whichever comes first. */
export function sliceLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SliceLimits {
  return { rows: positive(env.IMPORT_SLICE_ROWS, 500), ms: positive(env.IMPORT_SLICE_MS, 2500) }
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
type Stored = { plan: Planned; doc: BookDocument } | { plan: Planned; duplicate: true } | { skip: ImportSkip }

const fold = (s: string) => s.normalize('NFKC').toLowerCase()
const typedKey = (title: string, authors: readonly string[]) => `${fold(title)}\u0001${fold(authors[0] ?? '')}`

export async function importSlice(openid: string, rows: readonly ImportRow[], forcePrivate: boolean, now: Date, timing: SliceTiming): Promise<SliceOutcome> {
  const plans = rows.map((row) => planRow(row, forcePrivate))
  const shelf = await shelfMatches(openid, plans)
  const seenIsbns = new Set<string>()
  const seenTyped = new Set<string>()
  const seenDouban = new Set<string>()

  // In file order: the first occurrence of a book wins, later ones (and books already shelved) are duplicates.
  const results: (Stored | { lookup: Extract<RowPlan, { kind: 'lookup' }> })[] = plans.map((plan) => {
    if (plan.kind === 'skip') return { skip: plan.skip }
    if (plan.kind === 'typed') {
      const key = typedKey(plan.metadata.title, plan.metadata.authors)
      const douban = plan.extras.doubanId
      if ((douban && (shelf.doubanIds.has(douban) || seenDouban.has(douban))) || shelf.typedKeys.has(key) || seenTyped.has(key)) return { plan, duplicate: true }
      seenTyped.add(key)
      if (douban) seenDouban.add(douban)
      return documentFor(openid, plan, now)
    }
    if (shelf.isbns.has(plan.isbn13) || seenIsbns.has(plan.isbn13)) return { plan, duplicate: true }
    seenIsbns.add(plan.isbn13)
    return plan.kind === 'lookup' ? { lookup: plan } : documentFor(openid, plan, now)
  })

  const processed = await runLookups(openid, results, now, timing)
  const done = results.slice(0, processed) as Stored[]
  const stored = await dropForeignCovers(openid, done)
  return { processed, ...(await storeAll(stored)) }
}

/** What the shelf already holds of the slice's books: one query per kind of key. */
async function shelfMatches(openid: string, plans: RowPlan[]) {
  const _ = command()
  const isbns = unique(plans.flatMap((p) => (p.kind === 'isbn' || p.kind === 'lookup' ? [p.isbn13] : [])))
  const typed = plans.filter((p): p is Extract<RowPlan, { kind: 'typed' }> => p.kind === 'typed')
  const doubanIds = unique(typed.flatMap((p) => (p.extras.doubanId ? [p.extras.doubanId] : [])))
  const titles = unique(typed.map((p) => p.metadata.title))
  const query = (field: 'isbn' | 'doubanId' | 'title', values: string[], fields: Record<string, true>) =>
    Promise.all(chunks(values, IN_BATCH).map((batch) => find<BookDocument>(BOOKS, { _openid: openid, [field]: _.in(batch) }, { limit: 1000, fields }))).then((pages) => pages.flat())
  const [byIsbn, byDouban, byTitle] = await Promise.all([
    query('isbn', isbns, { isbn: true }),
    query('doubanId', doubanIds, { doubanId: true }),
    query('title', titles, { title: true, authors: true }),
  ])
  return {
    isbns: new Set(byIsbn.map((b) => b.isbn!)),
    doubanIds: new Set(byDouban.map((b) => b.doubanId!)),
    typedKeys: new Set(byTitle.map((b) => typedKey(b.title, b.authors ?? []))),
  }
}

/** Looks up the ISBN-only rows in order, LOOKUP_CONCURRENCY at a time, until the slice's time is up; answers
 * how many leading rows are settled. A lookup cut short by the slice's end is not a failure of the row:
 * the row is left (with every row after it) for the next call. The slice's first row always settles, so
 * every call makes progress. */
async function runLookups(openid: string, results: (Stored | { lookup: Extract<RowPlan, { kind: 'lookup' }> })[], now: Date, timing: SliceTiming): Promise<number> {
  const pending = results.flatMap((result, index) => ('lookup' in result ? [index] : []))
  const { deadlineMs } = lookupTimingsFromEnv()
  let cutAt = results.length
  let next = 0
  const worker = async () => {
    while (next < pending.length) {
      const index = pending[next++]
      if (index >= cutAt) return
      const started = Date.now()
      if (index > 0 && started >= timing.softDeadline) {
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
        if (error.code === 'UPSTREAM_UNAVAILABLE' && clipped && index > 0) {
          cutAt = Math.min(cutAt, index)
          return
        }
        // A row with only an ISBN that no source knows has no title: 'no_title', as the contract names it.
        const reason = error.code === 'NOT_FOUND' ? 'no_title' : 'failed'
        results[index] = { skip: { row: plan.row, ...(plan.sheet === undefined ? {} : { sheet: plan.sheet }), reason, detail: `lookup of ${plan.isbn13}: ${error.code}` } }
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
    return { skip: { row: plan.row, ...(plan.sheet === undefined ? {} : { sheet: plan.sheet }), reason: 'invalid_value', detail: error.message.slice(0, 200) } }
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
  const existing = own.size > 0 ? await tempFileUrls([...own], 60) : new Map<string, unknown>()
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
