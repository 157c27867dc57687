// The export files as other programs see them: Excel (BOM, CRLF, quoting, no formulas run, ISBNs kept
// as text), Goodreads-compatible columns, and a workbook the xlsx reader opens.
import { parse } from 'csv-parse/sync'
import readXlsxFile from 'read-excel-file/node'
import type { Book } from '../../../../typings/api'
import { EXPORT_SHEET, writeCsv, writeXlsx } from '../../../../cloudfunctions/bookcase/src/transfer/exportFile'
import { readImportFile } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'

const book = (over: Partial<Book> = {}): Book => ({
  id: 'b1',
  source: 'jisuapi',
  isbn: '9787536692930',
  title: '三体',
  authors: ['刘慈欣', 'Ken Liu'],
  publisher: '重庆出版社',
  publishedDate: '2008-01',
  pageCount: 302,
  status: 'read',
  rating: 5,
  tags: ['科幻', '雨果奖'],
  note: '第一遍读完，\n"黑暗森林"更好看',
  is_private: false,
  ownership: 'owned',
  progress: null,
  finishedAt: '2024-03-09',
  loan: null,
  loans: [],
  createdAt: '2023-12-31T20:00:00.000Z', // 2024-01-01 in China
  updatedAt: '2024-03-09T00:00:00.000Z',
  ...over,
})

const records = (csv: Buffer) => parse(csv.toString('utf8'), { bom: true }) as string[][]
const column = (rows: string[][], name: string) => rows.slice(1).map((row) => row[rows[0].indexOf(name)])

describe('writeCsv', () => {
  test('UTF-8 with a BOM and CRLF line ends, a header row first', () => {
    const csv = writeCsv([book()])
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = csv.toString('utf8')
    expect(text.slice(1, text.indexOf('\r\n'))).toMatch(/^Title,Author,Additional Authors,ISBN,ISBN13,My Rating,/)
    // The note's own line break stays inside its quoted field; records end in CRLF.
    expect(text.endsWith('\r\n')).toBe(true)
    expect(records(csv)).toHaveLength(2)
  })

  test('Goodreads columns in Goodreads form', () => {
    const rows = records(writeCsv([book(), book({ status: 'want', rating: null, tags: [], ownership: 'wanted', finishedAt: undefined, isbn: undefined })]))
    expect(column(rows, 'Author')).toEqual(['刘慈欣', '刘慈欣'])
    expect(column(rows, 'Additional Authors')).toEqual(['Ken Liu', 'Ken Liu'])
    expect(column(rows, 'ISBN')).toEqual(['="7536692935"', ''])
    expect(column(rows, 'ISBN13')).toEqual(['="9787536692930"', ''])
    expect(column(rows, 'My Rating')).toEqual(['5', '0'])
    expect(column(rows, 'Exclusive Shelf')).toEqual(['read', 'to-read'])
    expect(column(rows, 'Bookshelves')).toEqual(['科幻, 雨果奖', 'to-read'])
    expect(column(rows, 'Date Read')).toEqual(['2024/03/09', ''])
    expect(column(rows, 'Date Added')).toEqual(['2024/01/01', '2024/01/01'])
    expect(column(rows, 'Year Published')).toEqual(['2008', '2008'])
    expect(column(rows, 'Owned Copies')).toEqual(['1', '0'])
    expect(column(rows, 'Private Notes')[0]).toBe('第一遍读完，\n"黑暗森林"更好看')
  })

  test('text Excel would run as a formula is guarded with an apostrophe', () => {
    const rows = records(writeCsv([book({ title: '=HYPERLINK("https://evil.example","点我")', note: '+1 好书', tags: ['@me', '-'], publisher: "'quoted" })]))
    expect(column(rows, 'Title')).toEqual([`'=HYPERLINK("https://evil.example","点我")`])
    expect(column(rows, 'Private Notes')).toEqual(["'+1 好书"])
    expect(column(rows, 'Publisher')).toEqual(["''quoted"])
    expect(column(rows, 'Bookshelves')).toEqual(["'@me, -"])
    for (const cell of rows.slice(1).flat()) expect(cell).not.toMatch(/^[+\-@\t\r]/)
    expect(rows.slice(1).flat().filter((cell) => cell.startsWith('='))).toEqual(['="7536692935"', '="9787536692930"'])
  })

  test('an empty shelf is a header row alone, which reads back as no rows', async () => {
    const csv = writeCsv([])
    expect(records(csv)).toHaveLength(1)
    expect(await readImportFile(csv, 'empty.csv')).toEqual({ format: 'bookcase', rows: [] })
  })
})

describe('writeXlsx', () => {
  test('one sheet 书架 with the same header and typed cells', async () => {
    const xlsx = await writeXlsx([book(), book({ title: '=1+1', pageCount: undefined })])
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK')
    const sheets = await readXlsxFile(xlsx)
    expect(sheets.map((s) => s.sheet)).toEqual([EXPORT_SHEET])
    const [header, first, second] = sheets[0].data
    expect(header).toEqual(records(writeCsv([]))[0])
    const cell = (row: typeof first, name: string) => row[header.indexOf(name)]
    expect(cell(first, 'ISBN13')).toBe('9787536692930') // text, not a number Excel would shorten
    expect(cell(first, 'Number of Pages')).toBe(302) // a number
    expect(cell(second, 'Number of Pages')).toBeNull()
    expect(cell(second, 'Title')).toBe('=1+1') // a text cell: never a formula, so no guard
  })
})
