// emulator/seed/seed.ts: the calls the demo shelf makes, in order, with its relative days written as
// China's calendar days counted from the seeding moment. The function's side of those calls (what it
// stores and refuses) is tests/integration/emulator/seed.test.ts.
import type { FunctionRunner } from '../../../emulator/functions/runner'
import { seedDemoShelf } from '../../../emulator/seed/seed'

type Sent = { openid: string; data: Record<string, unknown> }

/** Records each invocation and answers as the function would, with a book id per added book. */
function recordingRunner(sent: Sent[]): FunctionRunner {
  return {
    async invoke(_name: string, data: Record<string, unknown>, caller: { openid: string }) {
      sent.push({ openid: caller.openid, data })
      const answer = data.action === 'addBook' ? { book: { id: `book-${sent.length}` } } : {}
      return { requestId: String(sent.length), json: JSON.stringify({ ok: true, data: answer }) }
    },
  } as unknown as FunctionRunner
}

// 2026-03-01 20:00 UTC is already 2 March in China.
const NOW = Date.UTC(2026, 2, 1, 20, 0)

test('days count back (daysAgo) or ahead (inDays) from the day in China; loans are lent after the book, then returned', async () => {
  const sent: Sent[] = []
  const readers = [
    {
      openid: 'o-a',
      shelf: { name: '书架', isPublic: true },
      books: [
        { book: { title: '一' }, status: 'read', startedAt: { daysAgo: 2 }, finishedAt: { daysAgo: 0 } },
        {
          book: { title: '二' },
          loans: [
            { borrower: '甲', lentAt: { daysAgo: 60 }, returnedAt: { daysAgo: 1 } },
            { borrower: '乙', lentAt: { daysAgo: 1 }, dueDate: { inDays: 30 } },
          ],
        },
      ],
    },
  ]
  expect(await seedDemoShelf(recordingRunner(sent), readers as never, NOW)).toBe(2)
  expect(sent.map((s) => [s.openid, s.data])).toEqual([
    ['o-a', { action: 'addBook', book: { title: '一' }, status: 'read', startedAt: '2026-02-28', finishedAt: '2026-03-02' }],
    ['o-a', { action: 'addBook', book: { title: '二' } }],
    ['o-a', { action: 'lendBook', id: 'book-2', borrower: '甲', lentAt: '2026-01-01' }],
    ['o-a', { action: 'returnBook', id: 'book-2', returnedAt: '2026-03-01' }],
    ['o-a', { action: 'lendBook', id: 'book-2', borrower: '乙', lentAt: '2026-03-01', dueDate: '2026-04-01' }],
    ['o-a', { action: 'updateShelf', name: '书架', isPublic: true }],
  ])
})

test('a day written any other way stops the seed with the file named, before any call about that book', async () => {
  for (const bad of ['2026-01-01', { daysAgo: 1.5 }, { weeksAgo: 1 }, null]) {
    const sent: Sent[] = []
    const readers = [{ openid: 'o-a', shelf: { name: '书架', isPublic: true }, books: [{ book: { title: '一' }, finishedAt: bad }] }]
    await expect(seedDemoShelf(recordingRunner(sent), readers as never, NOW)).rejects.toThrow(/^demo-shelf\.json: a day is \{"daysAgo": n\} or \{"inDays": n\}/)
    expect(sent).toEqual([])
  }
})

test('a refused call stops the seed and says which action, as whom, and why', async () => {
  const runner = {
    async invoke() {
      return { requestId: '1', json: JSON.stringify({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'finishedAt: in the future' } }) }
    },
  } as unknown as FunctionRunner
  const readers = [{ openid: 'o-a', shelf: { name: '书架', isPublic: true }, books: [{ book: { title: '一' } }] }]
  await expect(seedDemoShelf(runner, readers as never, NOW)).rejects.toThrow('addBook as o-a: finishedAt: in the future')
})

test('the demo file itself: no day ahead but a due date, each book started before it was finished, three loans and one returned', async () => {
  const sent: Sent[] = []
  await seedDemoShelf(recordingRunner(sent), undefined, NOW)
  const today = '2026-03-02'
  for (const { data } of sent) {
    for (const field of ['startedAt', 'finishedAt', 'lentAt', 'returnedAt'] as const) {
      if (data[field] !== undefined) expect((data[field] as string) <= today).toBe(true)
    }
    if (data.startedAt && data.finishedAt) expect(data.startedAt <= data.finishedAt).toBe(true)
  }
  expect(sent.filter((s) => s.data.action === 'lendBook')).toHaveLength(3)
  expect(sent.filter((s) => s.data.action === 'returnBook')).toHaveLength(1)
})
