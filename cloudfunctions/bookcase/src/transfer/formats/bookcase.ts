// Our own export (exportFile.ts), read back losslessly: every field from its own column.
import { BOOKCASE_COLUMNS, BOOKCASE_SIGNATURE } from '../bookcaseColumns'
import { unguardFormula } from '../exportCells'
import type { ImportedBook } from '../importedBook'
import { unwrapExcelText } from '../isbnCell'
import { noTitle, type ImportFormatReader } from './format'

const READ_COLUMNS = BOOKCASE_COLUMNS.filter((column) => column.read)

export const bookcase: ImportFormatReader = {
  format: 'bookcase',
  recognises: (columns) => columns.has(...BOOKCASE_SIGNATURE),
  read(cells, { source }) {
    const book: ImportedBook = { authors: [] }
    for (const column of READ_COLUMNS) {
      const raw = cells(column.header)
      const cell = column.isbn ? unwrapExcelText(raw) : source === 'csv' ? unguardFormula(raw) : raw
      if (cell === '') continue
      const restored = column.read?.(cell) ?? {}
      if ('problem' in restored) return { skip: { reason: 'invalid_value', detail: `${column.header}: ${restored.problem}` } }
      Object.assign(book, restored)
    }
    if (!book.title?.trim() && !book.isbn) return noTitle
    return { book }
  },
}
