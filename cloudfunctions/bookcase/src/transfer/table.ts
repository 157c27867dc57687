// What every import file becomes before a format maps it: a grid of text cells, one grid per CSV file
// or per workbook sheet. Formats find their columns by name, never by position, since exports add and
// drop columns over time.

export interface Table {
  /** The workbook sheet's name; absent for a CSV file. */
  sheet?: string
  /** 'csv' cells may carry the export's formula guard (see exportCells.ts); 'xlsx' cells never do. */
  source: 'csv' | 'xlsx'
  /** Every record in file order, blank ones included, so index + 1 is the row a spreadsheet shows. */
  records: string[][]
}

/** Header names as compared: trimmed, lower case, inner spaces collapsed, stray BOMs removed. */
export const headerKey = (name: string) => name.replace(/\ufeff/g, '').trim().replace(/\s+/g, ' ').toLowerCase()

/** A header row's column positions by name (the first of repeated names wins). */
export class Columns {
  private readonly positions = new Map<string, number>()
  /** Positions by the names formats ask for, as asked: each name is normalised once, not per row. */
  private readonly asked = new Map<string, number | undefined>()

  constructor(header: string[]) {
    header.forEach((name, index) => {
      const key = headerKey(name)
      if (key && !this.positions.has(key)) this.positions.set(key, index)
    })
  }

  has(...names: string[]): boolean {
    return names.every((name) => this.positions.has(headerKey(name)))
  }

  private position(name: string): number | undefined {
    if (!this.asked.has(name)) this.asked.set(name, this.positions.get(headerKey(name)))
    return this.asked.get(name)
  }

  /** A reader of one record's cells by column name: '' for a column the file does not have. */
  row(cells: string[]): RowCells {
    return (name) => {
      const index = this.position(name)
      return index === undefined ? '' : (cells[index] ?? '')
    }
  }
}

export type RowCells = (columnName: string) => string

export const isBlankRecord = (cells: string[]) => cells.every((cell) => cell.trim() === '')
