// Rebuilds the local set of owned ISBNs (utils/owned-isbns.ts) from the shelf itself: every listBooks
// page, at the largest page size the function allows. One rebuild at a time; a failure (offline)
// leaves the old set as it was.
import { call } from '../services/api'
import { LIMITS } from './limits'
import { needsRebuild, replaceOwned } from './owned-isbns'

let running: Promise<boolean> | null = null

/** Rebuilds the set when it needs it; resolves true when the set is now fresh. */
export function refreshOwnedIsbns(force = false): Promise<boolean> {
  if (!force && !needsRebuild()) return Promise.resolve(true)
  running ??= rebuild().finally(() => {
    running = null
  })
  return running
}

async function rebuild(): Promise<boolean> {
  const isbns: string[] = []
  let cursor: string | undefined
  try {
    do {
      const page = await call('listBooks', { pageSize: LIMITS.maxPageSize, ...(cursor ? { cursor } : {}) })
      for (const book of page.items) if (book.isbn) isbns.push(book.isbn)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
  } catch {
    return false
  }
  replaceOwned(isbns)
  return true
}
