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

export function readCsvTable(text: string): Table {
  try {
    const records: string[][] = parse(text, {
      bom: true,
      delimiter: guessDelimiter(text.slice(0, 65_536).trimStart()),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    })
    return { source: 'csv', records }
  } catch (error) {
    throw new ImportFileError('unreadable', `not a readable CSV file: ${(error as Error).message}`)
  }
}
