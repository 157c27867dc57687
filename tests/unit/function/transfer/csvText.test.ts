// The export's CSV writer against csv-stringify, the library it stands in for on the hot path, and
// against csv-parse reading it back.
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { csvField, csvText } from '../../../../cloudfunctions/bookcase/src/transfer/csvText'

// Fields rich in what CSV has to quote.
const field = fc.oneof(fc.string({ unit: fc.constantFrom('a', '三', ',', '"', '\r', '\n', ' ', "'", '=', '\t') }), fc.string({ unit: 'grapheme' }))
const records = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 8 })

// csv-stringify quotes a field holding CR or LF only when asked to (quote_record_delimiter) once a
// record_delimiter is set: without it such a field, a note of two lines, ends the record early.
test('an unquoted line break is what csv-stringify left in the export, and what csvText never writes', () => {
  expect(stringify([['two\nlines', 'x']], { bom: true, record_delimiter: 'windows' })).toBe('\uFEFFtwo\nlines,x\r\n')
  expect(csvText([['two\nlines', 'x']])).toBe('\uFEFF"two\nlines",x\r\n')
})

test('byte for byte what csv-stringify writes with a BOM, CRLF and line breaks quoted', () => {
  fc.assert(
    fc.property(records, (rows) => {
      expect(csvText(rows)).toBe(stringify(rows, { bom: true, record_delimiter: 'windows', quote_record_delimiter: true }))
    }),
    { numRuns: 500 },
  )
})

test('csv-parse reads back the records written', () => {
  fc.assert(
    fc.property(records, (rows) => {
      // A record of one empty field is a blank line, which a reader skips.
      const kept = rows.filter((row) => row.length > 1 || row[0] !== '')
      expect(parse(csvText(rows), { bom: true, skip_empty_lines: true, relax_column_count: true })).toEqual(kept)
    }),
    { numRuns: 300 },
  )
})

test('quotes exactly the fields with a comma, quote, CR or LF, doubling quotes', () => {
  expect(['plain', '三体 刘慈欣', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', ''].map(csvField)).toEqual(['plain', '三体 刘慈欣', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"', ''])
  expect(csvText([['a', 'b'], ['', 'c']])).toBe('\uFEFFa,b\r\n,c\r\n')
  expect(csvText([])).toBe('\uFEFF')
})
