// Our own export read back: every field a Book carries comes back from both the CSV and the xlsx file,
// whatever the text holds (formula characters, quotes, commas, line breaks, Chinese, emoji).
import fc from 'fast-check'
import type { Book, Loan } from '../../../../typings/api'
import { writeCsv, writeXlsx } from '../../../../cloudfunctions/bookcase/src/transfer/exportFile'
import { readImportFile, type ImportedBook } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'

/** Text as validation lets it through: no control characters but tab and line breaks, trimmed. */
const piece = fc.oneof(
  fc.constantFrom('=', '+', '-', '@', "'", '"', ',', ';', '\n', '\r\n', '\t', ' ', '  ', '书', '三体', '😀', 'é', '<br/>', '="1"', '[', '{'),
  // eslint-disable-next-line no-control-regex
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '')),
)
const text = (maxPieces = 8) =>
  fc
    .array(piece, { maxLength: maxPieces })
    .map((pieces) => pieces.join('').trim())
    .filter((s) => s.length > 0)
const oneLine = text().map((s) => s.replace(/[\r\n\t]+/g, ' ').trim()).filter((s) => s.length > 0)
const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
const instant = fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString())
const returned: fc.Arbitrary<Loan> = fc.record({ borrower: oneLine, lentAt: day, dueDate: fc.option(day, { nil: undefined }), returnedAt: day }, { requiredKeys: ['borrower', 'lentAt', 'returnedAt'] })
const current: fc.Arbitrary<Loan> = fc.record({ borrower: oneLine, lentAt: day, dueDate: day }, { requiredKeys: ['borrower', 'lentAt'] })

const bookArb: fc.Arbitrary<Book> = fc.record(
  {
    id: fc.string({ unit: fc.constantFrom(...'abcdef0123456789'), minLength: 8, maxLength: 8 }),
    source: fc.constantFrom('jisuapi', 'juhe', 'openlibrary', 'googlebooks', 'manual'),
    isbn: fc.constantFrom('9787536692930', '9780441013593', '9791090636071', '9780316129084'),
    title: text(),
    subtitle: text(),
    authors: fc.array(text(4), { maxLength: 3 }),
    publisher: text(),
    publishedDate: fc.constantFrom('2019', '2019-05', '2019-05-01'),
    pageCount: fc.integer({ min: 1, max: 100_000 }),
    coverUrl: fc.constantFrom('https://img1.doubanio.com/view/subject/l/public/s2768378.jpg', 'https://covers.openlibrary.org/b/id/1-L.jpg?a=1,2'),
    summary: text(20),
    language: fc.constantFrom('zh', 'en', 'zh-Hans'),
    status: fc.constantFrom('want', 'reading', 'read'),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    tags: fc.uniqueArray(oneLine, { maxLength: 4 }),
    note: fc.oneof(fc.constant(''), text(20)),
    is_private: fc.boolean(),
    ownership: fc.constantFrom('owned', 'wanted'),
    series: oneLine,
    volume: fc.integer({ min: 1, max: 19_998 }).map((n) => n / 2),
    location: oneLine,
    progress: fc.oneof(fc.constant(null), fc.record({ page: fc.integer({ min: 0, max: 100_000 }) }), fc.record({ percent: fc.double({ min: 0, max: 100, noNaN: true }) })),
    startedAt: day,
    finishedAt: day,
    coverFileId: fc.constant('cloud://env-1.6465-env-1/covers/u1/b1.jpg'),
    loan: fc.option(current, { nil: null }),
    loans: fc.array(returned, { maxLength: 3 }),
    createdAt: instant,
    updatedAt: instant,
  },
  {
    requiredKeys: ['id', 'source', 'title', 'authors', 'status', 'rating', 'tags', 'note', 'is_private', 'ownership', 'progress', 'loan', 'loans', 'createdAt', 'updatedAt'],
  },
) as fc.Arbitrary<Book>

/** What an import of the exported book must give back: every field but the id and updatedAt, which a new
 * book gets anew, with createdAt as addedAt. */
function expected(book: Book): ImportedBook {
  const { id: _id, updatedAt: _updatedAt, createdAt, note, ...fields } = book
  return { ...fields, ...(note ? { note } : {}), addedAt: createdAt }
}

describe('export → import round trip', () => {
  test.each([
    ['CSV', async (books: Book[]) => writeCsv(books), 'bookcase.csv', 100],
    // A workbook is a zip of XML files: ~50 ms a run to write and read.
    ['xlsx', writeXlsx, 'bookcase.xlsx', 30],
  ] as const)('%s gives back every field', async (_kind, write, fileName, numRuns) => {
    await fc.assert(
      fc.asyncProperty(fc.array(bookArb, { minLength: 1, maxLength: 5 }), async (books) => {
        const file = await readImportFile(await write(books), fileName)
        expect(file.format).toBe('bookcase')
        expect(file.rows.map((row) => ('book' in row ? row.book : row))).toEqual(books.map(expected))
        expect(file.rows.map((row) => row.row)).toEqual(books.map((_, i) => i + 2))
      }),
      { numRuns },
    )
  }, 30_000)
})
