// Dedupe under concurrency: the database's own _id uniqueness settles the race, so 50 simultaneous
// adds of one ISBN by one reader leave exactly one book, and every caller gets that same book.
import { startFunctionHarness, type FunctionHarness } from './harness'

jest.setTimeout(60_000)

let h: FunctionHarness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.close())

test('50 concurrent addBook of one ISBN (looked up) → exactly one book', async () => {
  const reader = `oConcurrent-${Date.now()}`
  const answers = await Promise.all(Array.from({ length: 50 }, () => h.ok(reader, { action: 'addBook', isbn: '9787536692930' })))
  const ids = new Set(answers.map((a) => a.book.id))
  expect(ids.size).toBe(1)
  expect(answers.filter((a) => !a.duplicate)).toHaveLength(1)
  const list = await h.ok(reader, { action: 'listBooks', pageSize: 50 })
  expect(list.total).toBe(1)
  expect(list.items).toHaveLength(1)
})

test('50 concurrent typed-in adds of one ISBN, and two readers at once → one book each', async () => {
  const a = `oConcA-${Date.now()}`
  const b = `oConcB-${Date.now()}`
  const calls = Array.from({ length: 50 }, (_, i) =>
    h.ok(i % 2 === 0 ? a : b, { action: 'addBook', book: { title: `Copy ${i}`, isbn: '9780141439518' } }),
  )
  await Promise.all(calls)
  for (const reader of [a, b]) {
    const list = await h.ok(reader, { action: 'listBooks' })
    expect(list.total).toBe(1)
  }
  const idA = (await h.ok(a, { action: 'listBooks' })).items[0].id
  const idB = (await h.ok(b, { action: 'listBooks' })).items[0].id
  expect(idA).not.toBe(idB)
})

test('concurrent first getShelf calls agree on one shelf', async () => {
  const reader = `oShelf-${Date.now()}`
  const shelves = await Promise.all(Array.from({ length: 20 }, () => h.ok(reader, { action: 'getShelf' })))
  expect(new Set(shelves.map((s) => s.shareId)).size).toBe(1)
})
