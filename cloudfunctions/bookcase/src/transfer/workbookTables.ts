// An .xlsx workbook → one Table per sheet, with read-excel-file. Cells become text as a reader would
// type them: numbers in full (an ISBN stored as a number keeps its digits), dates as days, flags as
// true/false.
import readXlsxFile from 'read-excel-file/node'
import { ImportFileError } from './importFileError'
import { checkWorkbook, MAX_COLUMNS, MAX_INFLATED_BYTES } from './workbookGuard'
import type { Table } from './table'

type CellValue = string | number | boolean | Date | null

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ''
    const iso = value.toISOString()
    // Spreadsheet dates have no time zone: read-excel-file gives them as UTC.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  return String(value)
}

/** Reads every sheet of at most `maxRows` rows (blank ones included). */
export async function readWorkbookTables(bytes: Buffer, maxRows: number): Promise<Table[]> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>
  try {
    checkWorkbook(bytes, { inflatedBytes: MAX_INFLATED_BYTES, rows: maxRows, columns: MAX_COLUMNS })
    sheets = await readXlsxFile(bytes, { trim: false })
  } catch (error) {
    if (error instanceof ImportFileError) throw error
    throw new ImportFileError('unreadable', `not a readable .xlsx workbook: ${(error as Error).message}`)
  }
  return sheets.map(({ sheet, data }) => ({
    sheet,
    source: 'xlsx' as const,
    records: data.map((row) => row.map((value) => cellText(value as CellValue))),
  }))
}
