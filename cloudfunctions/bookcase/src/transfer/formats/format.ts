// One import format: how to recognise its header row and how to map one of its data rows.
import type { ImportFormat } from '../../../../../typings/api'
import type { RowOutcome } from '../importedBook'
import type { Columns, RowCells, Table } from '../table'

export interface RowContext {
  /** The sheet the row is on (a workbook), which is the reading status for 豆伴's 读过 / 在读 / 想读. */
  sheet?: string
  source: Table['source']
  /** The header's columns: some formats tell their files apart by which columns they have. */
  columns: Columns
}

export interface ImportFormatReader {
  format: ImportFormat
  /** True when a header row names this format's own columns. */
  recognises(columns: Columns): boolean
  read(cells: RowCells, context: RowContext): RowOutcome
}

/** The skip for a row that names no book at all. */
export const noTitle: RowOutcome = { skip: { reason: 'no_title', detail: 'the row has neither a title nor an ISBN' } }
