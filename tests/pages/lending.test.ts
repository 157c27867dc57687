// 借出 / 已归还 on the book page, 我的's lent count and what a friend learns of a loan, under
// miniprogram-simulate against the real function on the emulator.
import { dayOf } from '../../miniprogram/utils/day'
import { callAs, dataAs } from '../support/wx-cloud'
import { createHarness, pageOf, settle, tap, textOf, type PageHarness, type RenderedPage } from '../support/simulate'
import { DEAD_GATEWAY, newReader, seedBooks, useEmulator } from './context'

const emulator = useEmulator()

type ShelfChanges = typeof import('../../miniprogram/utils/shelf-changes')
const shelfChanges = (harness: PageHarness) => harness.miniprogramModule<ShelfChanges>('utils/shelf-changes')

/** A day `days` from today, in the local time zone as the page's pickers give it. */
const dayFromToday = (days: number) => dayOf(new Date(Date.now() + days * 86_400_000))

function fillLendForm(comp: RenderedPage, form: { borrower?: string; lentAt?: string; dueDate?: string }) {
  if (form.borrower !== undefined) comp.querySelector('.lend-borrower')!.dispatchEvent('input', { detail: { value: form.borrower } })
  if (form.lentAt !== undefined) comp.querySelector('.lend-lent-at')!.dispatchEvent('change', { detail: { value: form.lentAt } })
  if (form.dueDate !== undefined) comp.querySelector('.lend-due-date')!.dispatchEvent('change', { detail: { value: form.dueDate } })
}

describe('lending on the book page', () => {
  it('lends through the form (today by default), shows the loan, and refuses a bad form before calling', async () => {
    const reader = newReader('lend')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '三体' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    expect(comp.querySelector('.current-loan')).toBeFalsy()

    await tap(harness, comp.querySelector('.lend-button'))
    expect(pageOf(comp).data.lendForm).toEqual({ borrower: '', lentAt: dayOf(new Date()), dueDate: '' })

    // Nobody named, then a due date before the day lent: told, and nothing is sent.
    const calls = harness.cloud.calls.length
    fillLendForm(comp, { borrower: '   ' })
    await tap(harness, comp.querySelector('.lend-save'))
    expect(textOf(comp.querySelector('.lend-error'))).toBe('请填写借书人')
    fillLendForm(comp, { borrower: '老王', lentAt: '2025-06-10', dueDate: '2025-06-01' })
    await tap(harness, comp.querySelector('.lend-save'))
    expect(textOf(comp.querySelector('.lend-error'))).toBe('应还日期不能早于借出日期')
    expect(harness.cloud.calls.length).toBe(calls)

    const due = dayFromToday(30)
    fillLendForm(comp, { borrower: ' 老王 ', lentAt: dayFromToday(-3), dueDate: due })
    await tap(harness, comp.querySelector('.lend-save'))
    const stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored.loan).toEqual({ borrower: '老王', lentAt: dayFromToday(-3), dueDate: due })
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已借出', icon: 'success' })
    expect(comp.querySelector('.lend-form')).toBeFalsy()
    const loan = textOf(comp.querySelector('.current-loan'))
    expect(loan).toContain('借给 老王')
    expect(loan).toContain(`${dayFromToday(-3)} 借出，${due} 到期`)
    expect(loan).not.toContain('已逾期')
    expect([...shelfChanges(harness).takeShelfChanges()]).toEqual(['books'])
  })

  it('lends with no due date, and the cancel button closes the form without a call', async () => {
    const reader = newReader('lend-no-due')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '活着' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    await tap(harness, comp.querySelector('.lend-button'))
    const calls = harness.cloud.calls.length
    await tap(harness, comp.querySelector('.lend-cancel'))
    expect(comp.querySelector('.lend-form')).toBeFalsy()
    expect(harness.cloud.calls.length).toBe(calls)

    await tap(harness, comp.querySelector('.lend-button'))
    fillLendForm(comp, { borrower: '小李', dueDate: dayFromToday(7) })
    await settle(harness.cloud)
    await tap(harness, comp.querySelector('.due-clear'))
    await tap(harness, comp.querySelector('.lend-save'))
    const stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored.loan).toEqual({ borrower: '小李', lentAt: dayOf(new Date()) })
    expect(textOf(comp.querySelector('.current-loan'))).not.toContain('到期')
  })

  it('takes the book back only after the confirmation, and keeps the loan in the history', async () => {
    const reader = newReader('return')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '围城' }])
    await dataAs(emulator.url, reader, { action: 'lendBook', id: book.id, borrower: '阿明', lentAt: '2025-03-01', dueDate: '2025-03-15' })
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    // Past its due date and still out.
    expect(textOf(comp.querySelector('.current-loan'))).toContain('已逾期')
    const loanCard = comp.querySelector('.current-loan')!
    expect(loanCard.querySelector('.loan-overdue')).toBeTruthy()

    harness.ui.modalAnswers.push(false)
    await tap(harness, loanCard.querySelector('.loan-return'))
    expect(harness.ui.modals.at(-1)).toEqual({ title: '确认已归还？', content: '阿明 已经把《围城》还回来了吗？' })
    expect((await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).loan).not.toBeNull()

    harness.ui.modalAnswers.push(true)
    await tap(harness, loanCard.querySelector('.loan-return'))
    const stored = await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })
    expect(stored.loan).toBeNull()
    expect(stored.loans).toEqual([{ borrower: '阿明', lentAt: '2025-03-01', dueDate: '2025-03-15', returnedAt: dayOf(new Date()) }])
    expect(harness.ui.toasts.at(-1)).toEqual({ title: '已归还', icon: 'success' })
    expect(comp.querySelector('.current-loan')).toBeFalsy()
    expect(comp.querySelector('.lend-button')).toBeTruthy()
    expect(comp.querySelectorAll('.history-borrower').map((b) => textOf(b))).toEqual(['阿明'])
    expect(comp.querySelectorAll('.history-dates').map((d) => textOf(d))).toEqual([`2025-03-01 至 ${dayOf(new Date())}`])

    // Lent again: the history lists the newest first.
    await dataAs(emulator.url, reader, { action: 'lendBook', id: book.id, borrower: '小周' })
    await dataAs(emulator.url, reader, { action: 'returnBook', id: book.id })
    const reopened = await createHarness(emulator.url, reader).open('book', { id: book.id })
    expect(reopened.querySelectorAll('.history-borrower').map((b) => textOf(b))).toEqual(['小周', '阿明'])
  })

  it('offers no lending for a book on the wish list', async () => {
    const reader = newReader('wanted')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '想买的书', ownership: 'wanted' }])
    const comp = await createHarness(emulator.url, reader).open('book', { id: book.id })
    expect(comp.querySelector('.lend-button')).toBeFalsy()
    expect(textOf(comp.querySelector('.lend-unavailable'))).toContain('拥有后才能借出')
  })

  it('keeps the form open with the reason when the call fails', async () => {
    const reader = newReader('lend-offline')
    const [book] = await seedBooks(emulator.url, reader, [{ title: '离线借出' }])
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('book', { id: book.id })
    await tap(harness, comp.querySelector('.lend-button'))
    fillLendForm(comp, { borrower: '老王' })
    harness.cloud.setBaseUrl(DEAD_GATEWAY)
    await tap(harness, comp.querySelector('.lend-save'))
    expect(textOf(comp.querySelector('.lend-error'))).toBe('网络不可用，请稍后重试')
    expect(comp.querySelector('.lend-form')).toBeTruthy()
    expect(pageOf(comp).data.lendForm.borrower).toBe('老王')

    harness.cloud.setBaseUrl(emulator.url)
    await tap(harness, comp.querySelector('.lend-save'))
    expect((await dataAs(emulator.url, reader, { action: 'getBook', id: book.id })).loan?.borrower).toBe('老王')
  })

  it('shows 我的 how many books are lent out, and opens 读书报告', async () => {
    const reader = newReader('lent-count')
    const books = await seedBooks(emulator.url, reader, [{}, {}, {}])
    await dataAs(emulator.url, reader, { action: 'lendBook', id: books[0].id, borrower: '甲' })
    await dataAs(emulator.url, reader, { action: 'lendBook', id: books[2].id, borrower: '乙' })
    const harness = createHarness(emulator.url, reader)
    const comp = await harness.open('settings')
    expect(textOf(comp.querySelector('.lent-count'))).toBe('2 本')
    await tap(harness, comp.querySelector('.report-cell'))
    expect(harness.ui.navigations).toEqual([{ api: 'navigateTo', url: '/pages/report/index', delta: undefined }])
  })
})

describe('a lent book on a shared shelf', () => {
  it('shows a friend 已借出 on the card and the book, never the borrower', async () => {
    const owner = newReader('lender')
    const [lent, kept] = await seedBooks(emulator.url, owner, [
      { title: '借出去的书', series: '三体', volume: 2 },
      { title: '在家的书' },
    ])
    await dataAs(emulator.url, owner, { action: 'lendBook', id: lent.id, borrower: '神秘借书人', lentAt: '2025-01-02', dueDate: '2025-01-09' })
    await dataAs(emulator.url, owner, { action: 'updateShelf', isPublic: true })
    const { shareId } = await dataAs(emulator.url, owner, { action: 'getShelf' })

    const friend = newReader('friend')
    const friendHarness = createHarness(emulator.url, friend)
    const shelf = await friendHarness.open('shared', { s: shareId })
    const cards = shelf.querySelectorAll('.book')
    const lentCard = cards.find((card) => textOf(card.querySelector('.card-title')) === '借出去的书')!
    const keptCard = cards.find((card) => textOf(card.querySelector('.card-title')) === '在家的书')!
    expect(textOf(lentCard.querySelector('.card-lent'))).toBe('已借出') // not 已逾期: a friend learns no dates
    expect(textOf(lentCard.querySelector('.card-series'))).toBe('《三体》2')
    expect(keptCard.querySelector('.card-lent')).toBeFalsy()
    expect(textOf(shelf)).not.toContain('神秘借书人')
    // A friend's shelf has no series filter: the series is part of the card, and opens the book.
    await tap(friendHarness, lentCard.querySelector('.card-series'))
    expect(friendHarness.ui.navigations.at(-1)?.url).toBe(`/pages/book/index?s=${shareId}&id=${lent.id}`)

    const detail = await createHarness(emulator.url, friend).open('book', { s: shareId, id: lent.id })
    expect(textOf(detail.querySelector('.shared-lent'))).toBe('已借出')
    expect(textOf(detail.querySelector('.series-label'))).toBe('《三体》2')
    const text = textOf(detail)
    for (const secret of ['神秘借书人', '2025-01-02', '2025-01-09', '借阅记录']) expect(text).not.toContain(secret)
    expect(detail.querySelector('.lend-button')).toBeFalsy()
    expect(detail.querySelector('.current-loan')).toBeFalsy()

    // And the function never sent it: not in what the page holds either.
    expect(JSON.stringify(pageOf(detail).data)).not.toContain('神秘借书人')
    const raw = await callAs(emulator.url, friend, { action: 'getSharedBook', shareId, id: kept.id })
    expect(raw.ok && raw.data.lent).toBe(false)
  })
})
