// 读书报告: one reader's year in numbers, computed by the database, never by paging the books into the
// function: counts for the totals, one aggregation over the year's finished books for the months and
// pages, a walk of the finished-day index for the years, and two aggregations for the top authors and
// tags. Only the last two touch every book of the shelf (in the database); the rest grow with the books
// finished, not with the shelf. A book counts as finished in a month when it is 已读 and its finishedAt
// falls in that month.
import type { Day, ReadingReport, ReadingStatus } from '../../../../typings/api'
import { aggregateCommand, command, count, find, groupWhere, type Filter } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { LIMITS } from '../validation/fields'
import { ownAuthorCounts, ownTagCounts } from './books'
import { lentBooksFilter } from './lending'

const BOOKS = COLLECTIONS.books

const finished = (openid: string): Filter => ({ _openid: openid, status: 'read' satisfies ReadingStatus })

/** Books finished in each month of `year`, and their pages. Days are YYYY-MM-DD strings: a year is one
 * string range (index owner_finished) and its month is characters 5-6. */
async function monthsOf(openid: string, year: number) {
  const _ = command()
  const $ = aggregateCommand()
  const rows = await groupWhere<{ _id: unknown; count: number; pages: number }>(
    BOOKS,
    { ...finished(openid), finishedAt: _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`)) },
    { _id: $.substr(['$finishedAt', 5, 2]), count: $.sum(1), pages: $.sum('$pageCount') },
  )
  const perMonth = Array.from({ length: 12 }, () => 0)
  let pages = 0
  for (const row of rows) {
    const month = Number(row._id)
    if (!Number.isInteger(month) || month < 1 || month > 12) continue
    perMonth[month - 1] += row.count
    pages += row.pages
  }
  return { perMonth, pages }
}

/** The years with a finished book, newest first: from the latest finished day down, one indexed step per
 * year (the latest day before the year just found), so the cost is the number of years, not of books. */
async function yearsWithFinishedBooks(openid: string): Promise<number[]> {
  const _ = command()
  const years: number[] = []
  let before: Day | undefined
  while (years.length <= LIMITS.maxYear - LIMITS.minYear) {
    const filter = { ...finished(openid), finishedAt: before === undefined ? _.exists(true) : _.lt(before) }
    const [latest] = await find<Pick<BookDocument, 'finishedAt'>>(BOOKS, filter, { orderBy: [['finishedAt', 'desc']], limit: 1, fields: { finishedAt: true } })
    const year = Number(latest?.finishedAt?.slice(0, 4))
    if (!Number.isInteger(year)) break
    years.push(year)
    before = `${year}-01-01`
  }
  return years
}

export async function readingReport(openid: string, year: number): Promise<ReadingReport> {
  const mine = { _openid: openid }
  const [months, years, total, want, reading, read, wanted, lentCount, topAuthors, topTags] = await Promise.all([
    monthsOf(openid, year),
    yearsWithFinishedBooks(openid),
    count(BOOKS, mine),
    count(BOOKS, { ...mine, status: 'want' }),
    count(BOOKS, { ...mine, status: 'reading' }),
    count(BOOKS, { ...mine, status: 'read' }),
    count(BOOKS, { ...mine, ownership: 'wanted' }),
    count(BOOKS, lentBooksFilter(openid)),
    ownAuthorCounts(openid, LIMITS.topList),
    ownTagCounts(openid, LIMITS.topList),
  ])
  return {
    year,
    years,
    finishedPerMonth: months.perMonth,
    finishedCount: months.perMonth.reduce((sum, n) => sum + n, 0),
    pagesRead: months.pages,
    total,
    byStatus: { want, reading, read },
    // Books stored before ownership existed have none: they are owned.
    byOwnership: { owned: total - wanted, wanted },
    topAuthors,
    topTags,
    lentCount,
  }
}
