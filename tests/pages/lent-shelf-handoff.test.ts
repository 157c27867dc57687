// 我的's 借出中 N 本 opens 我的书架 showing only the books lent out now (utils/pending-shelf-filter.ts:
// wx.switchTab carries no query), under miniprogram-simulate against the real function on the emulator.
import { dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, type PageHarness, type RenderedPage } from '../support/simulate'
import { newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

const cardTitles = (comp: RenderedPage) => comp.querySelectorAll('.book').map((card) => textOf(card.querySelector('.card-title')))
const listCalls = (harness: PageHarness) => harness.cloud.calls.filter((c) => c.data.action === 'listBooks')

async function lendingReader(label: string) {
  const reader = newReader(label)
  const [out, overdue] = await seedBooks(emulator.url, reader, [
    { title: '借出的书', status: 'read' },
    { title: '逾期的书', status: 'reading' },
    { title: '在家的书', status: 'read' },
  ])
  await dataAs(emulator.url, reader, { action: 'lendBook', id: out.id, borrower: '甲', dueDate: '2100-01-01' })
  await dataAs(emulator.url, reader, { action: 'lendBook', id: overdue.id, borrower: '乙', lentAt: '2025-01-01', dueDate: '2025-01-31' })
  return reader
}

describe('借出中 on 我的 → the shelf filtered to 借出中', () => {
  it('replaces whatever filter the shelf had with 借出中, once', async () => {
    const reader = await lendingReader('handoff')
    const harness = createHarness(emulator.url, reader)
    // The shelf tab is open already, filtered to 读过.
    const shelf = await harness.open('shelf')
    await tap(harness, shelf.querySelectorAll('.status-tab')[3])
    expect(cardTitles(shelf).sort()).toEqual(['借出的书', '在家的书'].sort())

    const settings = await harness.open('settings')
    expect(textOf(settings.querySelector('.lent-count'))).toBe('2 本')
    expect(settings.querySelector('.lent-cell .cell-arrow')).toBeTruthy()
    await tap(harness, settings.querySelector('.lent-cell'))
    expect(harness.ui.navigations.at(-1)).toEqual({ api: 'switchTab', url: '/pages/shelf/index', delta: undefined })

    await pageOf(shelf).onShow()
    await settle(harness.cloud)
    expect(cardTitles(shelf).sort()).toEqual(['借出的书', '逾期的书'].sort())
    expect(listCalls(harness).at(-1)!.data).toMatchObject({ action: 'listBooks', lent: true })
    expect(listCalls(harness).at(-1)!.data).not.toHaveProperty('status')
    expect(shelf.querySelector('.lent-filter')!.dom!.className).toContain('chip-active')
    expect(shelf.querySelectorAll('.status-tab')[0].dom!.className).toContain('status-tab-active')
    expect(textOf(shelf.querySelector('.count'))).toBe('共 2 本')

    // Taken once: the next visit to the tab keeps what the reader has and calls nothing.
    const calls = listCalls(harness).length
    await pageOf(shelf).onShow()
    await settle(harness.cloud)
    expect(listCalls(harness)).toHaveLength(calls)
    // The chip still works as a toggle: the whole shelf again.
    await tap(harness, shelf.querySelector('.lent-filter'))
    expect(cardTitles(shelf)).toHaveLength(3)
  })

  it('a shelf tab opened for the first time by the switch shows 借出中 too', async () => {
    const reader = await lendingReader('first-open')
    const harness = createHarness(emulator.url, reader)
    const settings = await harness.open('settings')
    await tap(harness, settings.querySelector('.lent-cell'))
    // WeChat loads a tab page that was never shown, then shows it.
    const shelf = await harness.open('shelf')
    await pageOf(shelf).onShow()
    await settle(harness.cloud)
    expect(cardTitles(shelf).sort()).toEqual(['借出的书', '逾期的书'].sort())
    expect(pageOf(shelf).data.lent).toBe(true)
  })

  it('with nothing lent out the cell is not a link: no arrow, and a tap goes nowhere', async () => {
    const reader = newReader('none-lent')
    await seedBooks(emulator.url, reader, [{ title: '在家的书' }])
    const harness = createHarness(emulator.url, reader)
    const settings = await harness.open('settings')
    expect(textOf(settings.querySelector('.lent-count'))).toBe('0 本')
    expect(settings.querySelector('.lent-cell .cell-arrow')).toBeFalsy()
    await tap(harness, settings.querySelector('.lent-cell'))
    expect(harness.ui.navigations).toEqual([])
    const shelf = await harness.open('shelf')
    await pageOf(shelf).onShow()
    await settle(harness.cloud)
    expect(pageOf(shelf).data.lent).toBe(false)
  })
})
