// Reads a fixture of tests/fixtures/import/ through readImportFile.
import { readFileSync } from 'fs'
import path from 'path'
import { readImportFile, type ImportFile, type ImportedBook } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'

export const fixturePath = (name: string) => path.join(__dirname, '../../../fixtures/import', name)

export const readFixture = (name: string): Promise<ImportFile> => readImportFile(readFileSync(fixturePath(name)), name)

/** The mapped book of row `row` (fails the test if that row was skipped or is missing). */
export function bookAt(file: ImportFile, row: number, sheet?: string): ImportedBook {
  const found = file.rows.find((r) => r.row === row && r.sheet === sheet)
  if (!found || !('book' in found)) throw new Error(`row ${row} has no book: ${JSON.stringify(found)}`)
  return found.book
}
