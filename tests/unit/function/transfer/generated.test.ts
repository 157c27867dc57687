// The generated large Goodreads export (tests/fixtures/import/generate.ts) reads back completely; parsing
// it is fast enough that an import slice is dominated by the database, not the file (the figures are in
// H3's import bench, not here).
import { readImportFile } from '../../../../cloudfunctions/bookcase/src/transfer/importFile'
import { toIsbn13 } from '../../../../cloudfunctions/bookcase/src/domain/isbn'
import { goodreadsRows, isbn13Of } from '../../../fixtures/import/generate'

test('isbn13Of gives valid ISBN-13s', () => {
  for (const n of [1, 42, 99_999_999]) expect(toIsbn13(isbn13Of(n))).toBe(isbn13Of(n))
})

test('5,000 generated rows read back as 5,000 Goodreads books', async () => {
  const file = await readImportFile(goodreadsRows(5000), 'big.csv')
  expect(file.format).toBe('goodreads')
  expect(file.rows).toHaveLength(5000)
  expect(file.rows.every((row) => 'book' in row)).toBe(true)
  const books = file.rows.map((row) => ('book' in row ? row.book : undefined))
  expect(books.filter((book) => book?.isbn).length).toBe(4500)
  expect(books[6]).toMatchObject({ note: 'Review of book 7.\n\nWorth it, mostly.', authors: ['Author 7'] })
  expect(books[3]).toMatchObject({ title: 'Generated Book 4', series: 'Series 4', volume: 5 })
})
