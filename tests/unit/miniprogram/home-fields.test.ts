// The book page's local checks of volume, progress and the 借出 form agree with the function's own
// schemas (cloudfunctions/bookcase/src/validation/fields.ts): what the page sends, the function takes,
// and what the page refuses, the function would refuse too, so the reader is told before a call.
import fc from 'fast-check'
import * as fields from '../../../cloudfunctions/bookcase/src/validation/fields'
import { dayOf } from '../../../miniprogram/utils/day'
import { clampedProgress, progressModeOf, steppedProgress, typedProgress, typedVolume } from '../../../miniprogram/utils/home-fields'
import { isOverdue, lendRequest, toLoanView } from '../../../miniprogram/utils/loan'
import { progressView } from '../../../miniprogram/utils/progress'
import { seriesLabel } from '../../../miniprogram/utils/series'

/** Numbers as a reader might type them: volumes, halves, negatives, decimals, huge ones, words. */
const typedNumber = fc.oneof(
  fc.integer({ min: -20, max: 20_000 }).map(String),
  fc.double({ min: -10, max: 10_010, noNaN: true }).map((n) => String(Math.round(n * 100) / 100)),
  fc.constantFrom('', ' ', '2.5', ' 3 ', '0', '0.5', '1e3', 'abc', '二', '1,5', 'Infinity', '9999', '9999.5', '10000'),
)

describe('volume', () => {
  it('is accepted by the page exactly when the function takes it', () => {
    fc.assert(
      fc.property(typedNumber, (text) => {
        const volume = typedVolume(text)
        if (text.trim() === '') return expect(volume).toBeNull()
        const functionTakes = fields.volume.safeParse(Number(text.trim())).success
        expect(typeof volume === 'number').toBe(functionTakes)
        if (typeof volume === 'number') expect(volume).toBe(Number(text.trim()))
      }),
    )
  })
})

describe('progress', () => {
  it('sends only what the function takes, within the book (or 100%)', () => {
    fc.assert(
      fc.property(typedNumber, fc.constantFrom<'page' | 'percent'>('page', 'percent'), fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }), (text, mode, pageCount) => {
        const progress = typedProgress(mode, text, pageCount)
        if (text.trim() === '') return expect(progress).toBeNull()
        if (typeof progress === 'string') return
        expect(fields.progress.safeParse(progress).success).toBe(true)
        if (progress && 'page' in progress && pageCount) expect(progress.page).toBeLessThanOrEqual(pageCount)
      }),
    )
  })

  it('steps by ten pages or five percent, and stops at the ends', () => {
    expect(steppedProgress('page', '', 1, 300)).toEqual({ page: 10 })
    expect(steppedProgress('page', '295', 1, 300)).toEqual({ page: 300 })
    expect(steppedProgress('page', '5', -1, 300)).toEqual({ page: 0 })
    expect(steppedProgress('percent', '97', 1, undefined)).toEqual({ percent: 100 })
    expect(clampedProgress('percent', 96.7, 300)).toEqual({ percent: 97 })
  })

  it('counts pages when the book has a page count, percent otherwise, unless progress says so', () => {
    expect(progressModeOf(null, 300)).toBe('page')
    expect(progressModeOf(null, undefined)).toBe('percent')
    expect(progressModeOf({ percent: 20 }, 300)).toBe('percent')
    expect(progressModeOf({ page: 20 }, undefined)).toBe('page')
  })

  it('labels the bar as 第 120/300 页 or 45%', () => {
    expect(progressView({ page: 120 }, 300)).toEqual({ percent: 40, label: '第 120/300 页' })
    expect(progressView({ page: 120 }, undefined)).toEqual({ percent: 0, label: '第 120 页' })
    expect(progressView({ percent: 45 }, 300)).toEqual({ percent: 45, label: '45%' })
    expect(progressView(null, 300)).toBeNull()
  })
})

describe('lending', () => {
  const on = '2026-06-15'

  it('sends a trimmed borrower the function takes, and refuses a blank one or a due date before the loan', () => {
    const borrowerChar = fc.constantFrom('王', '老', 'a', 'Z', ' ', '　', '\u00a0', '😀')
    fc.assert(
      fc.property(fc.string({ unit: borrowerChar, maxLength: 50 }), (borrower) => {
        const request = lendRequest({ borrower, lentAt: on, dueDate: '' })
        expect(typeof request !== 'string').toBe(fields.borrower.safeParse(borrower).success)
        if (typeof request !== 'string') expect(request.borrower).toBe(borrower.trim())
      }),
    )
    expect(lendRequest({ borrower: '老王', lentAt: on, dueDate: '2026-06-14' })).toBe('应还日期不能早于借出日期')
    expect(lendRequest({ borrower: '老王', lentAt: on, dueDate: on })).toEqual({ borrower: '老王', lentAt: on, dueDate: on })
    expect(lendRequest({ borrower: '老王', lentAt: on, dueDate: '' })).toEqual({ borrower: '老王', lentAt: on })
  })

  it('is overdue only past its due date and while the book is out', () => {
    expect(isOverdue({ dueDate: '2026-06-14' }, on)).toBe(true)
    expect(isOverdue({ dueDate: on }, on)).toBe(false)
    expect(isOverdue({}, on)).toBe(false)
    expect(isOverdue({ dueDate: '2026-06-14', returnedAt: '2026-06-20' }, on)).toBe(false)
    expect(isOverdue(null, on)).toBe(false)
    expect(toLoanView({ borrower: '甲', lentAt: '2026-06-01', dueDate: '2026-06-10' }, on)).toEqual({
      borrower: '甲',
      lentAt: '2026-06-01',
      dueDate: '2026-06-10',
      returnedAt: '',
      overdue: true,
    })
  })
})

describe('days and series', () => {
  it('takes the local day, not the UTC one', () => {
    const lateEvening = new Date(2026, 0, 31, 23, 59)
    expect(dayOf(lateEvening)).toBe('2026-01-31')
    expect(dayOf(new Date(2026, 8, 5, 0, 1))).toBe('2026-09-05')
    expect(fields.day.safeParse(dayOf(new Date())).success).toBe(true)
  })

  it('writes a series as 《三体》2', () => {
    expect(seriesLabel('三体', 2)).toBe('《三体》2')
    expect(seriesLabel('三体', 2.5)).toBe('《三体》2.5')
    expect(seriesLabel('三体', undefined)).toBe('《三体》')
    expect(seriesLabel(undefined, 2)).toBe('')
  })
})
