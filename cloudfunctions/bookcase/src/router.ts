// Event → validated event → the action of the same name. The table is the list of everything the
// function can do; every entry is one file under actions/.
import type { ActionData, ActionName } from '../../../typings/api'
import { addBook } from './actions/addBook'
import { addBooks } from './actions/addBooks'
import { getBook } from './actions/getBook'
import { getSharedBook } from './actions/getSharedBook'
import { getShelf } from './actions/getShelf'
import { listBooks } from './actions/listBooks'
import { listTags } from './actions/listTags'
import { lookup } from './actions/lookup'
import { removeBook } from './actions/removeBook'
import { rotateShareId } from './actions/rotateShareId'
import type { Action, ActionContext } from './actions/types'
import { updateBook } from './actions/updateBook'
import { updateShelf } from './actions/updateShelf'
import { viewSharedShelf } from './actions/viewSharedShelf'
import { parseEvent, type ValidEvent } from './validation/events'

const actions: { [A in ActionName]: Action<A> } = {
  lookup,
  addBook,
  addBooks,
  listBooks,
  getBook,
  updateBook,
  removeBook,
  getShelf,
  updateShelf,
  rotateShareId,
  listTags,
  viewSharedShelf,
  getSharedBook,
}

/** Validates the event (INVALID_ARGUMENT otherwise) and runs its action. */
export async function route(event: unknown, context: ActionContext): Promise<ActionData<ActionName>> {
  const valid = parseEvent(event)
  const action = actions[valid.action] as Action<ActionName>
  return action(valid as ValidEvent<ActionName>, context)
}
