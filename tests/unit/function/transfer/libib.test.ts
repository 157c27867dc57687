import { bookAt, readFixture } from './fixtures'

describe('Libib export', () => {
  test('books map by column name; other item types are skipped as not_book', async () => {
    const file = await readFixture('libib.csv')
    expect(file.format).toBe('libib')
    expect(bookAt(file, 2)).toEqual({
      isbn: '9780547928227',
      title: 'The Hobbit',
      authors: ['J.R.R. Tolkien'],
      publisher: 'Houghton Mifflin Harcourt',
      publishedDate: '2012-09-18',
      pageCount: 300,
      summary: 'Bilbo Baggins, a hobbit, is swept into a quest.\nDragons, too.',
      status: 'read',
      rating: 5,
      tags: ['fantasy', 'classics'],
      note: 'A joy to reread.\n\nSigned copy',
      ownership: 'owned',
      startedAt: '2023-01-10',
      finishedAt: '2023-01-28',
      addedAt: '2022-12-25',
    })
    expect(file.rows.find((r) => r.row === 4)).toEqual({ row: 4, skip: { reason: 'not_book', detail: 'item_type is movie' } })
  })

  test('an ISBN-10 whose leading zero a spreadsheet dropped is padded; an ISBN-13 in scientific notation is reported', async () => {
    const file = await readFixture('libib.csv')
    expect(bookAt(file, 3)).toMatchObject({ isbn: '0141439513', status: 'want', rating: null })
    expect(file.rows.find((r) => r.row === 5)).toEqual({ row: 5, skip: { reason: 'invalid_isbn', detail: expect.stringContaining('9.78751E+12') } })
  })

  test('no creators: first and last name; no copies: ownership left to the default', async () => {
    const file = await readFixture('libib.csv')
    expect(bookAt(file, 6)).toEqual({ title: 'Unknown Draft', authors: ['Anne Writer'], tags: [], addedAt: '2024-01-01' })
  })
})
