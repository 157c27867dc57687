// A workbook is a zip archive, and a 5 MiB zip can inflate to gigabytes (a "zip bomb"). The xlsx
// reader inflates every part it needs in memory, so the parts' real sizes are counted first, while
// inflating and stopping at the bound: the sizes an archive declares may lie.
import { Unzip, UnzipInflate } from 'fflate'

/** What the reader may inflate: far above a 10,000-row workbook of 5 MiB (its XML compresses about
 * tenfold), far below what the function's memory holds. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024

const PUSH_BYTES = 16 * 1024

/** True when every entry of the archive inflates to at most `limit` bytes in all. */
export function inflatesWithin(archive: Uint8Array, limit = MAX_INFLATED_BYTES): boolean {
  let total = 0
  let over = false
  const unzip = new Unzip((entry) => {
    entry.ondata = (error, chunk) => {
      if (error) throw error
      total += chunk.length
      if (total > limit && !over) {
        over = true
        entry.terminate()
      }
    }
    if (!over) entry.start()
  })
  unzip.register(UnzipInflate)
  // Deflate inflates at most ~1,000-fold: small pushes bound what one step can inflate past the limit.
  for (let at = 0; at < archive.length && !over; at += PUSH_BYTES) {
    unzip.push(archive.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= archive.length)
  }
  return !over
}
