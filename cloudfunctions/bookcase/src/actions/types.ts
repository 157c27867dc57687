// What every action receives: its validated event and the caller, as the platform identified them.
import type { ActionData, ActionName } from '../../../../typings/api'
import type { ValidEvent } from '../validation/events'

export interface ActionContext {
  /** From cloud.getWXContext(), never from the event. */
  openid: string
  /** One clock reading per invocation. */
  now: Date
}

export type Action<A extends ActionName> = (event: ValidEvent<A>, context: ActionContext) => Promise<ActionData<A>>
