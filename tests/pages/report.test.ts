// 读书报告 under miniprogram-simulate, against the real function's getStats on the emulator.
import { dayOf } from '../../miniprogram/utils/day'
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

const thisYear = new Date().getFullYear()
const lastYear = thisYear - 1
const today = dayOf(new Date())

/** Seven books: three finished last year (two in January, one in March), one today, and a loan. */
async function seededReader(): Promise<string> {
  const reader = newReader('report')
  const books = await seedBooks(emulator.url, reader, [
    { title: '三体', authors: ['刘慈欣'], tags: ['科幻'], status: 'read', finishedAt: `${lastYear}-01-10`, pageCount: 300 },
    { title: '黑暗森林', authors: ['刘慈欣'], tags: ['科幻'], status: 'read', finishedAt: `${lastYear}-01-25`, pageCount: 200 },
    { title: '活着', authors: ['余华'], tags: ['小说'], status: 'read', finishedAt: `${lastYear}-03-05` },
    { title: '兄弟', authors: ['余华'], status: 'read', finishedAt: today, pageCount: 150 },
    { title: '挪威的森林', authors: ['村上春树'], status: 'reading', ownership: 'wanted' },
    { title: '球状闪电', authors: ['刘慈欣'], status: 'want' },
    { title: '借出的书', authors: ['佚名'], status: 'want' },
  ])
  await dataAs(emulator.url, reader, { action: 'lendBook', id: books[6].id, borrower: '朋友' })
  return reader
}

/** Each row's label and count, as one text (the two sit at either end of the row). */
const rows = (comp: RenderedPage, selector: string) => comp.querySelectorAll(selector).map((row) => textOf(row))
const monthValues = (comp: RenderedPage): number[] => pageOf(comp).data.report.months.map((m: { value: number }) => m.value)

describe('reading report page', () => {
  it("opens on this year, with the whole shelf's totals, and switches to another year", async () => {
    const reader = await seededReader()
    const harness = createHarness(emulator.url, reader)
    const comp = harness.render('report')
    expect(textOf(comp.querySelector('.loading'))).toBe('正在生成读书报告…')
    await pageOf(comp).onLoad({})
    await settle(harness.cloud)

    expect(harness.cloud.calls.map((c) => c.data)).toEqual([{ action: 'getStats', year: thisYear }])
    expect(textOf(comp.querySelector('.year-label'))).toBe(`${thisYear} 年 ▾`)
    expect(pageOf(comp).data.report.yearLabels).toEqual([`${thisYear} 年`, `${lastYear} 年`])
    expect(textOf(comp.querySelector('.finished-count'))).toBe('1')
    expect(textOf(comp.querySelector('.pages-read'))).toBe('150')
    const expectedMonths = Array.from({ length: 12 }, (_, i) => (i === new Date().getMonth() ? 1 : 0))
    expect(monthValues(comp)).toEqual(expectedMonths)

    // The chart: twelve columns, the month with a finished book at full height.
    const chart = comp.querySelector('.month-chart')!
    expect(chart.querySelectorAll('.column')).toHaveLength(12)
    expect(chart.querySelectorAll('.column-label').map((l) => textOf(l))[0]).toBe('1月')
    const heights = chart.querySelectorAll('.column-bar').map((bar) => bar.dom!.getAttribute('style'))
    expect(heights[new Date().getMonth()]).toContain('height: 100%')
    expect(heights.filter((h) => h?.includes('height: 0%'))).toHaveLength(11)

    expect(textOf(comp.querySelector('.shelf-total'))).toBe('7')
    expect(rows(comp, '.status-row')).toEqual(['想读2', '在读1', '读过4'])
    expect(rows(comp, '.ownership-row')).toEqual(['已拥有6', '想买1'])
    expect(textOf(comp.querySelector('.lent-count'))).toBe('1')
    expect(rows(comp, '.author-row')).toEqual(['刘慈欣3 本', '余华2 本', '佚名1 本', '村上春树1 本'])
    expect(rows(comp, '.tag-row')).toEqual(['科幻2 本', '小说1 本'])
    expect(textOf(comp)).not.toContain('朋友') // a report is figures, never a borrower

    // Last year: two in January, one in March; a book with no page count adds no pages.
    comp.querySelector('.year-picker')!.dispatchEvent('change', { detail: { value: 1 } })
    await waitFor(() => pageOf(comp).data.report.year === lastYear, 'last year')
    await settle(harness.cloud)
    expect(harness.cloud.calls.at(-1)!.data).toEqual({ action: 'getStats', year: lastYear })
    expect(textOf(comp.querySelector('.year-label'))).toBe(`${lastYear} 年 ▾`)
    expect(monthValues(comp)).toEqual([2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(textOf(comp.querySelector('.finished-count'))).toBe('3')
    expect(textOf(comp.querySelector('.pages-read'))).toBe('500')
    const marchBar = comp.querySelector('.month-chart')!.querySelectorAll('.column-bar')[2]
    expect(marchBar.dom!.getAttribute('style')).toContain('height: 50%')
    expect(textOf(comp.querySelector('.shelf-total'))).toBe('7')

    // Pull-down refreshes the year on screen with what changed meanwhile.
    await seedBooks(emulator.url, reader, [{ title: '在路上', status: 'read', finishedAt: `${lastYear}-03-28`, pageCount: 320 }])
    await pageOf(comp).onPullDownRefresh()
    await settle(harness.cloud)
    expect(harness.cloud.calls.at(-1)!.data).toEqual({ action: 'getStats', year: lastYear })
    expect(monthValues(comp)).toEqual([2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(textOf(comp.querySelector('.pages-read'))).toBe('820')
    expect(textOf(comp.querySelector('.shelf-total'))).toBe('8')
    expect(harness.ui.pullDownStops).toBe(1)
  })

  it('says when no book was finished in the year, and when the shelf is empty', async () => {
    const reader = newReader('report-none-finished')
    await seedBooks(emulator.url, reader, [{ title: '还在读', status: 'reading' }])
    const comp = await createHarness(emulator.url, reader).open('report')
    expect(textOf(comp.querySelector('.no-finished-state'))).toContain('这一年还没有读完的书')
    expect(comp.querySelector('.month-chart')).toBeFalsy()
    expect(rows(comp, '.status-row')).toEqual(['想读0', '在读1', '读过0'])
    expect(pageOf(comp).data.report.yearLabels).toEqual([`${thisYear} 年`])

    const emptyHarness = createHarness(emulator.url, newReader('report-empty'))
    const empty = await emptyHarness.open('report')
    const state = empty.querySelector('.empty-shelf-state')
    expect(textOf(state)).toContain('书架还是空的')
    await tap(emptyHarness, state!.querySelector('.empty-action'))
    expect(emptyHarness.ui.navigations).toEqual([{ api: 'switchTab', url: '/pages/scan/index', delta: undefined }])
  })

  it('shows an error state offline and loads on retry; a failed year switch keeps the year shown', async () => {
    const reader = await seededReader()
    const harness = createHarness(DEAD_GATEWAY, reader)
    const comp = await harness.open('report')
    const error = comp.querySelector('.error-state')!
    expect(textOf(error)).toContain('网络不可用，请稍后重试')

    harness.cloud.setBaseUrl(emulator.url)
    await tap(harness, error.querySelector('.empty-action'))
    expect(comp.querySelector('.error-state')).toBeFalsy()
    expect(textOf(comp.querySelector('.finished-count'))).toBe('1')

    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    comp.querySelector('.year-picker')!.dispatchEvent('change', { detail: { value: 1 } })
    await settle(harness.cloud)
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '网络不可用，请稍后重试', icon: 'none' })
    expect(pageOf(comp).data).toMatchObject({ switching: false, error: '' })
    expect(pageOf(comp).data.report.year).toBe(thisYear)
  })
})
