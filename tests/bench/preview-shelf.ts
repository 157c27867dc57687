// What the preview benches (preview, first-screen) share: a 10k-book shelf dump for the emulator's
// --import, built with the function's own document code, and the page-side timer of the first cards.
import { EJSON } from 'bson'
import { writeFileSync } from 'fs'
import { buildBookDocument, randomBookId, type NewBook } from '../../cloudfunctions/bookcase/src/domain/bookDocument'

export const SHELF_BOOKS = 10_000

/** Writes `SHELF_BOOKS` books of `openid`, added a minute apart, as an --import dump; `book` gives the i-th's fields. */
export function writeShelfDump(file: string, openid: string, book: (i: number) => Pick<NewBook, 'metadata' | 'reader'>): void {
  const start = Date.UTC(2020, 0, 1)
  const books = Array.from({ length: SHELF_BOOKS }, (_, i) =>
    EJSON.serialize(buildBookDocument({ id: randomBookId(), openid, source: 'manual', now: new Date(start + i * 60_000), ...book(i) }), { relaxed: true }),
  )
  writeFileSync(file, JSON.stringify({ collections: { books } }))
}

/** Installed before the app (page.addInitScript): records when the 20th card is in the DOM and a frame has been painted. */
export function watchFirstCards(): void {
  const w = window as unknown as { __cardsPaintedAt?: number }
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('wx-page:not([hidden]) components-book-card').length < 20) return
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => (w.__cardsPaintedAt = performance.now())))
  })
  observer.observe(document, { childList: true, subtree: true })
}
