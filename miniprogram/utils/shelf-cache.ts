// The shelf's first screen, kept in wx storage so a launch paints the cards the reader saw last time at
// once and refreshes them in the background (stale-while-revalidate): a slow or unreachable gateway
// never shows an empty screen. wx storage belongs to one WeChat user of one Mini Program (the
// preview's wx shim keys it by OpenID the same way), so each reader has their own.
//
// Bounded: one entry, the first page of one view (at most MAX_CACHED_CARDS cards, at most
// MAX_CACHE_BYTES of JSON); a page that is bigger is not kept.
import type { BookCardView } from './book-view'
import { readStorage, writeStorage } from './storage'

const KEY = 'bookcase.shelfCache'
/** Bumped when BookCardView changes shape, so an older entry is ignored rather than half rendered. */
const FORMAT = 2
export const MAX_CACHED_CARDS = 20
export const MAX_CACHE_BYTES = 32 * 1024

export interface CachedShelfPage {
  items: BookCardView[]
  total: number
  hasMore: boolean
  /** When the function answered with this page (ms since epoch). */
  savedAt: number
}

interface StoredPage extends CachedShelfPage {
  v: typeof FORMAT
  /** Which listing this is (the listBooks parameters, as shelfViewKey makes them). */
  view: string
}

/** A stable key for a listing: its listBooks parameters, without the cursor. */
export function shelfViewKey(params: object): string {
  const entries = Object.entries(params).filter(([key, value]) => key !== 'cursor' && value !== undefined)
  return JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Storage another version (or anything else) wrote is not trusted to render. */
const isCard = (card: unknown): card is BookCardView =>
  typeof card === 'object' && card !== null && typeof (card as BookCardView).id === 'string' && typeof (card as BookCardView).title === 'string'

/** The stored entry when this version wrote it (items still to be checked card by card), else null. */
function readStored(): (Partial<StoredPage> & { items: unknown[] }) | null {
  const page = readStorage(KEY) as Partial<StoredPage> | null
  return page && page.v === FORMAT && Array.isArray(page.items) ? (page as Partial<StoredPage> & { items: unknown[] }) : null
}

/** The cached first page of `view`, or null when there is none for it. */
export function readShelfPage(view: string): CachedShelfPage | null {
  const page = readStored()
  if (!page || page.view !== view || !page.items.every(isCard)) return null
  return { items: page.items.slice(0, MAX_CACHED_CARDS), total: Number(page.total) || 0, hasMore: Boolean(page.hasMore), savedAt: Number(page.savedAt) || 0 }
}

/** Keeps the first page of `view` for the next launch; true when it was kept. */
export function saveShelfPage(view: string, page: Omit<CachedShelfPage, 'savedAt'>, now = Date.now()): boolean {
  const stored: StoredPage = { v: FORMAT, view, ...page, items: page.items.slice(0, MAX_CACHED_CARDS), savedAt: now }
  if (JSON.stringify(stored).length > MAX_CACHE_BYTES) return false
  return writeStorage(KEY, stored)
}

/** The cards of the cached first page, whatever its view (the settings page's share card uses them). */
export function cachedCards(): BookCardView[] {
  return readStored()?.items.filter(isCard).slice(0, MAX_CACHED_CARDS) ?? []
}
