// The store's ordered indexes and query planner, checked against mingo over the whole collection:
// whatever plan is chosen, the answer must be the one a full scan gives.
import fc from 'fast-check'
import { find } from 'mingo'
import { Collection } from '../../../emulator/store/collection'
import { OrderedIndex } from '../../../emulator/store/ordered-index'
import type { Doc, IndexSpec, SortSpec } from '../../../emulator/store/types'

const specs: IndexSpec[] = [
  { name: 'owner_isbn', unique: true, keys: [['_openid', 1], ['isbn', 1]], partialFilter: { isbn: { $exists: true } } },
  { name: 'owner_added', keys: [['_openid', 1], ['addedKey', -1]] },
  { name: 'owner_title', keys: [['_openid', 1], ['title', 1]] },
]

const docArb = fc.record(
  {
    _openid: fc.constantFrom('a', 'b', 'c'),
    addedKey: fc.integer({ min: 0, max: 50 }).map((n) => String(n).padStart(3, '0')),
    title: fc.constantFrom('Dune', 'Emma', '三体', '活着', 'Zed'),
    n: fc.integer({ min: 0, max: 9 }),
    isbn: fc.constantFrom('978-1', '978-2', '978-3', '978-4', '978-5', '978-6', '978-7', '978-8'),
  },
  { requiredKeys: ['_openid', 'addedKey', 'title', 'n'] },
)

function load(docs: Doc[]): { collection: Collection; stored: Doc[] } {
  const collection = new Collection('books', specs)
  const stored: Doc[] = []
  docs.forEach((d, i) => {
    // Unique sort keys (as the app's *Key fields are) make the expected order unambiguous.
    const doc = { ...d, _id: `id${String(i).padStart(4, '0')}`, addedKey: `${d.addedKey}~${i}` }
    try {
      collection.checkUnique(doc, true)
    } catch {
      return
    }
    collection.put(doc)
    stored.push(doc)
  })
  return { collection, stored }
}

const queryArb = fc.record({
  owner: fc.option(fc.constantFrom('a', 'b', 'c', 'zz'), { nil: undefined }),
  n: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
  below: fc.option(fc.integer({ min: 0, max: 50 }).map((n) => String(n).padStart(3, '0')), { nil: undefined }),
  above: fc.option(fc.integer({ min: 0, max: 50 }).map((n) => String(n).padStart(3, '0')), { nil: undefined }),
  sort: fc.constantFrom<SortSpec>([['addedKey', -1]], [['addedKey', 1]], [['title', 1], ['addedKey', 1]], [['n', -1], ['addedKey', 1]], []),
  skip: fc.integer({ min: 0, max: 30 }),
  limit: fc.integer({ min: 1, max: 25 }),
})

test('find() answers exactly what mingo answers over all documents, whatever the plan', () => {
  fc.assert(
    fc.property(fc.array(docArb, { maxLength: 120 }), queryArb, (docs, q) => {
      const { collection, stored } = load(docs)
      const filter: Doc = {}
      if (q.owner !== undefined) filter._openid = q.owner
      if (q.n !== undefined) filter.n = { $gte: q.n }
      const addedKey: Doc = {}
      if (q.below !== undefined) addedKey.$lt = q.below
      if (q.above !== undefined) addedKey.$gte = q.above
      if (Object.keys(addedKey).length) filter.addedKey = addedKey
      const sortSpec: SortSpec = q.sort.length ? q.sort : [['_id', 1]]
      const expected = find(stored, filter).sort(Object.fromEntries(sortSpec)).skip(q.skip).limit(q.limit).all()
      const actual = collection.find(filter, { sort: sortSpec, skip: q.skip, limit: q.limit })
      expect(actual.map((d) => d._id)).toEqual(expected.map((d) => (d as Doc)._id))
      expect(collection.count(filter)).toBe(find(stored, filter).all().length)
    }),
    { numRuns: 300 },
  )
})

test('the planner walks the owner_added index, in order, for a reader page with a cursor', () => {
  const { collection } = load(Array.from({ length: 200 }, (_x, i) => ({ _openid: i % 2 ? 'a' : 'b', addedKey: String(i).padStart(3, '0'), title: 'T', n: 1 })))
  const filter = { _openid: 'a', addedKey: { $lt: '150' } }
  const plan = collection.plan(filter, [['addedKey', -1]])
  expect(plan).toMatchObject({ kind: 'index:owner_added', ordered: true })
  // The range starts the walk at the cursor: the first candidate is already a match.
  const first = plan.ids[Symbol.iterator]().next().value as string
  expect(collection.get(first)!.addedKey).toBe('149~149')
  expect(collection.plan({ _openid: 'a' }, [['n', 1]]).kind).toBe('index:owner_added')
  expect(collection.plan({ _openid: 'a' }, [['n', 1]]).ordered).toBe(false)
  expect(collection.plan({ title: 'T' }, []).kind).toBe('scan')
  expect(collection.plan({ _id: 'id0001' }, []).kind).toBe('id')
})

test('a partial unique index covers only the documents its filter selects', () => {
  const { collection } = load([])
  collection.put({ _id: '1', _openid: 'a', addedKey: 'x', title: 'no isbn' })
  expect(() => collection.checkUnique({ _id: '2', _openid: 'a', addedKey: 'y', title: 'no isbn either' }, true)).not.toThrow()
  collection.put({ _id: '3', _openid: 'a', isbn: '978', addedKey: 'z', title: 'has one' })
  expect(() => collection.checkUnique({ _id: '4', _openid: 'a', isbn: '978' }, true)).toThrow(/E11000 .*owner_isbn/)
  expect(() => collection.checkUnique({ _id: '4', _openid: 'b', isbn: '978' }, true)).not.toThrow()
  // Replacing a document with itself is no conflict.
  expect(() => collection.checkUnique({ _id: '3', _openid: 'a', isbn: '978' }, false)).not.toThrow()
  // A query by isbn equality may use the partial index; one without isbn may not.
  expect(collection.plan({ _openid: 'a', isbn: '978' }).kind).toBe('index:owner_isbn')
  expect(collection.plan({ _openid: 'a', isbn: null }).kind).not.toBe('index:owner_isbn')
})

test('array values make an index multikey, and the planner stops using it', () => {
  const index = new OrderedIndex({ name: 'tags', keys: [['tags', 1]] })
  index.insert({ _id: '1', tags: 'x' })
  expect(index.multikey).toBe(false)
  index.insert({ _id: '2', tags: ['x', 'y'] })
  expect(index.multikey).toBe(true)
})

test('scan ranges respect each key direction, both ways', () => {
  const index = new OrderedIndex({ name: 'i', keys: [['o', 1], ['k', -1]] })
  for (let i = 0; i < 10; i++) index.insert({ _id: `d${i}`, o: 'a', k: i })
  index.insert({ _id: 'other', o: 'b', k: 5 })
  expect([...index.scan(['a'])]).toEqual(['d9', 'd8', 'd7', 'd6', 'd5', 'd4', 'd3', 'd2', 'd1', 'd0'])
  const range = { lower: { value: 3, inclusive: true }, upper: { value: 7, inclusive: false } }
  expect([...index.scan(['a'], false, range)]).toEqual(['d6', 'd5', 'd4', 'd3'])
  expect([...index.scan(['a'], true, range)]).toEqual(['d3', 'd4', 'd5', 'd6'])
  expect([...index.scan(['b'], true)]).toEqual(['other'])
})
