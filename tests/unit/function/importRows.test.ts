// planRow (domain/importRows.ts): what the import does with one parsed row, before any database work.
import { planRow } from '../../../cloudfunctions/bookcase/src/domain/importRows'
import type { ImportRow } from '../../../cloudfunctions/bookcase/src/transfer/importFile'

const row = (book: Record<string, unknown>, at = 7): ImportRow => ({ row: at, book: { authors: [], ...book } })

test('a title and an ISBN: stored as the file has it, ISBN normalised to 13 digits', () => {
  const plan = planRow(row({ title: 'Dune', isbn: '0441013597', authors: ['Frank Herbert'], rating: 5, status: 'read' }), false)
  expect(plan).toMatchObject({ kind: 'isbn', row: 7, isbn13: '9780441013593', metadata: { title: 'Dune', isbn: '9780441013593', authors: ['Frank Herbert'] }, source: 'manual', reader: { rating: 5, status: 'read' } })
})

test('only an ISBN: looked up; neither: no_title; a bad ISBN: invalid_isbn, even with a title', () => {
  expect(planRow(row({ isbn: '9787536692930' }), false)).toMatchObject({ kind: 'lookup', isbn13: '9787536692930' })
  expect(planRow(row({ authors: ['A'] }), false)).toEqual({ kind: 'skip', skip: { row: 7, reason: 'no_title', detail: expect.any(String) } })
  expect(planRow(row({ title: 'T', isbn: '9787536692931' }), false)).toMatchObject({ kind: 'skip', skip: { row: 7, reason: 'invalid_isbn' } })
})

test('no ISBN: a typed-in book carrying its Douban id, added day and loans', () => {
  const plan = planRow(
    row({ title: '活着', authors: ['余华'], doubanId: '4913064', addedAt: '2021-03-15', loan: { borrower: '小王', lentAt: '2024-01-02' }, loans: [{ borrower: '小李', lentAt: '2023-01-01', returnedAt: '2023-02-01' }] }),
    false,
  )
  expect(plan).toMatchObject({ kind: 'typed', metadata: { title: '活着', authors: ['余华'] }, extras: { doubanId: '4913064', loan: { borrower: '小王' }, loans: [{ borrower: '小李' }] } })
  expect(plan.kind === 'typed' && plan.extras.addedAt?.toISOString()).toBe('2021-03-14T16:00:00.000Z')
})

test('values the event schemas refuse make the row invalid_value, naming the field', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ title: 'x'.repeat(301) }, /^title/],
    [{ title: 'T', rating: 7 }, /^rating/],
    [{ title: 'T', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /^tags/],
    [{ title: 'T', coverUrl: 'http://insecure.example/c.jpg' }, /^coverUrl/],
    [{ title: 'T', finishedAt: '2024-02-30' }, /^finishedAt/],
    [{ title: 'T', loans: [{ borrower: '小李', lentAt: '2023-01-01' }] }, /^loans/],
    [{ title: 'T', doubanId: '../4913064' }, /^doubanId/],
    [{ title: 'T', addedAt: 'yesterday' }, /^addedAt/],
  ]
  for (const [book, detail] of cases) {
    const plan = planRow(row(book), false)
    expect([book, plan.kind === 'skip' && plan.skip.reason]).toEqual([book, 'invalid_value'])
    expect(plan.kind === 'skip' && plan.skip.detail).toMatch(detail)
  }
})

test('the 仅自己可见 option wins over the row’s own flag; unknown keys are never carried', () => {
  const plan = planRow(row({ title: 'T', is_private: false, _openid: 'oOther', searchText: 'x' }), true)
  expect(plan).toMatchObject({ kind: 'typed', reader: { is_private: true } })
  expect(JSON.stringify(plan)).not.toMatch(/oOther|searchText/)
  expect(planRow(row({ title: 'T', is_private: true }), false)).toMatchObject({ reader: { is_private: true } })
})

test('a skip the format reader made keeps its row and sheet', () => {
  expect(planRow({ row: 12, sheet: '想读', skip: { reason: 'not_book', detail: 'DVD' } }, false)).toEqual({ kind: 'skip', skip: { row: 12, sheet: '想读', reason: 'not_book', detail: 'DVD' } })
})
