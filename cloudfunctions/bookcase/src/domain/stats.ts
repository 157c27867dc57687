// 读书报告: one reader's year in numbers. Every figure is an aggregation the database computes (a handful
// of grouped rows come back, never the books), so the function's work does not grow with the shelf.
// A book counts as finished in a month when it is 已读 and its finishedAt falls in that month.
import type { Ownership, ReadingReport, ReadingStatus } from '../../../../typings/api'
import { aggregateCommand, command, groupWhere } from '../db/client'
import { COLLECTIONS } from '../db/documents'
import { LIMITS } from '../validation/fields'
import { DEFAULT_READER_FIELDS } from './bookDocument'
import { ownAuthorCounts, ownTagCounts } from './books'

const BOOKS = COLLECTIONS.books

interface MonthRow {
  _id: unknown
  count: number
  pages: number
}
/** Missing fields (books stored before ownership or lending existed) are left out of the group key. */
interface ShelfRow {
  _id: { status?: unknown; ownership?: unknown; lent?: unknown }
  count: number
}

const finished = (openid: string) => ({ _openid: openid, status: 'read' satisfies ReadingStatus })

export async function readingReport(openid: string, year: number): Promise<ReadingReport> {
  const $ = aggregateCommand()
  const _ = command()
  // Days are YYYY-MM-DD strings: one year is one string range, and its month is characters 5-6.
  const inYear = { ...finished(openid), finishedAt: _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`)) }
  const [months, years, shelf, topAuthors, topTags] = await Promise.all([
    groupWhere<MonthRow>(BOOKS, inYear, { _id: $.substr(['$finishedAt', 5, 2]), count: $.sum(1), pages: $.sum('$pageCount') }),
    groupWhere<{ _id: unknown }>(BOOKS, { ...finished(openid), finishedAt: _.exists(true) }, { _id: $.substr(['$finishedAt', 0, 4]) }),
    groupWhere<ShelfRow>(BOOKS, { _openid: openid }, { _id: { status: '$status', ownership: '$ownership', lent: '$lent' }, count: $.sum(1) }),
    ownAuthorCounts(openid, LIMITS.topList),
    ownTagCounts(openid, LIMITS.topList),
  ])

  const finishedPerMonth = Array.from({ length: 12 }, () => 0)
  let pagesRead = 0
  for (const row of months) {
    const month = Number(row._id)
    if (!Number.isInteger(month) || month < 1 || month > 12) continue
    finishedPerMonth[month - 1] += row.count
    pagesRead += row.pages
  }

  const byStatus: Record<ReadingStatus, number> = { want: 0, reading: 0, read: 0 }
  const byOwnership: Record<Ownership, number> = { owned: 0, wanted: 0 }
  let total = 0
  let lentCount = 0
  for (const { _id: key, count } of shelf) {
    total += count
    if (key.status === 'want' || key.status === 'reading' || key.status === 'read') byStatus[key.status] += count
    byOwnership[key.ownership === 'wanted' ? 'wanted' : DEFAULT_READER_FIELDS.ownership] += count
    if (key.lent === true) lentCount += count
  }

  return {
    year,
    years: years
      .map((row) => Number(row._id))
      .filter((y) => Number.isInteger(y))
      .sort((a, b) => b - a),
    finishedPerMonth,
    finishedCount: finishedPerMonth.reduce((sum, n) => sum + n, 0),
    pagesRead,
    total,
    byStatus,
    byOwnership,
    topAuthors,
    topTags,
    lentCount,
  }
}
