// The export's workbook writer as other readers see it: the parts Excel needs, a frozen bold header,
// column widths, shared strings that keep every character a cell may hold, and numbers as numbers.
import { strFromU8, unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/node'
import { columnLetters, escapeXml, writeXlsxSheet } from '../../../../cloudfunctions/bookcase/src/transfer/xlsxSheet'

const sheet = (rows: (string | number | null)[][], header = ['a', 'b', 'c']) => writeXlsxSheet({ name: '书架', header, rows, widths: header.map(() => 12) })
const parts = (xlsx: Buffer) => Object.fromEntries(Object.entries(unzipSync(xlsx)).map(([name, bytes]) => [name, strFromU8(bytes)]))

test('column letters run A…Z, AA…AZ, BA…', () => {
  expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
})

test('escapeXml escapes markup and CR, and drops what XML cannot hold', () => {
  expect(escapeXml('a & <b> "c"\r\n')).toBe('a &amp; &lt;b&gt; &quot;c&quot;&#13;\n')
  expect(escapeXml('x\u0000\u0008\u000b\u001fy\ufffe\tz')).toBe('xy\tz')
  expect(escapeXml('lone \ud800 high, lone \udc00 low, pair 😀')).toBe('lone  high, lone  low, pair 😀')
})

test('a workbook with the parts Excel opens, one sheet named as asked', () => {
  const files = parts(sheet([['x', 1, null]]))
  expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])
  expect(files['xl/workbook.xml']).toContain('<sheet name="书架" sheetId="1" r:id="rId1"/>')
  const xml = files['xl/worksheets/sheet1.xml']
  expect(xml).toContain('<dimension ref="A1:C2"/>')
  expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>')
  expect(xml).toContain('<col min="3" max="3" width="12" customWidth="1"/>')
  // The header is bold (cell format 1 uses font 1, which is <b/>); data cells are unstyled.
  expect(xml).toContain('<c r="A1" s="1" t="s"><v>0</v></c>')
  expect(xml).toContain('<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>1</v></c></row>')
  expect(files['xl/styles.xml']).toMatch(/<cellXfs count="2"><xf [^>]*\/><xf [^>]*fontId="1"[^>]*\/><\/cellXfs>/)
  expect(files['xl/styles.xml']).toMatch(/<fonts count="2"><font>(?:(?!<b\/>).)*<\/font><font><b\/>/)
})

test('text comes back as written: spaces, line breaks, markup, emoji; repeats share one string', async () => {
  const texts = ['  leading and trailing  ', 'CRLF\r\nand LF\n', '<a href="x">&amp;</a>', '😀 三体', '=1+1']
  const xlsx = sheet([texts.slice(0, 3), texts.slice(2, 5), ['三体', '三体', '三体']])
  const [{ data }] = await readXlsxFile(xlsx, { trim: false })
  expect(data).toEqual([['a', 'b', 'c'], texts.slice(0, 3), texts.slice(2, 5), ['三体', '三体', '三体']])
  const sst = parts(xlsx)['xl/sharedStrings.xml']
  expect(sst.match(/<si>/g)).toHaveLength(3 + 5 + 1)
  expect(sst).toContain('<t xml:space="preserve">  leading and trailing  </t>')
})

test('numbers are number cells; empty and non-finite cells are left out', async () => {
  const xlsx = sheet([[0, -1.5, null], [Number.NaN, Infinity, '']])
  const [{ data }] = await readXlsxFile(xlsx, { trim: false })
  expect(data[1]).toEqual([0, -1.5, null])
  expect(data.length === 2 || data[2].every((cell) => cell === null)).toBe(true)
  expect(parts(xlsx)['xl/worksheets/sheet1.xml']).not.toMatch(/NaN|Infinity/)
})

test('an empty sheet is its header alone', async () => {
  const xlsx = sheet([])
  expect(parts(xlsx)['xl/worksheets/sheet1.xml']).toContain('<dimension ref="A1:C1"/>')
  expect((await readXlsxFile(xlsx))[0].data).toEqual([['a', 'b', 'c']])
})
