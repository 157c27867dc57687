// Event → validated event → the action of the same name. The table is the list of everything the
// function can do; every entry is one file under actions/.
import type { ActionData, ActionName } from '../../../typings/api'
import { addBook } from './actions/addBook'
import { addBooks } from './actions/addBooks'
import { exportBooks } from './actions/exportBooks'
import { getBook } from './actions/getBook'
import { getSharedBook } from './actions/getSharedBook'
import { getShelf } from './actions/getShelf'
import { getStats } from './actions/getStats'
import { importBooks } from './actions/importBooks'
import { lendBook } from './actions/lendBook'
import { listBooks } from './actions/listBooks'
import { listLocations } from './actions/listLocations'
import { listTags } from './actions/listTags'
import { lookup } from './actions/lookup'
import { prepareCoverUpload } from './actions/prepareCoverUpload'
import { removeBook } from './actions/removeBook'
import { returnBook } from './actions/returnBook'
import { rotateShareId } from './actions/rotateShareId'
import { setCover } from './actions/setCover'
import { startImport } from './actions/startImport'
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
  lendBook,
  returnBook,
  listLocations,
  getStats,
  startImport,
  importBooks,
  exportBooks,
  prepareCoverUpload,
  setCover,
}

/** Validates the event (INVALID_ARGUMENT otherwise) and runs its action. */
export async function route(event: unknown, context: ActionContext): Promise<ActionData<ActionName>> {
  const valid = parseEvent(event)
  const action = actions[valid.action] as Action<ActionName>
  return action(valid as ValidEvent<ActionName>, context)
}
