// Workbooks as spreadsheet programs save them: numbers, dates and flags as typed cells rather than
// text (a Goodreads or our own export opened in Excel and saved as .xlsx).
import writeXlsxFile from 'write-excel-file/node'
import type { Book } from '../../../../typings/api'
import { writeCsv } from '../../../../cloudfunctions/bookcase/src/transfer/exportFile'
import { readImportFile } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'
import { parse } from 'csv-parse/sync'

type Cell = { value: string | number | boolean | Date; type: unknown; format?: string } | null
const str = (value: string): Cell => (value === '' ? null : { value, type: String })
const num = (value: number): Cell => ({ value, type: Number })
const date = (value: string): Cell => ({ value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy/mm/dd' })

test('a Goodreads export re-saved as .xlsx: ISBNs as numbers, dates as date cells', async () => {
  const header = ['Book Id', 'Title', 'Author', 'ISBN', 'ISBN13', 'My Rating', 'Number of Pages', 'Date Read', 'Date Added', 'Exclusive Shelf'].map(str)
  const rows: Cell[][] = [
    header,
    [num(1), str('三体'), str('刘慈欣'), num(7536692935), num(9787536692930), num(5), num(302), date('2024-03-09'), date('2024-01-02'), str('read')],
    [num(2), str('Dune'), str('Frank Herbert'), num(441013597), null, num(0), num(688), null, date('2023-12-31'), str('to-read')],
  ]
  const xlsx = await writeXlsxFile(rows as never, { sheet: 'goodreads_library_export' }).toBuffer()
  const file = await readImportFile(xlsx, 'goodreads.xlsx')
  expect(file.format).toBe('goodreads')
  expect(file.rows).toEqual([
    {
      row: 2,
      sheet: 'goodreads_library_export',
      book: { isbn: '9787536692930', title: '三体', authors: ['刘慈欣'], rating: 5, pageCount: 302, status: 'read', tags: [], finishedAt: '2024-03-09', addedAt: '2024-01-02' },
    },
    // The ISBN-10 lost its leading zero as a number; it is padded back.
    { row: 3, sheet: 'goodreads_library_export', book: { isbn: '0441013597', title: 'Dune', authors: ['Frank Herbert'], rating: null, pageCount: 688, status: 'want', tags: [], addedAt: '2023-12-31' } },
  ])
})

test('our CSV export re-saved as .xlsx, with flags and numbers as typed cells, reads back the same', async () => {
  const book: Book = {
    id: 'b1',
    source: 'manual',
    title: '见字如面',
    authors: ['佚名'],
    status: 'want',
    rating: 3,
    tags: ['信'],
    note: '',
    is_private: true,
    ownership: 'wanted',
    volume: 2,
    series: '书信',
    progress: { percent: 40 },
    loan: null,
    loans: [],
    createdAt: '2024-01-01T10:00:00.000Z',
    updatedAt: '2024-01-01T10:00:00.000Z',
  }
  const [header, record] = parse(writeCsv([book]).toString('utf8'), { bom: true }) as string[][]
  // What Excel makes of the CSV: ="…" evaluated to its text, numbers and TRUE/FALSE as typed cells.
  const typed = record.map((cell, i): Cell => {
    if (/^="(.*)"$/.test(cell)) return str(cell.slice(2, -1))
    if (header[i] === 'is_private') return { value: cell === 'true', type: Boolean }
    if (cell !== '' && /^\d+(\.\d+)?$/.test(cell) && header[i] !== 'ISBN13') return num(Number(cell))
    return str(cell)
  })
  const xlsx = await writeXlsxFile([header.map(str), typed] as never).toBuffer()
  const file = await readImportFile(xlsx, 'resaved.xlsx')
  expect(file.format).toBe('bookcase')
  const { id: _id, updatedAt: _u, createdAt, note: _note, ...fields } = book
  expect(file.rows).toEqual([{ row: 2, sheet: expect.any(String), book: { ...fields, addedAt: createdAt } }])
})
