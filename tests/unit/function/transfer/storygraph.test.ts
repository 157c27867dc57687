import { bookAt, readFixture } from './fixtures'

describe('StoryGraph export', () => {
  test('maps every field it has; a fractional rating rounds to the nearest star', async () => {
    const file = await readFixture('storygraph.csv')
    expect(file.format).toBe('storygraph')
    expect(bookAt(file, 2)).toEqual({
      isbn: '9780593135204',
      title: 'Project Hail Mary',
      authors: ['Andy Weir'],
      status: 'read',
      rating: 5, // 4.75
      tags: ['sci-fi', 'space'],
      note: 'Rocky!\nBest friend ever.',
      ownership: 'owned',
      // The latest of the two reading sessions.
      startedAt: '2025-01-05',
      finishedAt: '2025-01-09',
      addedAt: '2023-01-02',
    })
  })

  test('paused is reading and did-not-finish is read, each kept as a tag', async () => {
    const file = await readFixture('storygraph.csv')
    expect(bookAt(file, 3)).toMatchObject({ status: 'reading', tags: ['paused'], startedAt: '2024-06-03' })
    expect(bookAt(file, 3)).not.toHaveProperty('finishedAt')
    expect(bookAt(file, 4)).toMatchObject({ status: 'read', tags: ['did-not-finish'], rating: 2 })
  })

  test('an ASIN in ISBN/UID is no ISBN: the row is a typed-in book', async () => {
    const file = await readFixture('storygraph.csv')
    expect(bookAt(file, 4)).not.toHaveProperty('isbn')
    expect(bookAt(file, 4).title).toBe('Infinite Jest')
  })

  test('Owned? No leaves ownership to the default; authors split on commas', async () => {
    const file = await readFixture('storygraph.csv')
    expect(bookAt(file, 5)).toEqual({ isbn: '9781635575637', title: 'Piranesi', authors: ['Susanna Clarke'], status: 'want', tags: [], addedAt: '2025-02-02' })
    expect(bookAt(file, 6).authors).toEqual(['Cixin Liu', 'Ken Liu'])
  })
})
