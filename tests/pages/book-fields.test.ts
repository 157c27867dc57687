// The book page's home-library fields (ownership, series and volume, location, reading progress, the
// started / finished days) under miniprogram-simulate, against the real function on the emulator.
import { dayOf } from '../../miniprogram/utils/day'
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, type PageHarness, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

const stored = (reader: string, id: string) => dataAs(emulator.url, reader, { action: 'getBook', id })

/** Types into an input and leaves it, as a reader moving to the next field does. */
async function typeAndLeave(harness: PageHarness, comp: RenderedPage, selector: string, value: string) {
  const input = comp.querySelector(selector)!
  input.dispatchEvent('input', { detail: { value } })
  input.dispatchEvent('blur', { detail: { value } })
  await settle(harness.cloud)
}

describe('book page: home-library fields', () => {
  it('switches between 已拥有 and 想买', async () => {
    const reader = newReader('ownership')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '想要的书' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    const active = () => comp.querySelectorAll('.ownership').filter((s) => s.dom!.className.includes('segment-active')).map((s) => textOf(s))
    expect(active()).toEqual(['已拥有']) // the default, also for books stored before ownership existed

    await tap(harness, comp.querySelectorAll('.ownership')[1])
    expect((await stored(reader, book.id)).ownership).toBe('wanted')
    expect(active()).toEqual(['想买'])
    // Tapping the current one again sends nothing.
    const calls = harness.cloud.calls.length
    await tap(harness, comp.querySelectorAll('.ownership')[1])
    expect(harness.cloud.calls.length).toBe(calls)
  })

  it('saves series and volume, shown as 《三体》2, refusing a volume the function would not take', async () => {
    const reader = newReader('series')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '黑暗森林' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(comp.querySelector('.series-label')).toBeFalsy()

    await typeAndLeave(harness, comp, '.series-input', ' 三体 ')
    await typeAndLeave(harness, comp, '.volume-input', '2')
    expect(await stored(reader, book.id)).toMatchObject({ series: '三体', volume: 2 })
    expect(textOf(comp.querySelector('.series-label'))).toBe('《三体》2')

    for (const bad of ['0', '-1', '2.3', '一', '10000']) {
      const calls = harness.cloud.calls.length
      await typeAndLeave(harness, comp, '.volume-input', bad)
      expect(harness.cloud.calls.length).toBe(calls)
      expect(harness.ui.toasts.at(-1)?.title).toContain('卷号请填写')
      expect(pageOf(comp).data.book.volume).toBe('2')
    }
    // Half volumes exist (an interlude between 2 and 3).
    await typeAndLeave(harness, comp, '.volume-input', '2.5')
    expect((await stored(reader, book.id)).volume).toBe(2.5)
    expect(textOf(comp.querySelector('.series-label'))).toBe('《三体》2.5')

    // Emptied, both are cleared.
    await typeAndLeave(harness, comp, '.volume-input', '')
    await typeAndLeave(harness, comp, '.series-input', '')
    const cleared = await stored(reader, book.id)
    expect(cleared.series).toBeUndefined()
    expect(cleared.volume).toBeUndefined()
    expect(comp.querySelector('.series-label')).toBeFalsy()
  })

  it("suggests the reader's own locations as they type, and saves a picked or typed one", async () => {
    const reader = newReader('location')
    const [book] = await seedBooks(emulator.url, reader, [
      { title: '没放好的书' },
      { title: '甲', location: '书房' },
      { title: '乙', location: '书房' },
      { title: '丙', location: '客厅书柜' },
    ])
    // Someone else's locations are never suggested.
    await seedBooks(emulator.url, newReader('neighbour'), [{ location: '邻居的阁楼' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    const suggestions = () => comp.querySelectorAll('.suggestion').map((s) => textOf(s))
    expect(suggestions()).toEqual(['书房', '客厅书柜']) // most used first

    comp.querySelector('.location-input')!.dispatchEvent('input', { detail: { value: '客厅' } })
    await settle(harness.cloud)
    expect(suggestions()).toEqual(['客厅书柜'])
    await tap(harness, comp.querySelectorAll('.suggestion')[0])
    expect((await stored(reader, book.id)).location).toBe('客厅书柜')
    expect(pageOf(comp).data.locationDraft).toBe('客厅书柜')
    expect(suggestions()).toEqual([])

    await typeAndLeave(harness, comp, '.location-input', '卧室床头')
    expect((await stored(reader, book.id)).location).toBe('卧室床头')
    await typeAndLeave(harness, comp, '.location-input', '')
    expect((await stored(reader, book.id)).location).toBeUndefined()
    // The new place is offered from now on.
    expect(suggestions()).toContain('卧室床头')
  })

  it('records progress by page with the stepper or typed, by percent, and clears it', async () => {
    const reader = newReader('progress')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '长篇', pageCount: 300, status: 'reading' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(comp.querySelector('.progress-view')).toBeFalsy()
    expect(textOf(comp.querySelector('.step-unit'))).toBe('页 / 300')

    await tap(harness, comp.querySelector('.step-on'))
    await tap(harness, comp.querySelector('.step-on'))
    expect((await stored(reader, book.id)).progress).toEqual({ page: 20 })
    await typeAndLeave(harness, comp, '.progress-input', '120')
    expect((await stored(reader, book.id)).progress).toEqual({ page: 120 })
    expect(textOf(comp.querySelector('.progress-view'))).toBe('第 120/300 页')
    expect(pageOf(comp).data.book.progress).toEqual({ percent: 40, label: '第 120/300 页' })

    // Beyond the book's pages: told, nothing sent. The stepper stops at the last page.
    const calls = harness.cloud.calls.length
    await typeAndLeave(harness, comp, '.progress-input', '301')
    expect(harness.cloud.calls.length).toBe(calls)
    expect(harness.ui.toasts.at(-1)?.title).toBe('页码请填写 0 到 300 之间的数')
    await typeAndLeave(harness, comp, '.progress-input', '295')
    await tap(harness, comp.querySelector('.step-on'))
    expect((await stored(reader, book.id)).progress).toEqual({ page: 300 })
    await tap(harness, comp.querySelector('.step-back'))
    expect((await stored(reader, book.id)).progress).toEqual({ page: 290 })

    // By percent: the page carries over.
    await tap(harness, comp.querySelectorAll('.mode')[1])
    expect((await stored(reader, book.id)).progress).toEqual({ percent: 97 })
    expect(textOf(comp.querySelector('.progress-view'))).toBe('97%')
    expect(textOf(comp.querySelector('.step-unit'))).toBe('%')

    // Back to pages, but the call fails: the unit and the number go back with the progress.
    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    await tap(harness, comp.querySelectorAll('.mode')[0])
    expect(pageOf(comp).data.book).toMatchObject({ progressMode: 'percent', progressValue: '97' })
    expect(textOf(comp.querySelector('.step-unit'))).toBe('%')
    harness.cloud.setBaseUrl(emulator.url)
    await tap(harness, comp.querySelectorAll('.mode')[0])
    expect((await stored(reader, book.id)).progress).toEqual({ page: 291 })
    expect(textOf(comp.querySelector('.step-unit'))).toBe('页 / 300')

    await tap(harness, comp.querySelector('.progress-clear'))
    expect((await stored(reader, book.id)).progress).toBeNull()
    expect(comp.querySelector('.progress-view')).toBeFalsy()
  })

  it('takes a percentage for a book with no page count, and rolls a failed save back', async () => {
    const reader = newReader('progress-percent')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '电子书', status: 'reading' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(comp.querySelector('.mode-switch')).toBeFalsy()
    await typeAndLeave(harness, comp, '.progress-input', '35')
    expect((await stored(reader, book.id)).progress).toEqual({ percent: 35 })

    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    await tap(harness, comp.querySelector('.step-on'))
    expect(pageOf(comp).data.book.progressValue).toBe('35')
    expect(textOf(comp.querySelector('.progress-view'))).toBe('35%')
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '网络不可用，请稍后重试', icon: 'none' })
  })

  it('shows the days the function set when the status moved, and edits them', async () => {
    const reader = newReader('days')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '从想读到读过', status: 'want' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(comp.querySelector('.started-row')).toBeFalsy()
    expect(comp.querySelector('.progress-section')).toBeFalsy()

    const today = dayOf(new Date())
    await tap(harness, comp.querySelectorAll('.status-segment')[1]) // 在读
    expect(comp.querySelector('.progress-section')).toBeTruthy()
    expect(textOf(comp.querySelector('.started-picker'))).toBe(today)
    expect((await stored(reader, book.id)).startedAt).toBe(today)

    comp.querySelector('.started-picker')!.dispatchEvent('change', { detail: { value: '2025-02-01' } })
    await settle(harness.cloud)
    expect((await stored(reader, book.id)).startedAt).toBe('2025-02-01')

    await tap(harness, comp.querySelectorAll('.status-segment')[2]) // 读过
    expect(textOf(comp.querySelector('.finished-picker'))).toBe(today)
    expect(await stored(reader, book.id)).toMatchObject({ startedAt: '2025-02-01', finishedAt: today })

    // Finished before it was started: told, nothing sent.
    const calls = harness.cloud.calls.length
    comp.querySelector('.finished-picker')!.dispatchEvent('change', { detail: { value: '2025-01-15' } })
    await settle(harness.cloud)
    expect(harness.cloud.calls.length).toBe(calls)
    expect(harness.ui.toasts.at(-1)?.title).toBe('读完日期不能早于开始日期')

    comp.querySelector('.finished-picker')!.dispatchEvent('change', { detail: { value: '2025-03-20' } })
    await settle(harness.cloud)
    expect((await stored(reader, book.id)).finishedAt).toBe('2025-03-20')

    await tap(harness, comp.querySelector('.started-clear'))
    expect((await stored(reader, book.id)).startedAt).toBeUndefined()
    expect(textOf(comp.querySelector('.started-picker'))).toBe('选择日期')
  })
})
