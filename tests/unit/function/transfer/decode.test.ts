// Encodings readers' files come in: each decodes to the same text, and a whole Goodreads file in each reads.
import iconv from 'iconv-lite'
import { decodeText } from '../../../../cloudfunctions/bookcase/src/transfer/decode'
import { readImportFile } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'

const TEXT = '标题,作者\r\n三体,刘慈欣\r\n"Ulysses, annotated",James Joyce\r\n'
const bom = (bytes: number[], body: Buffer) => Buffer.concat([Buffer.from(bytes), body])

describe('decodeText', () => {
  test.each([
    ['UTF-8 without a BOM', Buffer.from(TEXT, 'utf8')],
    ['UTF-8 with a BOM', bom([0xef, 0xbb, 0xbf], Buffer.from(TEXT, 'utf8'))],
    ['UTF-16 LE with a BOM', bom([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le'))],
    ['UTF-16 BE with a BOM', bom([0xfe, 0xff], iconv.encode(TEXT, 'utf-16be'))],
    ['UTF-16 LE without a BOM', iconv.encode(TEXT, 'utf-16le')],
    ['UTF-16 BE without a BOM', iconv.encode(TEXT, 'utf-16be')],
    ['GBK (Excel on Chinese Windows)', iconv.encode(TEXT, 'gbk')],
    ['GB18030', iconv.encode(TEXT, 'gb18030')],
  ])('%s', (_name, bytes) => {
    expect(decodeText(bytes)).toBe(TEXT)
  })

  test('UTF-16 without a BOM whose text has characters with a zero byte of their own (一 is U+4E00)', () => {
    const text = '书名,作者\r\n一九八四,乔治·奥威尔\r\n一千零一夜,佚名\r\n'
    expect(decodeText(iconv.encode(text, 'utf-16le'))).toBe(text)
    expect(decodeText(iconv.encode(text, 'utf-16be'))).toBe(text)
  })

  test('GB18030 characters outside GBK (four-byte sequences) decode', () => {
    const rare = '𠀀 and € and 䶮'
    expect(decodeText(iconv.encode(rare, 'gb18030'))).toBe(rare)
  })

  test('text that is valid UTF-8 is never taken for GBK', () => {
    // These UTF-8 bytes would also decode as GBK (to different characters): strict UTF-8 wins.
    expect(decodeText(Buffer.from('中文', 'utf8'))).toBe('中文')
  })
})

describe('a Goodreads file in every encoding', () => {
  const header = 'Book Id,Title,Author,ISBN,ISBN13,My Rating,Exclusive Shelf,Date Added'
  const csv = `${header}\r\n1,三体,刘慈欣,"=""7536692935""","=""9787536692930""",5,read,2024/01/01\r\n`
  test.each([
    ['utf8', Buffer.from(csv)],
    ['utf8 + BOM', bom([0xef, 0xbb, 0xbf], Buffer.from(csv))],
    ['utf16le + BOM', bom([0xff, 0xfe], iconv.encode(csv, 'utf-16le'))],
    ['gbk', iconv.encode(csv, 'gbk')],
  ])('%s', async (_name, bytes) => {
    const file = await readImportFile(bytes, 'goodreads.csv')
    expect(file.format).toBe('goodreads')
    expect(file.rows).toEqual([{ row: 2, book: expect.objectContaining({ title: '三体', authors: ['刘慈欣'], isbn: '9787536692930', rating: 5 }) }])
  })

  test("Excel's Unicode text: UTF-16 with tabs between the columns", async () => {
    const tabbed = csv.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t')
    const file = await readImportFile(bom([0xff, 0xfe], iconv.encode(tabbed, 'utf-16le')), 'goodreads.txt')
    expect(file.rows).toEqual([{ row: 2, book: expect.objectContaining({ title: '三体', isbn: '9787536692930' }) }])
  })
})
