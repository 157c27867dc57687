// What a patch does to a stored book, without the database: fields set and cleared, the days a status
// change fills in, the rules between fields, and the derived series key.
import { buildBookDocument, seriesKeyOf } from '../../../cloudfunctions/bookcase/src/domain/bookDocument'
import { planPatch } from '../../../cloudfunctions/bookcase/src/domain/bookPatch'
import { latestPastDayOf, todayOf } from '../../../cloudfunctions/bookcase/src/domain/days'
import type { BookDocument } from '../../../cloudfunctions/bookcase/src/db/documents'

// 2026-03-10 20:30 UTC is already 2026-03-11 in China.
const now = new Date('2026-03-10T20:30:00.000Z')
const book = (reader: Parameters<typeof buildBookDocument>[0]['reader'] = {}, pageCount?: number) =>
  buildBookDocument({ id: 'b1', openid: 'o1', metadata: { title: 'T', authors: ['A'], ...(pageCount ? { pageCount } : {}) }, source: 'manual', reader, now })
const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' })

test("today is China's day; a reader may be one day ahead", () => {
  expect(todayOf(now)).toBe('2026-03-11')
  expect(todayOf(new Date('2026-03-10T15:59:59.999Z'))).toBe('2026-03-10')
  expect(latestPastDayOf(now)).toBe('2026-03-12')
})

test('a status change fills in the day once; a given day wins; an existing one stays', () => {
  expect(planPatch(book(), { status: 'reading' }, now).set).toMatchObject({ status: 'reading', startedAt: '2026-03-11' })
  expect(planPatch(book(), { status: 'read' }, now).set).toEqual({ status: 'read', finishedAt: '2026-03-11' })
  expect(planPatch(book(), { status: 'reading', startedAt: '2026-01-01' }, now).set.startedAt).toBe('2026-01-01')
  expect(planPatch(book(), { status: 'reading', startedAt: '' }, now).unset).toContain('startedAt')
  expect(planPatch(book({ status: 'want', startedAt: '2025-01-01' }), { status: 'reading' }, now).set).not.toHaveProperty('startedAt')
  expect(planPatch(book({ status: 'reading' }), { status: 'reading' }, now).set).not.toHaveProperty('startedAt')
  // An automatic day never makes the patch fail, even after an earlier finishedAt.
  expect(planPatch(book({ status: 'read', finishedAt: '2020-01-01' }), { status: 'reading' }, now).next.startedAt).toBe('2026-03-11')
})

test('fields that must agree', () => {
  expect(() => planPatch(book(), { volume: 2 }, now)).toThrow(invalid)
  expect(() => planPatch(book({}, 100), { progress: { page: 101 } }, now)).toThrow(invalid)
  expect(() => planPatch(book({ progress: { page: 80 } }, 100), { pageCount: 50 }, now)).toThrow(invalid)
  expect(planPatch(book({ progress: { page: 80 } }, 100), { pageCount: null }, now).unset).toEqual(['pageCount'])
  expect(() => planPatch(book(), { startedAt: '2026-03-13' }, now)).toThrow(invalid)
  expect(planPatch(book(), { startedAt: '2026-03-12' }, now).set.startedAt).toBe('2026-03-12')
  expect(() => planPatch(book({ startedAt: '2026-02-01' }), { finishedAt: '2026-01-31' }, now)).toThrow(invalid)
  const lent = { ...book(), loan: { borrower: 'x', lentAt: '2026-01-01' }, lent: true } as BookDocument
  expect(() => planPatch(lent, { ownership: 'wanted' }, now)).toThrow(invalid)
  expect(() => book({ volume: 1 })).toThrow(invalid)
  expect(() => book({ finishedAt: '2030-01-01' })).toThrow(invalid)
})

test('the series key follows series, volume and title; leaving a series removes volume and key', () => {
  const inSeries = book({ series: '三体', volume: 2 })
  expect(inSeries.seriesKey).toBe(seriesKeyOf(inSeries))
  expect(book()).not.toHaveProperty('seriesKey')
  const left = planPatch(inSeries, { series: '' }, now)
  expect(left.unset.sort()).toEqual(['series', 'seriesKey', 'volume'])
  expect(left.next).not.toHaveProperty('seriesKey')
  expect(() => planPatch(inSeries, { series: '', volume: 3 }, now)).toThrow(invalid)
  const renamed = planPatch(inSeries, { volume: 10 }, now)
  expect(renamed.set.seriesKey).toBe(seriesKeyOf({ ...inSeries, volume: 10 }))
  // Volume order is numeric, 0.5 steps included, and a volume-less book comes after the numbered ones.
  const key = (volume?: number) => seriesKeyOf({ _id: 'x', title: 't', series: 's', volume })!
  expect([key(10), key(2.5), key(undefined), key(2), key(9999)].sort()).toEqual([key(2), key(2.5), key(10), key(9999), key(undefined)])
  // Stored books written before the series key existed: a patch leaving no series removes nothing.
  expect(planPatch(book(), { title: 'New' }, now).unset).toEqual([])
})

test('null and "" clear, except rating, note and progress, whose empty values are values', () => {
  const plan = planPatch(book({ rating: 4, note: 'n', progress: { page: 3 }, location: 'L' }), { rating: null, note: '', progress: null, location: '', subtitle: '' }, now)
  expect(plan.set).toMatchObject({ rating: null, note: '', progress: null })
  expect(plan.unset.sort()).toEqual(['location', 'subtitle'])
})
