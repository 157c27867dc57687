// ISBN cells as files hold them. The action checks the checksum (domain/isbn.ts); here the cell is only
// unwrapped: Goodreads' ="0441013597" (which keeps Excel from reading it as a number), hyphens and
// spaces, and leading zeros that Excel dropped from an ISBN-10 column.

export type IsbnCell = { isbn?: string } | { invalid: string }

/** Excel's text-formula quoting, ="...", as Goodreads and our own CSV export write ISBNs. */
export const unwrapExcelText = (cell: string) => cell.trim().replace(/^="(.*)"$/s, '$1')

const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i

/** Reads one ISBN cell. `isbn10` marks an ISBN-10 column, where a number of 7–9 digits is an ISBN-10
 * whose leading zeros a spreadsheet dropped. Excel's scientific notation (9.78704E+12) has lost digits
 * for good: the row cannot be matched by ISBN and is reported. */
export function isbnCell(cell: string, options: { isbn10?: boolean } = {}): IsbnCell {
  const value = unwrapExcelText(cell).replace(/[\s-]/g, '').toUpperCase()
  if (!value) return {}
  if (SCIENTIFIC.test(value)) {
    return { invalid: `ISBN "${cell.trim()}" is in scientific notation (the file was re-saved by a spreadsheet); its digits are lost` }
  }
  if (options.isbn10 && /^\d{7,9}$/.test(value)) return { isbn: value.padStart(10, '0') }
  return { isbn: value }
}

/** The first cell that holds a usable ISBN, in the order given (ISBN-13 columns first); else the first
 * unusable one, so the row is reported; else none. */
export function firstIsbn(...cells: IsbnCell[]): IsbnCell {
  return cells.find((cell) => 'isbn' in cell && cell.isbn) ?? cells.find((cell) => 'invalid' in cell) ?? {}
}
