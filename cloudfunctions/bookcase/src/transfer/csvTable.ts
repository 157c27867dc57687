// CSV text → Table, with csv-parse (quoted fields with commas, quotes and line breaks; Douban's userscript
// puts a trailing comma on every data row, hence relax_column_count).
import { parse } from 'csv-parse/sync'
import { ImportFileError } from './importFileError'
import type { Table } from './table'

const DELIMITERS = [',', '\t', ';'] as const

/** The header line's delimiter: Excel's "Unicode text" uses tabs and some locales semicolons. Counted
 * outside quotes; a comma wins ties. */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1)
  }
  return DELIMITERS.reduce((best, d) => ((counts.get(d) ?? 0) > (counts.get(best) ?? 0) ? d : best), ',' as string)
}

/** Reads at most `maxRecords` records (blank lines count): csv-parse spends a while on every record
 * shorter or longer than the header (blank lines, Douban's trailing commas), so a file of millions of
 * line breaks must stop early. */
export function readCsvTable(text: string, maxRecords: number): Table {
  let records: string[][]
  try {
    records = parse(text, {
      bom: true,
      delimiter: guessDelimiter(text.slice(0, 65_536).trimStart()),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: maxRecords + 1,
    })
  } catch (error) {
    throw new ImportFileError('unreadable', `not a readable CSV file: ${(error as Error).message}`)
  }
  if (records.length > maxRecords) throw new ImportFileError('too_many_rows', `more than ${maxRecords} rows, blank ones included`)
  return { source: 'csv', records }
}
