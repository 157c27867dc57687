// A loan as the book page and the cards show it: to whom, since when, until when, and whether it is
// overdue (due before today and not returned).
import type { Day, Loan } from '../../typings/api'
import { today } from './day'
import { LIMITS } from './limits'

export interface LoanView {
  borrower: string
  lentAt: Day
  /** '' when no due date was set. */
  dueDate: Day
  /** '' while the book is still out. */
  returnedAt: Day
  overdue: boolean
}

export function isOverdue(loan: Pick<Loan, 'dueDate' | 'returnedAt'> | null, on: Day = today()): boolean {
  return Boolean(loan && !loan.returnedAt && loan.dueDate && loan.dueDate < on)
}

export function toLoanView(loan: Loan, on: Day = today()): LoanView {
  return {
    borrower: loan.borrower,
    lentAt: loan.lentAt,
    dueDate: loan.dueDate ?? '',
    returnedAt: loan.returnedAt ?? '',
    overdue: isOverdue(loan, on),
  }
}

/** The 借出 form as the reader fills it in: dates as the pickers give them, '' for no due date. */
export interface LendForm {
  borrower: string
  lentAt: Day
  dueDate: Day
}

export function emptyLendForm(on: Day = today()): LendForm {
  return { borrower: '', lentAt: on, dueDate: '' }
}

/** lendBook's parameters from the form, or a Chinese message saying what to fix. */
export function lendRequest(form: LendForm): { borrower: string; lentAt: Day; dueDate?: Day } | string {
  const borrower = form.borrower.trim()
  if (!borrower) return '请填写借书人'
  if (borrower.length > LIMITS.borrower) return `借书人最多 ${LIMITS.borrower} 个字`
  if (form.dueDate && form.dueDate < form.lentAt) return '应还日期不能早于借出日期'
  return { borrower, lentAt: form.lentAt, ...(form.dueDate ? { dueDate: form.dueDate } : {}) }
}
