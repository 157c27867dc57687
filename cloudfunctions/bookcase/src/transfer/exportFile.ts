// The shelf as files: CSV (UTF-8 with a BOM so Excel shows Chinese, CRLF, RFC 4180 quoting) and .xlsx
// (one sheet 书架, since wx.openDocument opens xlsx but not csv). Same columns in both
// (bookcaseColumns.ts); readImportFile reads either back as the 'bookcase' format.
import { stringify } from 'csv-stringify/sync'
import writeXlsxFile from 'write-excel-file/node'
import type { Book } from '../../../../typings/api'
import { BOOKCASE_COLUMNS } from './bookcaseColumns'
import { excelText, guardFormula, type CellValue } from './exportCells'

export const EXPORT_SHEET = '书架'

const HEADER = BOOKCASE_COLUMNS.map((column) => column.header)

function csvCell(value: CellValue, isbn: boolean): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  return isbn ? excelText(value) : guardFormula(value)
}

export function writeCsv(books: Book[]): Buffer {
  const records = books.map((book) => BOOKCASE_COLUMNS.map((column) => csvCell(column.write(book), column.isbn === true)))
  const text = stringify([HEADER, ...records], { bom: true, record_delimiter: 'windows' })
  return Buffer.from(text, 'utf8')
}

/** Columns wide enough to read, narrow for numbers and flags. */
const WIDTHS: Record<string, number> = { Title: 30, Author: 18, summary: 40, 'Private Notes': 30, coverUrl: 20, coverFileId: 20, loans: 20 }

export async function writeXlsx(books: Book[]): Promise<Buffer> {
  const header = HEADER.map((value) => ({ value, fontWeight: 'bold' as const }))
  const rows = books.map((book) =>
    BOOKCASE_COLUMNS.map((column) => {
      const value = column.write(book)
      if (value === null) return null
      return typeof value === 'number' ? { value, type: Number } : { value, type: String }
    }),
  )
  return writeXlsxFile([header, ...rows], {
    sheet: EXPORT_SHEET,
    stickyRowsCount: 1,
    columns: HEADER.map((name) => ({ width: WIDTHS[name] ?? 12 })),
  }).toBuffer()
}
