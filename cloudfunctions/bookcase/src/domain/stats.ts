// 读书报告: one reader's year in numbers, computed by the database, never by paging the books into the
// function: counts of the shelf and of its lent books, its books per status and per ownership (one
// aggregation each), one aggregation over the finished books by month (which gives the year's months
// and pages and the years with any finished book), and one aggregation each for the shelf's top authors
// and tags. Seven requests, all at once, whatever the shelf or the years. The database answers a few
// rows for the totals, at most ten for a top list and one per month with reading.
// A book counts as finished in a month when it is 已读 and its finishedAt falls in that month.
import type { ReadingReport, ReadingStatus } from '../../../../typings/api'
import { aggregateCommand, command, count, countValues, groupWhere } from '../db/client'
import { COLLECTIONS } from '../db/documents'
import { LIMITS, ownership as ownershipField, status as statusField } from '../validation/fields'
import { ownAuthorCounts, ownTagCounts } from './books'
import { lentBooksFilter } from './lending'

const BOOKS = COLLECTIONS.books

const MONTHS_A_DAY_MAY_FALL_IN = (LIMITS.maxYear - LIMITS.minYear + 1) * 12

/** Books finished in each month with reading, as `YYYY-MM` (the first 7 characters of the day; days
 * are YYYY-MM-DD strings) with their pages: of `year`, and the years, newest first, with any. */
async function finishedByMonth(openid: string, year: number) {
  const $ = aggregateCommand()
  const rows = await groupWhere<{ _id: unknown; count: number; pages: number }>(
    BOOKS,
    { _openid: openid, status: 'read' satisfies ReadingStatus, finishedAt: command().exists(true) },
    { _id: $.substr(['$finishedAt', 0, 7]), count: $.sum(1), pages: $.sum('$pageCount') },
    // Every month a day may fall in, stated: whether the cloud caps an aggregation's answer without a
    // limit is not documented.
    { limit: MONTHS_A_DAY_MAY_FALL_IN },
  )
  const perMonth = Array.from({ length: 12 }, () => 0)
  const years = new Set<number>()
  let pages = 0
  for (const row of rows) {
    const match = typeof row._id === 'string' ? /^(\d{4})-(\d{2})$/.exec(row._id) : null
    const month = Number(match?.[2])
    if (!match || month < 1 || month > 12) continue
    years.add(Number(match[1]))
    if (Number(match[1]) !== year) continue
    perMonth[month - 1] += row.count
    pages += row.pages
  }
  return { perMonth, pages, years: [...years].sort((x, y) => y - x) }
}

/** The reader's books per value of `field` (a status, an ownership; books without one under null):
 * every value the field may hold, and null. */
async function perValue(openid: string, field: 'status' | 'ownership', values: readonly string[]) {
  const rows = await countValues(BOOKS, { _openid: openid }, field, values.length + 1)
  return (value: string) => rows.find((row) => row.value === value)?.count ?? 0
}

export async function readingReport(openid: string, year: number): Promise<ReadingReport> {
  const [months, total, statuses, ownerships, lentCount, topAuthors, topTags] = await Promise.all([
    finishedByMonth(openid, year),
    count(BOOKS, { _openid: openid }),
    perValue(openid, 'status', statusField.options),
    perValue(openid, 'ownership', ownershipField.options),
    count(BOOKS, lentBooksFilter(openid)),
    ownAuthorCounts(openid, LIMITS.topList),
    ownTagCounts(openid, LIMITS.topList),
  ])
  const wanted = ownerships('wanted')
  return {
    year,
    years: months.years,
    finishedPerMonth: months.perMonth,
    finishedCount: months.perMonth.reduce((sum, n) => sum + n, 0),
    pagesRead: months.pages,
    total,
    byStatus: { want: statuses('want'), reading: statuses('reading'), read: statuses('read') },
    // Books stored before ownership existed have none: they are owned.
    byOwnership: { owned: total - wanted, wanted },
    topAuthors,
    topTags,
    lentCount,
  }
}
