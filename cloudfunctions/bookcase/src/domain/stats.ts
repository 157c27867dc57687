// 读书报告: one reader's year in numbers, computed by the database, never by paging the books into the
// function: counts for the shelf's totals, one aggregation over the year's finished books for the months
// and pages, index reads for the years, and one aggregation each for the shelf's top authors and tags.
// Only those two touch every book of the shelf (in the database, which answers at most ten rows each);
// everything else follows the books finished, not the shelf's size. A book counts as finished in a month
// when it is 已读 and its finishedAt falls in that month.
import type { ReadingReport, ReadingStatus } from '../../../../typings/api'
import { aggregateCommand, command, count, find, groupWhere, type Filter } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { LIMITS } from '../validation/fields'
import { ownAuthorCounts, ownTagCounts } from './books'
import { lentBooksFilter } from './lending'

const BOOKS = COLLECTIONS.books

const finished = (openid: string): Filter => ({ _openid: openid, status: 'read' satisfies ReadingStatus })

/** The books finished in `year`. Days are YYYY-MM-DD strings: a year is one string range (index
 * owner_finished). */
const finishedIn = (openid: string, year: number): Filter => ({
  ...finished(openid),
  finishedAt: command().gte(`${year}-01-01`).and(command().lte(`${year}-12-31`)),
})

/** Books finished in each month of `year` (characters 5-6 of the day), and their pages. */
async function monthsOf(openid: string, year: number) {
  const $ = aggregateCommand()
  const rows = await groupWhere<{ _id: unknown; count: number; pages: number }>(
    BOOKS,
    finishedIn(openid, year),
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

/** How many existence checks of a year run at once: enough to hide the round trips, few enough not to
 * flood the database for a reader whose finished days span a century. */
const YEAR_CHECKS_AT_ONCE = 25

/** The years with a finished book, newest first: the first and the last finished day (two index reads),
 * then one indexed "any book finished that year?" per year between them, so the cost follows the span of
 * years, not the number of books. */
async function yearsWithFinishedBooks(openid: string): Promise<number[]> {
  const edge = async (direction: 'asc' | 'desc') => {
    const [book] = await find<Pick<BookDocument, 'finishedAt'>>(BOOKS, { ...finished(openid), finishedAt: command().exists(true) }, { orderBy: [['finishedAt', direction]], limit: 1, fields: { finishedAt: true } })
    return Number(book?.finishedAt?.slice(0, 4))
  }
  const [first, last] = await Promise.all([edge('asc'), edge('desc')])
  if (!Number.isInteger(first) || !Number.isInteger(last)) return []
  const between = Array.from({ length: Math.max(0, last - first - 1) }, (_, i) => last - 1 - i)
  const years = [last]
  for (let i = 0; i < between.length; i += YEAR_CHECKS_AT_ONCE) {
    const chunk = between.slice(i, i + YEAR_CHECKS_AT_ONCE)
    const found = await Promise.all(chunk.map(async (year) => (await find(BOOKS, finishedIn(openid, year), { limit: 1, fields: { _id: true } })).length > 0))
    years.push(...chunk.filter((_, j) => found[j]))
  }
  if (first !== last) years.push(first)
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
