// The event schema: one strict object per action, told apart by `action`. An event that does not match
// exactly (unknown action or key, wrong type, operator-shaped object, oversized value) never gets past
// parseEvent, so nothing unvalidated reaches an action or the database.
import { z } from 'zod'
import type { ActionName, ActionParams } from '../../../../typings/api'
import { AppError } from '../errors'
import * as f from './fields'

/** The platform injects `userInfo` ({appId, openId}) into client calls: accepted, never used. */
const platform = { userInfo: z.unknown().optional() }

const action = <A extends ActionName, S extends z.ZodRawShape>(name: A, shape: S) =>
  z.strictObject({ action: z.literal(name), ...platform, ...shape })

const lookup = action('lookup', { isbn: f.isbnInput })
const addBook = action('addBook', {
  isbn: f.isbnInput.optional(),
  book: f.manualBook.optional(),
  ...f.readerFields,
}).refine((event) => (event.isbn === undefined) !== (event.book === undefined), 'give exactly one of isbn or book')
const addBooks = action('addBooks', {
  isbns: z.array(f.isbnInput).min(1).max(f.LIMITS.batchIsbns),
  status: f.status.optional(),
  is_private: f.isPrivate.optional(),
})
const listBooks = action('listBooks', {
  pageSize: f.pageSize.optional(),
  cursor: f.cursor.optional(),
  sort: f.sort.optional(),
  ...f.listFilters,
})
const getBook = action('getBook', { id: f.bookId })
const updateBook = action('updateBook', { id: f.bookId, patch: f.bookPatch })
const removeBook = action('removeBook', { id: f.bookId })
const getShelf = action('getShelf', {})
const updateShelf = action('updateShelf', {
  isPublic: z.boolean().optional(),
  name: f.requiredText(f.LIMITS.shelfName).optional(),
})
const rotateShareId = action('rotateShareId', {})
const listTags = action('listTags', {})
const viewSharedShelf = action('viewSharedShelf', {
  shareId: f.shareId,
  pageSize: f.pageSize.optional(),
  cursor: f.cursor.optional(),
  q: f.query.optional(),
})
const getSharedBook = action('getSharedBook', { shareId: f.shareId, id: f.bookId })
const lendBook = action('lendBook', { id: f.bookId, borrower: f.borrower, lentAt: f.day.optional(), dueDate: f.day.optional() })
const returnBook = action('returnBook', { id: f.bookId, returnedAt: f.day.optional() })
const listLocations = action('listLocations', {})
const getStats = action('getStats', { year: f.year })
const startImport = action('startImport', { fileName: f.importFileName, is_private: f.isPrivate.optional() })
const importBooks = action('importBooks', { jobId: f.jobId })
const exportBooks = action('exportBooks', {})
const prepareCoverUpload = action('prepareCoverUpload', { id: f.bookId, extension: f.coverExtension })
const setCover = action('setCover', { id: f.bookId, fileID: f.fileId.nullable() })

const schemas = {
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

/** The validated event of action A (userInfo dropped). */
export type ValidEvent<A extends ActionName = ActionName> = A extends ActionName
  ? Omit<z.output<(typeof schemas)[A]>, 'userInfo'>
  : never

// Compile-time check that the schemas and the contract in typings/ agree: every request the contract
// allows has the shape its schema expects.
type Accepts<A extends ActionName> = ActionParams<A> & { action: A } extends Omit<z.input<(typeof schemas)[A]>, 'userInfo'> ? never : A
type Mismatched = { [A in ActionName]: Accepts<A> }[ActionName]
/** Fails to compile, naming the action, if a schema refuses a request its contract type allows. */
export const SCHEMAS_MATCH_CONTRACT: [Mismatched] extends [never] ? true : Mismatched = true

const isActionName = (value: unknown): value is ActionName =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(schemas, value)

/** Validates an event strictly; throws INVALID_ARGUMENT with a short, value-free message otherwise. */
export function parseEvent(event: unknown): ValidEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new AppError('INVALID_ARGUMENT', 'the event must be an object')
  }
  const name = (event as { action?: unknown }).action
  if (!isActionName(name)) throw new AppError('INVALID_ARGUMENT', 'unknown action')
  const result = schemas[name].safeParse(event)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'event'
    throw new AppError('INVALID_ARGUMENT', `${where}: ${issue.message}`.slice(0, 200))
  }
  const { userInfo: _ignored, ...valid } = result.data
  return valid as ValidEvent
}
