// Cell text → typed values, shared by every format. Each returns undefined for an empty or unusable
// cell, so a format simply leaves that field out (the action's defaults apply).

/** One line of text: trimmed, runs of spaces (Goodreads' "Douglas  Adams") collapsed. */
export const oneLine = (cell: string) => cell.replace(/\s+/g, ' ').trim()

/** Free text (notes, reviews, summaries): HTML line breaks (Goodreads' reviews) become newlines,
 * Windows line ends become \n, and the whole is trimmed. */
export const freeText = (cell: string) =>
  cell
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/\r\n?/g, '\n')
    .trim()

/** Several free-text cells (a review and private notes: both the reader's own words) as one text, a
 * blank line between them. */
export const joinedText = (...cells: string[]) => cells.map(freeText).filter(Boolean).join('\n\n')

/** A list in one cell ("a, b, c"): each item on one line, empty and repeated items dropped. */
export function list(cell: string, separator: string | RegExp): string[] {
  const items = cell.split(separator).map(oneLine).filter(Boolean)
  return [...new Set(items)]
}

/** A whole number ≥ 1 ("352", "352.0"), else undefined. */
export function positiveInteger(cell: string): number | undefined {
  const trimmed = cell.trim()
  if (!/^\d+(\.0+)?$/.test(trimmed)) return undefined
  const value = Number(trimmed)
  return value >= 1 ? value : undefined
}

/** A star rating to our 1–5 whole stars: 0 means unrated (Goodreads writes 0 for every unrated book),
 * fractions (StoryGraph's 4.75) round to the nearest star, halves up, and never below one star. */
export function stars(cell: string): number | null | undefined {
  const trimmed = cell.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined
  const value = Number(trimmed)
  if (value === 0) return null
  return Math.min(5, Math.max(1, Math.round(value)))
}

/** Yes/no cells as apps write them. */
export function yesNo(cell: string): boolean | undefined {
  const value = cell.trim().toLowerCase()
  if (['yes', 'y', 'true', '1', '是'].includes(value)) return true
  if (['no', 'n', 'false', '0', '否'].includes(value)) return false
  return undefined
}

/** The Douban subject id from a link such as https://book.douban.com/subject/1084336/. */
export function doubanSubjectId(cell: string): string | undefined {
  return /douban\.com\/subject\/(\d{1,12})/.exec(cell)?.[1] ?? /^\s*(\d{1,12})\s*$/.exec(cell)?.[1]
}
