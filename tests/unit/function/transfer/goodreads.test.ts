import { bookAt, readFixture } from './fixtures'

describe('Goodreads library export', () => {
  test('is recognised by its header and maps every row by column name', async () => {
    const file = await readFixture('goodreads.csv')
    expect(file.format).toBe('goodreads')
    // Row 5 is blank (dropped, not reported); row 9 repeats row 2 (kept: the action dedupes).
    expect(file.rows.map((r) => r.row)).toEqual([2, 3, 4, 6, 7, 8, 9])
    expect(bookAt(file, 2)).toEqual({
      isbn: '9780316129084',
      title: 'Leviathan Wakes',
      series: 'The Expanse',
      volume: 1,
      authors: ['James S.A. Corey'], // the double space collapsed
      publisher: 'Orbit',
      publishedDate: '2011',
      pageCount: 592,
      status: 'read',
      rating: 5,
      tags: ['sci-fi', 'favorites'],
      note: 'Great start.\n\nThe ending, though!\n\nLent to Li, returned.', // <br/> → newlines, review then private notes
      ownership: 'owned',
      finishedAt: '2024-03-09',
      addedAt: '2023-12-30',
    })
    expect(bookAt(file, 9)).toEqual(bookAt(file, 2))
  })

  test('0 stars is unrated; to-read and currently-reading are statuses, not tags', async () => {
    const file = await readFixture('goodreads.csv')
    expect(bookAt(file, 3)).toMatchObject({ isbn: '9780441013593', status: 'want', rating: null, tags: [] })
    expect(bookAt(file, 3)).not.toHaveProperty('ownership')
    expect(bookAt(file, 4)).toMatchObject({ status: 'reading', rating: 3, tags: ['classics'], publisher: 'Little, Brown and Company', note: 'Reading it again\nfor the book club' })
  })

  test('a custom exclusive shelf: did-not-finish counts as read and stays a tag', async () => {
    const file = await readFixture('goodreads.csv')
    expect(bookAt(file, 6)).toMatchObject({
      isbn: '0679722769', // ISBN13 empty (=""): the ISBN-10, leading zero kept
      status: 'read',
      tags: ['did-not-finish'],
      authors: ['James Joyce', 'Hans Walter Gabler', 'Declan Kiberd'],
    })
  })

  test('a row without an ISBN is a typed-in book; a row with neither title nor ISBN is skipped', async () => {
    const file = await readFixture('goodreads.csv')
    expect(bookAt(file, 7)).not.toHaveProperty('isbn')
    expect(bookAt(file, 7).title).toBe('Twilight')
    expect(file.rows.find((r) => r.row === 8)).toEqual({ row: 8, skip: { reason: 'no_title', detail: expect.any(String) } })
  })

  test('newer exports without Average Rating, with 5.0 ratings and ISBNs re-saved by Excel', async () => {
    const file = await readFixture('goodreads-new.csv')
    expect(file.format).toBe('goodreads')
    expect(bookAt(file, 2)).toMatchObject({ isbn: '9787536692930', title: '三体', rating: 5, status: 'read', series: '地球往事', volume: 1 })
    // Excel dropped the ISBN-10's leading zero: the column is an ISBN-10 one, so it is padded back.
    expect(bookAt(file, 3)).toMatchObject({ isbn: '0441013597', rating: 4 })
    expect(file.rows.find((r) => r.row === 4)).toEqual({
      row: 4,
      skip: { reason: 'invalid_isbn', detail: expect.stringContaining('9.78704E+12') },
    })
  })
})
