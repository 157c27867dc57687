// exportBooks {}: the caller's whole shelf as CSV (UTF-8 with BOM, Goodreads columns plus ours) and .xlsx,
// written to their exports folder, each answered with a temporary download URL.
import { exportShelf } from '../domain/exports'
import type { Action } from './types'

export const exportBooks: Action<'exportBooks'> = async (_event, { openid, now }) => exportShelf(openid, now)
