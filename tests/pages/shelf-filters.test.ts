// 我的书架's home-library filters and cards (借出中, 已拥有 / 想买, location, series and the series sort,
// progress while 在读) under miniprogram-simulate, against the real function on the emulator.
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, waitFor, type RenderedPage } from '../support/simulate'
import { newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

const cards = (comp: RenderedPage) => comp.querySelectorAll('.book')
const cardTitles = (comp: RenderedPage) => cards(comp).map((card) => textOf(card.querySelector('.card-title')))
const cardNamed = (comp: RenderedPage, title: string) => cards(comp).find((card) => textOf(card.querySelector('.card-title')) === title)!
const lastListCall = (calls: { data: Record<string, unknown> }[]) => calls.filter((c) => c.data.action === 'listBooks').at(-1)!.data

describe('shelf page: home-library filters', () => {
  it('filters 借出中 and marks lent and overdue cards', async () => {
    const reader = newReader('lent')
    const [out, overdue] = await seedBooks(emulator.url, reader, [{ title: '借出的书' }, { title: '逾期的书' }, { title: '在家的书' }])
    await dataAs(emulator.url, reader, { action: 'lendBook', id: out.id, borrower: '甲', dueDate: '2100-01-01' })
    await dataAs(emulator.url, reader, { action: 'lendBook', id: overdue.id, borrower: '乙', lentAt: '2025-01-01', dueDate: '2025-01-31' })
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    expect(cards(comp)).toHaveLength(3)
    expect(textOf(cardNamed(comp, '借出的书').querySelector('.card-lent'))).toBe('已借出')
    expect(textOf(cardNamed(comp, '逾期的书').querySelector('.card-lent'))).toBe('已逾期')
    expect(cardNamed(comp, '在家的书').querySelector('.card-lent')).toBeFalsy()
    // The owner's card never names the borrower.
    expect(textOf(comp)).not.toMatch(/甲|乙/)

    await tap(harness, comp.querySelector('.lent-filter'))
    expect(cardTitles(comp).sort()).toEqual(['借出的书', '逾期的书'].sort())
    expect(lastListCall(harness.cloud.calls)).toMatchObject({ lent: true })
    expect(textOf(comp.querySelector('.count'))).toBe('共 2 本')
    await tap(harness, comp.querySelector('.lent-filter'))
    expect(cards(comp)).toHaveLength(3)
    expect(lastListCall(harness.cloud.calls)).not.toHaveProperty('lent')
  })

  it('filters 已拥有 / 想买, together with the status', async () => {
    const reader = newReader('ownership')
    await seedBooks(emulator.url, reader, [
      { title: '有的', status: 'read' },
      { title: '想买的', ownership: 'wanted', status: 'want' },
      { title: '想买也想读', ownership: 'wanted', status: 'reading' },
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    // A wish-list book says so on its card, whatever its reading status.
    expect(textOf(cardNamed(comp, '想买也想读').querySelector('.card-wanted'))).toBe('想买')
    expect(cardNamed(comp, '有的').querySelector('.card-wanted')).toBeFalsy()
    await tap(harness, comp.querySelector('.wanted-filter'))
    expect(cardTitles(comp).sort()).toEqual(['想买的', '想买也想读'].sort())
    await tap(harness, comp.querySelectorAll('.status-tab')[2]) // 在读
    expect(cardTitles(comp)).toEqual(['想买也想读'])
    await tap(harness, comp.querySelectorAll('.status-tab')[0])
    await tap(harness, comp.querySelector('.owned-filter'))
    expect(cardTitles(comp)).toEqual(['有的'])
    // Tapping the active one again shows both.
    await tap(harness, comp.querySelector('.owned-filter'))
    expect(cards(comp)).toHaveLength(3)
  })

  it("offers the reader's locations with their counts and filters by one", async () => {
    const reader = newReader('locations')
    await seedBooks(emulator.url, reader, [
      { title: '书房一', location: '书房' },
      { title: '书房二', location: '书房' },
      { title: '客厅一', location: '客厅书柜' },
      { title: '哪儿都不在' },
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    const options: string[] = pageOf(comp).data.locationOptions
    expect(options).toEqual(['全部位置', '书房（2）', '客厅书柜（1）'])
    comp.querySelector('.location-picker')!.dispatchEvent('change', { detail: { value: options.indexOf('客厅书柜（1）') } })
    await waitFor(() => cards(comp).length === 1, 'the location filter')
    await settle(harness.cloud)
    expect(cardTitles(comp)).toEqual(['客厅一'])
    expect(textOf(comp.querySelector('.location-picker'))).toBe('客厅书柜 ▾')
    comp.querySelector('.location-picker')!.dispatchEvent('change', { detail: { value: 0 } })
    await waitFor(() => cards(comp).length === 4, 'the location filter cleared')
  })

  it("sorts by series (volumes in order, books in no series last), and a card's series filters to it", async () => {
    const reader = newReader('series')
    // Added out of order, so "recently added" is not already the answer.
    await seedBooks(emulator.url, reader, [
      { title: '死神永生', series: '三体', volume: 3 },
      { title: '单行本' },
      { title: '三体', series: '三体', volume: 1 },
      { title: '魔戒再现', series: '魔戒', volume: 1 },
      { title: '黑暗森林', series: '三体', volume: 2 },
    ])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    expect(textOf(cardNamed(comp, '黑暗森林').querySelector('.card-series'))).toBe('《三体》2')
    expect(cardNamed(comp, '单行本').querySelector('.card-series')).toBeFalsy()

    const sortLabels: string[] = pageOf(comp).data.sortLabels
    comp.querySelector('.sort-picker')!.dispatchEvent('change', { detail: { value: sortLabels.indexOf('系列') } })
    await waitFor(() => lastListCall(harness.cloud.calls).sort === 'series', 'the series sort')
    await settle(harness.cloud)
    expect(cardTitles(comp)).toEqual(['三体', '黑暗森林', '死神永生', '魔戒再现', '单行本'])

    // Back to 最近添加, then a tap on a card's series: that series alone, by volume; the card is not opened.
    comp.querySelector('.sort-picker')!.dispatchEvent('change', { detail: { value: 0 } })
    await settle(harness.cloud)
    await tap(harness, cardNamed(comp, '死神永生').querySelector('.card-series'))
    expect(harness.ui.navigations).toEqual([])
    expect(cardTitles(comp)).toEqual(['三体', '黑暗森林', '死神永生'])
    expect(lastListCall(harness.cloud.calls)).toMatchObject({ series: '三体', sort: 'series' })
    expect(textOf(comp.querySelector('.series-filter'))).toBe('《三体》 ×')

    await tap(harness, comp.querySelector('.series-filter'))
    expect(cards(comp)).toHaveLength(5)
    expect(comp.querySelector('.series-filter')).toBeFalsy()
  })

  it('shows progress on the cards of books being read, and only on those', async () => {
    const reader = newReader('progress')
    await seedBooks(emulator.url, reader, [
      { title: '在读按页', status: 'reading', pageCount: 300, progress: { page: 120 } },
      { title: '在读按百分比', status: 'reading', progress: { percent: 45 } },
      { title: '读过的', status: 'read', pageCount: 200, progress: { page: 200 } },
      { title: '刚开始', status: 'reading' },
    ])
    const comp = await createHarness(emulator.url, reader).open('shelf')
    expect(textOf(cardNamed(comp, '在读按页').querySelector('.card-progress'))).toBe('第 120/300 页')
    expect(textOf(cardNamed(comp, '在读按百分比').querySelector('.card-progress'))).toBe('45%')
    expect(cardNamed(comp, '读过的').querySelector('.card-progress')).toBeFalsy()
    expect(cardNamed(comp, '刚开始').querySelector('.card-progress')).toBeFalsy()
    expect(pageOf(comp).data.items.find((item: { title: string }) => item.title === '在读按页').progressPercent).toBe(40)
  })

  it('offers to clear every filter when nothing matches, and clearing shows the whole shelf', async () => {
    const reader = newReader('no-match')
    await seedBooks(emulator.url, reader, [{ title: '唯一的书', location: '书房' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('shelf')
    await tap(harness, comp.querySelector('.lent-filter'))
    await tap(harness, comp.querySelector('.wanted-filter'))
    const noMatch = comp.querySelector('.no-match-state')
    expect(textOf(noMatch)).toContain('没有符合条件的书')
    await tap(harness, noMatch!.querySelector('.empty-action'))
    expect(cardTitles(comp)).toEqual(['唯一的书'])
    expect(pageOf(comp).data).toMatchObject({ lent: false, ownership: '', location: '', series: '', filtered: false })
    const call = lastListCall(harness.cloud.calls)
    for (const key of ['lent', 'ownership', 'location', 'series', 'q', 'status', 'tag']) expect(call).not.toHaveProperty(key)
  })
})
