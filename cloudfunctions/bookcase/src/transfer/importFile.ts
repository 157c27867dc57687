// An uploaded import file → its format and every data row mapped to our fields. Pure: the import action
// (actions/importBooks.ts) downloads the file, then validates, deduplicates and stores the rows.
import { LIMITS } from '../validation/fields'
import { readCsvTable } from './csvTable'
import { decodeText } from './decode'
import { IMPORT_FORMATS } from './formats'
import type { ImportFormatReader } from './formats/format'
import type { ImportFile, ImportRow } from './importedBook'
import { ImportFileError } from './importFileError'
import { Columns, isBlankRecord, type Table } from './table'
import { readWorkbookTables } from './workbookTables'

export type { ImportedBook, ImportFile, ImportRow } from './importedBook'
export { ImportFileError, type ImportFileErrorCode } from './importFileError'

/** How far down a table its header row may be (after blank or title rows). */
const HEADER_SEARCH_ROWS = 10
/** The rows of a CSV file or a sheet read at all, blank ones included: the data rows allowed, and as
 * many blank ones again. */
const MAX_TABLE_ROWS = HEADER_SEARCH_ROWS + 2 * LIMITS.importRows

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50
/** The OLE2 container of Excel 97–2003 .xls workbooks. */
const isLegacyXls = (bytes: Buffer) => bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))

interface FoundHeader {
  reader: ImportFormatReader
  columns: Columns
  /** Index of the header record in the table. */
  at: number
}

function findHeader(table: Table): FoundHeader | undefined {
  for (let at = 0; at < Math.min(table.records.length, HEADER_SEARCH_ROWS); at++) {
    if (isBlankRecord(table.records[at])) continue
    const columns = new Columns(table.records[at])
    const reader = IMPORT_FORMATS.find((format) => format.recognises(columns))
    if (reader) return { reader, columns, at }
  }
  return undefined
}

async function readTables(content: Buffer): Promise<Table[]> {
  if (isLegacyXls(content)) throw new ImportFileError('unreadable', 'Excel 97-2003 .xls workbooks are not supported: save as .xlsx or CSV')
  if (isZip(content)) return readWorkbookTables(content, MAX_TABLE_ROWS)
  return [readCsvTable(decodeText(content), MAX_TABLE_ROWS)]
}

/** Decodes (UTF-8 ± BOM, UTF-16 LE/BE, else strict UTF-8, else GB18030), detects the format from the
 * header row (of each workbook sheet; sheets without a known header are ignored), and maps every row.
 * Throws ImportFileError for a file it cannot read at all. `fileName` is only used in messages. */
export async function readImportFile(content: Buffer, fileName: string): Promise<ImportFile> {
  if (content.length > LIMITS.importBytes) {
    throw new ImportFileError('too_large', `${fileName} has ${content.length} bytes; at most ${LIMITS.importBytes} are imported`)
  }
  const tables = await readTables(content)
  const found = tables.map((table) => ({ table, header: findHeader(table) }))
  const first = found.find((entry) => entry.header)
  if (!first?.header) throw new ImportFileError('unknown_format', `${fileName}: no header row of a known export format`)

  let dataRows = 0
  for (const { table, header } of found) {
    if (header) dataRows += table.records.slice(header.at + 1).filter((record) => !isBlankRecord(record)).length
  }
  if (dataRows > LIMITS.importRows) {
    throw new ImportFileError('too_many_rows', `${fileName} has ${dataRows} data rows; at most ${LIMITS.importRows} are imported`)
  }

  const rows: ImportRow[] = []
  for (const { table, header } of found) {
    if (!header) continue
    const context = { sheet: table.sheet, source: table.source, columns: header.columns }
    for (let index = header.at + 1; index < table.records.length; index++) {
      const record = table.records[index]
      if (isBlankRecord(record)) continue
      const outcome = header.reader.read(header.columns.row(record), context)
      rows.push({ row: index + 1, ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), ...outcome })
    }
  }
  return { format: first.header.reader.format, rows }
}
