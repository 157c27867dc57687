// The book page's 想买 while the book is lent out: not offered (the function refuses it too,
// domain/readerRules.ts), said in Chinese, and a book lent from another device meanwhile is refused with
// that same reason and shown as it is now. Under miniprogram-simulate against the real function.
import { dataAs } from '../support/wx-cloud'
import { createHarness, settle, tap, textOf, type PageHarness, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

const REASON = '借出中的书归还后才能设为想买'
const stored = (reader: string, id: string) => dataAs(emulator.url, reader, { action: 'getBook', id })
const wantedSegment = (comp: RenderedPage) => comp.querySelectorAll('.ownership')[1]
const activeOwnership = (comp: RenderedPage) =>
  comp.querySelectorAll('.ownership').filter((s) => s.dom!.className.includes('segment-active')).map((s) => textOf(s))
const updateCalls = (harness: PageHarness) => harness.cloud.calls.filter((c) => c.data.action === 'updateBook').length

describe('book page: 想买 while lent out', () => {
  it('is shown unavailable with the reason, a tap says why and sends nothing; after the return it saves', async () => {
    const reader = newReader('lent-wanted')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '借出去的书' }])
    await dataAs(emulator.url, reader, { action: 'lendBook', id: book.id, borrower: '阿明' })
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(wantedSegment(comp).dom!.className).toContain('segment-disabled')
    expect(textOf(comp.querySelector('.wanted-unavailable'))).toBe(REASON)

    await tap(harness, wantedSegment(comp))
    expect(harness.ui.toasts.at(-1)).toEqual({ title: REASON, icon: 'none' })
    expect(updateCalls(harness)).toBe(0)
    expect(activeOwnership(comp)).toEqual(['已拥有'])
    expect((await stored(reader, book.id)).ownership).toBe('owned')

    harness.ui.modalAnswers.push(true)
    await tap(harness, comp.querySelector('.current-loan')!.querySelector('.loan-return'))
    expect(comp.querySelector('.wanted-unavailable')).toBeFalsy()
    expect(wantedSegment(comp).dom!.className).not.toContain('segment-disabled')
    await tap(harness, wantedSegment(comp))
    expect((await stored(reader, book.id)).ownership).toBe('wanted')
    expect(activeOwnership(comp)).toEqual(['想买'])
  })

  it('a book lent from another device meanwhile: the refusal in Chinese, 已拥有 put back, the loan shown', async () => {
    const reader = newReader('lent-meanwhile')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '别处借出的书' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(comp.querySelector('.current-loan')).toBeFalsy()
    await dataAs(emulator.url, reader, { action: 'lendBook', id: book.id, borrower: '小周' })

    await tap(harness, wantedSegment(comp))
    expect(updateCalls(harness)).toBe(1)
    expect(harness.ui.toasts.at(-1)).toEqual({ title: REASON, icon: 'none' })
    expect(activeOwnership(comp)).toEqual(['已拥有'])
    expect((await stored(reader, book.id)).ownership).toBe('owned')
    expect(textOf(comp.querySelector('.current-loan'))).toContain('小周')
    expect(textOf(comp.querySelector('.wanted-unavailable'))).toBe(REASON)
  })

  it('a failed call for another reason says that reason, not the lending one', async () => {
    const reader = newReader('wanted-offline')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '离线的书' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    await tap(harness, wantedSegment(comp))
    await settle(harness.cloud)
    expect(harness.ui.toasts.at(-1)?.title).toBe('网络不可用，请稍后重试')
    expect(activeOwnership(comp)).toEqual(['已拥有'])
    expect(comp.querySelector('.current-loan')).toBeFalsy() // the page keeps what it showed
  })
})
