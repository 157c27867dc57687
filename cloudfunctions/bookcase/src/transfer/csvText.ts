// Records → CSV text as Excel reads it: a UTF-8 BOM, CRLF after every record, and RFC 4180 quoting (a
// field holding a comma, a quote, CR or LF is quoted, its quotes doubled). This is exactly what
// csv-stringify writes with { bom: true, record_delimiter: 'windows', quote_record_delimiter: true }
// (tests/unit/function/transfer/csvText.test.ts checks it), without its per-field option handling,
// which was ~0.35 s of a 10,000-book export (tests/bench/import.bench.ts). Without that option, as the
// export had it, csv-stringify leaves a bare line break unquoted, and a two-line note split its record.
const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g

export const csvField = (field: string) => (NEEDS_QUOTES.test(field) ? `"${field.replace(QUOTE, '""')}"` : field)

export function csvText(records: Iterable<readonly string[]>): string {
  const lines = ['\uFEFF']
  for (const record of records) lines.push(record.map(csvField).join(','), '\r\n')
  return lines.join('')
}
