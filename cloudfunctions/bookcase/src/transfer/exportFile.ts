// The shelf as files: CSV (UTF-8 with a BOM so Excel shows Chinese, CRLF, RFC 4180 quoting) and .xlsx
// (one sheet 书架, since wx.openDocument opens xlsx but not csv). Same columns in both
// (bookcaseColumns.ts); readImportFile reads either back as the 'bookcase' format.
import type { Book } from '../../../../typings/api'
import { BOOKCASE_COLUMNS } from './bookcaseColumns'
import { csvText } from './csvText'
import { excelText, guardFormula, type CellValue } from './exportCells'
import { writeXlsxSheet } from './xlsxSheet'

export const EXPORT_SHEET = '书架'

const HEADER = BOOKCASE_COLUMNS.map((column) => column.header)
const ISBN_COLUMNS = BOOKCASE_COLUMNS.map((column) => column.isbn === true)

/** Every book's cells, computed once per shelf: an export writes the same shelf as CSV and as xlsx,
 * and the column functions (JSON, days, ISBN-10) are a fair share of each writer's time. */
const cellsByShelf = new WeakMap<readonly Book[], CellValue[][]>()

function cellsOf(books: readonly Book[]): CellValue[][] {
  let cells = cellsByShelf.get(books)
  if (!cells) {
    cells = books.map((book) => BOOKCASE_COLUMNS.map((column) => column.write(book)))
    cellsByShelf.set(books, cells)
  }
  return cells
}

function csvCell(value: CellValue, isbn: boolean): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  return isbn ? excelText(value) : guardFormula(value)
}

/** The header, then each book's record, made as csvText takes it: no second copy of every cell. */
function* csvRecords(rows: CellValue[][]): Generator<readonly string[]> {
  yield HEADER
  for (const cells of rows) yield cells.map((value, i) => csvCell(value, ISBN_COLUMNS[i]))
}

export function writeCsv(books: readonly Book[]): Buffer {
  return Buffer.from(csvText(csvRecords(cellsOf(books))), 'utf8')
}

/** Columns wide enough to read, narrow for numbers and flags. */
const WIDTHS: Record<string, number> = { Title: 30, Author: 18, summary: 40, 'Private Notes': 30, coverUrl: 20, coverFileId: 20, loans: 20 }

/** Typed cells: text is a text cell, which Excel never runs as a formula, so it needs no guard. */
export async function writeXlsx(books: readonly Book[]): Promise<Buffer> {
  return writeXlsxSheet({ name: EXPORT_SHEET, header: HEADER, rows: cellsOf(books), widths: HEADER.map((name) => WIDTHS[name] ?? 12) })
}
