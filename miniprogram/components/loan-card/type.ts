// loan-card's properties and events (see utils/component-types.ts).
import type { LoanView } from '../../utils/loan'
import type { BooleanProp, ComponentEvent, ObjectProp } from '../../utils/component-types'

export type LoanCardProps = {
  /** The book's current loan (utils/loan.ts). */
  loan: ObjectProp<LoanView | Record<string, never>>
  /** The return is being saved: the button spins and takes no second tap. */
  busy: BooleanProp
}

export interface LoanCardEvents {
  /** 已归还 tapped; the page confirms and calls returnBook. */
  return: Record<string, never>
}

export type LoanCardReturnEvent = ComponentEvent<LoanCardEvents, 'return'>

export const loanCardProps: LoanCardProps = {
  loan: { type: Object, value: {} },
  busy: { type: Boolean, value: false },
}
