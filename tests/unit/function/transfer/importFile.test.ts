// readImportFile as a whole: formats told apart by their headers, row numbers, and the files it refuses.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import writeXlsxFile from 'write-excel-file/node'
import { readImportFile, ImportFileError } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'
import { LIMITS } from '../../../../cloudfunctions/bookcase/src/validation/fields'
import { GOODREADS_HEADER, goodreadsRows } from '../../../fixtures/import/generate'
import { bookAt, readFixture } from './fixtures'

async function refusal(content: Buffer, fileName = 'file.csv'): Promise<ImportFileError> {
  const error = await readImportFile(content, fileName).then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof ImportFileError)) throw new Error(`expected an ImportFileError, got ${String(error)}`)
  return error
}

describe('format detection', () => {
  test.each([
    ['goodreads.csv', 'goodreads'],
    ['goodreads-new.csv', 'goodreads'],
    ['utf16.csv', 'goodreads'],
    ['libib.csv', 'libib'],
    ['storygraph.csv', 'storygraph'],
    ['douban-userscript.csv', 'douban-csv'],
    ['douban-wishlist.csv', 'douban-csv'],
    ['douban-gbk.csv', 'douban-csv'],
    ['doufen.xlsx', 'douban-xlsx'],
  ])('%s is %s', async (name, format) => {
    expect((await readFixture(name)).format).toBe(format)
  })

  test("Excel's Unicode text (UTF-16, tabs) of a Goodreads export", async () => {
    const file = await readFixture('utf16.csv')
    expect(bookAt(file, 2)).toEqual({ isbn: '9787536692930', title: '三体', authors: ['刘慈欣'], status: 'read', rating: 5, tags: ['科幻'], addedAt: '2024-01-02' })
    expect(bookAt(file, 3)).toMatchObject({ authors: ['Haruki Murakami', 'Jay Rubin'], status: 'want', tags: ['日本'] })
  })

  test('columns in another order, with different case and spacing, still map by name', async () => {
    const csv = 'exclusive shelf, TITLE ,Book Id,My Rating\nread,Dune,1,4\n'
    const file = await readImportFile(Buffer.from(csv), 'x.csv')
    expect(file).toEqual({ format: 'goodreads', rows: [{ row: 2, book: { title: 'Dune', authors: [], status: 'read', rating: 4, tags: [] } }] })
  })

  test('a header below a title line is found; row numbers stay those of the file', async () => {
    const csv = `My books\n\n${GOODREADS_HEADER}\n1,Dune,Frank Herbert,,,,,0,,,,,,,,,,,to-read,,,,0,0\n`
    const file = await readImportFile(Buffer.from(csv), 'x.csv')
    expect(file.rows).toEqual([{ row: 4, book: expect.objectContaining({ title: 'Dune', status: 'want' }) }])
  })

  test('a header with no rows is an empty import', async () => {
    expect(await readImportFile(Buffer.from(GOODREADS_HEADER + '\r\n'), 'x.csv')).toEqual({ format: 'goodreads', rows: [] })
  })
})

describe('files it cannot read', () => {
  test.each([
    ['an empty file', ''],
    ['a CSV of something else', 'name,price\napple,3\n'],
    ['text that is no table', 'Hello, this is a letter.\nBest, Li'],
  ])('%s: unknown_format', async (_name, content) => {
    expect((await refusal(Buffer.from(content))).code).toBe('unknown_format')
  })

  test('more than 5 MiB: too_large, before anything is decoded', async () => {
    const content = Buffer.alloc(LIMITS.importBytes + 1, 'a')
    expect((await refusal(content)).code).toBe('too_large')
  })

  test('more than 10,000 data rows: too_many_rows; exactly 10,000 read', async () => {
    expect((await refusal(goodreadsRows(LIMITS.importRows + 1))).code).toBe('too_many_rows')
    expect((await readImportFile(goodreadsRows(LIMITS.importRows), 'x.csv')).rows).toHaveLength(LIMITS.importRows)
  }, 30_000)

  test('millions of line breaks or one-letter lines: too_many_rows, without reading them all', async () => {
    for (const body of ['\n'.repeat(LIMITS.importBytes - 300), 'x\r\n'.repeat(1_500_000)]) {
      expect((await refusal(Buffer.from(`${GOODREADS_HEADER}\n${body}`))).code).toBe('too_many_rows')
    }
  }, 60_000)

  test('10,000 data rows with as many blank lines between them still read', async () => {
    const [header, ...rows] = goodreadsRows(LIMITS.importRows).toString('utf8').trimEnd().split('\n')
    const file = await readImportFile(Buffer.from([header, ...rows.map((row) => `${row}\n`)].join('\n')), 'gappy.csv')
    expect(file.rows).toHaveLength(LIMITS.importRows)
    expect(file.rows[1].row).toBe(4)
  }, 30_000)

  test('an old .xls workbook, a broken zip and a zip that is no workbook: unreadable', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect(await refusal(xls, 'old.xls')).toMatchObject({ code: 'unreadable', message: expect.stringContaining('.xls') })
    const zip = Buffer.from(zipSync({ 'notes.txt': strToU8('hello '.repeat(1000)) }))
    expect((await refusal(zip.subarray(0, 60), 'cut.xlsx')).code).toBe('unreadable')
    expect((await refusal(zip, 'notes.xlsx')).code).toBe('unreadable')
  })

  test('a workbook that inflates past the bound (a zip bomb): too_large, without inflating it all', async () => {
    const bomb = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 9 }))
    expect(bomb.length).toBeLessThan(LIMITS.importBytes)
    expect((await refusal(bomb, 'bomb.xlsx')).code).toBe('too_large')
  }, 60_000)

  test.each([
    ['XFD1', 'too_large'],
    ['IW2', 'too_large'],
    ['A1048576', 'too_many_rows'],
    ['B20011', 'too_many_rows'],
  ])('a workbook with one cell as far as %s (a grid the reader would fill): %s', async (reference, code) => {
    const text = (value: string) => ({ value, type: String })
    const parts = unzipSync(await writeXlsxFile([['Book Id', 'Title', 'Exclusive Shelf'].map(text)]).toBuffer())
    const row = reference.replace(/^[A-Z]+/, '')
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'])
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', `<row r="${row}"><c r="${reference}" t="inlineStr"><is><t>z</t></is></c></row></sheetData>`))
    expect((await refusal(Buffer.from(zipSync(parts)), 'far.xlsx')).code).toBe(code)
  })

  test.each([
    ['rows without references', '<row><c t="inlineStr"><is><t>z</t></is></c></row>'.repeat(20_010), 'too_many_rows'],
    ['a row of cells without references', `<row>${'<c t="inlineStr"><is><t>z</t></is></c>'.repeat(257)}</row>`, 'too_large'],
    ['a reference behind a long attribute', `<row r="2"><c ${'x="y" '.repeat(1000)}r="XFD2"/></row>`, 'unreadable'],
  ])('a workbook with %s: %s', async (_name, rows, code) => {
    const text = (value: string) => ({ value, type: String })
    const parts = unzipSync(await writeXlsxFile([['Book Id', 'Title', 'Exclusive Shelf'].map(text)]).toBuffer())
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'])
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', `${rows}</sheetData>`))
    expect((await refusal(Buffer.from(zipSync(parts)), 'far.xlsx')).code).toBe(code)
  })

  test('a workbook of many sheets that reach 20,010 rows only together: too_many_rows', async () => {
    const text = (value: string) => ({ value, type: String })
    const sheet = (name: string) => ({ sheet: name, data: [['Book Id', 'Title', 'Exclusive Shelf'].map(text), ...Array.from({ length: 2000 }, (_, i) => [String(i), 'Dune', 'read'].map(text))] })
    const workbook = await writeXlsxFile(Array.from({ length: 11 }, (_, i) => sheet(`s${i}`))).toBuffer()
    // Refused before the reader holds them all, not after (by the count of data rows).
    expect(await refusal(workbook, 'many.xlsx')).toMatchObject({ code: 'too_many_rows', message: expect.stringContaining('the sheets reach') })
  }, 30_000)

  test('a workbook reaching column IV and row 20,010 still reads', async () => {
    const text = (value: string) => ({ value, type: String })
    const parts = unzipSync(await writeXlsxFile([['Book Id', 'Title', 'Exclusive Shelf'].map(text), ['1', 'Dune', 'read'].map(text)]).toBuffer())
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'])
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', '<row r="20010"><c r="IV20010" t="inlineStr"><is><t>z</t></is></c></row></sheetData>'))
    const file = await readImportFile(Buffer.from(zipSync(parts)), 'wide.xlsx')
    expect(file.rows.map((r) => r.row)).toEqual([2, 20010])
  }, 30_000)

  test('XML entities in a workbook (billion laughs, an external file) are never expanded', async () => {
    const text = (value: string) => ({ value, type: String })
    const parts = unzipSync(await writeXlsxFile([['Book Id', 'Title', 'Exclusive Shelf', 'Author'].map(text), ['1', 'LAUGH', 'read', 'FILE'].map(text)]).toBuffer())
    const laughs = Array.from({ length: 8 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')
    const dtd = `<!DOCTYPE sst [<!ENTITY l0 "lol">${laughs}<!ENTITY file SYSTEM "file:///etc/passwd">]>`
    const shared = strFromU8(parts['xl/sharedStrings.xml'])
    parts['xl/sharedStrings.xml'] = strToU8(shared.replace('?>', `?>${dtd}`).replace('LAUGH', '&l8;').replace('FILE', '&file;'))
    const file = await readImportFile(Buffer.from(zipSync(parts)), 'evil.xlsx')
    expect(file.rows).toEqual([{ row: 2, sheet: expect.any(String), book: expect.objectContaining({ title: '&l8;', authors: ['&file;'] }) }])
  })

  test('a CSV with an unterminated quote: unreadable, with the reason', async () => {
    const csv = `${GOODREADS_HEADER}\n1,"Dune,Frank Herbert\n`
    expect(await refusal(Buffer.from(csv))).toMatchObject({ code: 'unreadable', message: expect.stringContaining('CSV') })
  })
})
