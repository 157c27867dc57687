// The demo shelf (--seed, emulator/seed/) as a new developer's `npm start` shows it: a home library the
// pages have something to show for: a series, locations, a loan overdue and one not yet due, a returned
// loan, progress on a book being read, a wished-for book, and finished days the 读书报告 draws as bars.
import { existsSync } from 'fs'
import path from 'path'
import type { ActionName, ApiRequest, ActionData } from '../../../typings/api'
import { ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { callBookcase } from '../../support/gateway'

jest.setTimeout(60_000)

const A = 'o-demo-reader-a'
const B = 'o-demo-reader-b'
const functionBuilt = existsSync(path.join(ROOT, 'cloudfunctions/bookcase/index.js'))

let emu: EmulatorHandle

beforeAll(async () => {
  if (functionBuilt) emu = await startEmulator({ seed: true })
})

afterAll(async () => {
  await emu?.stop()
})

async function as<A extends ActionName>(openid: string, request: ApiRequest<A>): Promise<ActionData<A>> {
  const answer = await callBookcase(emu.url, { openid }, request as never)
  if (!answer.ok) throw new Error(`${request.action}: ${JSON.stringify(answer.error)}`)
  return answer.data as ActionData<A>
}

/** China's today, as the function counts days (README.md, The home library). */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

const maybe = functionBuilt ? test : test.skip

maybe('every demo book is seeded through the function, none refused', () => {
  expect(emu.output()).toMatch(/seeded the demo shelf: 18 books/)
  expect(emu.output()).not.toMatch(/not seeded/)
})

maybe("reader A's home library: the 三体 series in volume order, locations, loans, progress, a wished-for book", async () => {
  const series = await as(A, { action: 'listBooks', series: '三体', sort: 'series' })
  expect(series.items.map((book) => [book.title, book.volume])).toEqual([
    ['三体', 1],
    ['三体Ⅱ·黑暗森林', 2],
    ['三体Ⅲ·死神永生', 3],
  ])

  const { locations } = await as(A, { action: 'listLocations' })
  expect(locations.map((row) => row.location).sort()).toEqual(['书房', '卧室床头', '客厅书柜'].sort())

  const today = chinaToday()
  const lent = await as(A, { action: 'listBooks', lent: true })
  const loans = Object.fromEntries(lent.items.map((book) => [book.title, book.loan!]))
  expect(Object.keys(loans).sort()).toEqual(['三体Ⅱ·黑暗森林', '解忧杂货店'].sort())
  expect(loans['三体Ⅱ·黑暗森林']).toMatchObject({ borrower: '小王' })
  expect(loans['三体Ⅱ·黑暗森林'].dueDate! < today).toBe(true) // overdue
  expect(loans['解忧杂货店'].dueDate! > today).toBe(true) // not yet due
  expect((await as(A, { action: 'getShelf' })).lentCount).toBe(2)

  const all = await as(A, { action: 'listBooks', pageSize: 50 })
  const byTitle = Object.fromEntries(all.items.map((book) => [book.title, book]))
  const alive = await as(A, { action: 'getBook', id: byTitle['活着'].id })
  expect(alive.loan).toBeNull()
  expect(alive.loans).toEqual([expect.objectContaining({ borrower: '同事小林', returnedAt: expect.any(String) })])

  const fortress = await as(A, { action: 'getBook', id: byTitle['围城'].id })
  expect(fortress).toMatchObject({ status: 'reading', progress: { page: 130 }, pageCount: 359, location: '卧室床头' })
  expect(fortress.startedAt! <= today).toBe(true)

  const wanted = await as(A, { action: 'listBooks', ownership: 'wanted' })
  expect(wanted.items.map((book) => book.title)).toEqual(['百年孤独'])
})

maybe("reader A's 读书报告 has finished books in this year's and last year's months", async () => {
  const thisYear = Number(chinaToday().slice(0, 4))
  const report = await as(A, { action: 'getStats', year: thisYear })
  expect(report.years.length).toBeGreaterThanOrEqual(2)
  const perYear = await Promise.all(report.years.map((year) => as(A, { action: 'getStats', year })))
  expect(perYear.reduce((sum, year) => sum + year.finishedCount, 0)).toBe(9)
  // Spread out: bars in at least six different months, and pages counted from the books' pageCount.
  expect(perYear.flatMap((year) => year.finishedPerMonth.filter((n) => n > 0)).length).toBeGreaterThanOrEqual(6)
  expect(perYear.reduce((sum, year) => sum + year.pagesRead, 0)).toBe(302 + 470 + 513 + 362 + 440 + 191 + 291 + 467)
  expect(report).toMatchObject({ lentCount: 2, byOwnership: { owned: 11, wanted: 1 } })
})

maybe("a friend sees A's lent book as lent, never to whom; B's own shelf has finished days too", async () => {
  const { shareId } = await as(A, { action: 'getShelf' })
  const shared = await as(B, { action: 'viewSharedShelf', shareId, pageSize: 50 })
  const darkForest = shared.items.find((book) => book.title === '三体Ⅱ·黑暗森林')
  expect(darkForest).toMatchObject({ lent: true, series: '三体', volume: 2 })
  expect(JSON.stringify(shared)).not.toContain('小王')
  expect(JSON.stringify(shared)).not.toContain('书房')

  const ownReport = await as(B, { action: 'getStats', year: Number(chinaToday().slice(0, 4)) })
  expect(ownReport.years.length).toBeGreaterThanOrEqual(1)
})
