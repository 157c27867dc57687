// The aggregation shortcut (emulator/store/aggregate-fast-path.ts) against mingo itself: on random
// documents (missing fields, nulls, empty strings, non-arrays and nested arrays for $unwind, mixed
// types in group keys and sort keys) a pipeline must answer exactly what mingo answers, whether the
// shortcut takes it or declines it.
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { aggregate, ProcessingMode, Query } from 'mingo'
import { aggregatePrefix, countedPrefix } from '../../../emulator/store/aggregate-fast-path'
import { runPipeline, type PipelineSource } from '../../../emulator/store/aggregate'
import { Database } from '../../../emulator/store/database'
import { compileFilter } from '../../../emulator/store/fast-paths'
import type { Doc } from '../../../emulator/store/types'
import { ValueCounts } from '../../../emulator/store/value-counts'

const FIELDS = ['a', 'b', 'tags', 'n']
const scalar = fc.oneof(
  fc.constantFrom('x', 'y', '', 'X', '作者', '2025-03-04', '2024-1', '读2025-03'),
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom(0, -0, 0.1, 0.2, 1.5),
  fc.boolean(),
  fc.double(),
)
const value = fc.oneof(
  { weight: 8, arbitrary: scalar },
  fc.constant(null),
  { weight: 6, arbitrary: fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 4 }) },
  fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }),
  fc.record({ x: scalar }),
  fc.constant({}),
  fc.date({ noInvalidDate: true }),
)
const doc = fc
  .tuple(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }), fc.nat(), fc.constantFrom<unknown>('o1', 'o1', 'o2', 'o2', ['o1', 'o2'], undefined))
  .map(([fields, id, openid]) => ({ _id: `d${id}`, ...(openid === undefined ? {} : { _openid: openid }), ...fields }) as Doc)

const path = fc.constantFrom(...FIELDS.map((f) => `$${f}`))
const groupId = fc.oneof({ weight: 5, arbitrary: path }, fc.constantFrom(null, 'all', 1, true), fc.constant('$a.x'),
  fc.tuple(path, fc.integer({ min: -1, max: 8 }), fc.integer({ min: -1, max: 8 })).map((args) => ({ $substr: args })),
  fc.constant({ $substr: ['$a', '0', 1] }),
)
const sum = fc.oneof(fc.constantFrom(1, 2.5, -1, 0), path, fc.constant('$$ROOT'), fc.constant('literal'))
const groupStage = fc
  .tuple(groupId, fc.dictionary(fc.constantFrom('count', 'total', 'pages'), sum, { maxKeys: 3 }))
  .map(([id, accs]) => ({ $group: { _id: id, ...Object.fromEntries(Object.entries(accs).map(([k, v]) => [k, { $sum: v }])) } }))
const countStage = fc.constantFrom('count', 'n', 'books').map((name) => ({ $count: name }))
const unwindStage = fc.oneof({ weight: 4, arbitrary: path.map((p) => ({ $unwind: p })) }, fc.constant({ $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } }))
const after = fc.array(
  fc.oneof(
    fc.constantFrom<Doc>({ $sort: { count: -1, _id: 1 } }, { $sort: { _id: 1 } }, { $sort: { _id: -1, total: 1 } }, { $project: { _id: 0, count: 1 } }),
    fc.integer({ min: 1, max: 4 }).map((n) => ({ $limit: n })),
    fc.integer({ min: 0, max: 2 }).map((n) => ({ $skip: n })),
  ),
  { maxLength: 3 },
)
const match = fc.constantFrom<Doc>({ _openid: 'o1' }, { _openid: 'o2', a: { $exists: true } }, { tags: { $exists: true } }, { b: { $exists: false } }, { a: 'x' })
const pipeline = fc
  .tuple(fc.option(match, { nil: undefined }), fc.option(unwindStage, { nil: undefined }), fc.oneof({ weight: 4, arbitrary: groupStage }, countStage), after)
  .map(([m, unwind, grouping, rest]) => [...(m ? [{ $match: m }] : []), ...(unwind ? [unwind] : []), grouping, ...rest])

const byMingo = (docs: Doc[], stages: Doc[]) => aggregate(docs, stages, { processingMode: ProcessingMode.CLONE_INPUT }) as Doc[]

/** The store's way: the leading $match answered by the filter the collection uses, the value counts
 * kept as the collection keeps them: built, then in step with writes (`churn` is inserted and removed). */
function storeSource(docs: Doc[], churn: Doc[] = []): PipelineSource {
  const counts = new Map<string, ValueCounts>()
  return {
    match: (_name, filter) => docs.filter(compileFilter(filter)),
    all: () => docs,
    valueCounts: () => (field, unwind, openid, existing) => {
      let c = counts.get(`${unwind}:${field}`)
      if (!c) {
        counts.set(`${unwind}:${field}`, (c = new ValueCounts(field, unwind)))
        for (const d of [...churn, ...docs]) c.insert(d)
        for (const d of churn) c.remove(d)
      }
      return c.of(openid, existing)
    },
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    Object.values(value).forEach(deepFreeze)
    Object.freeze(value)
  }
  return value
}

/** The answer, or the fact that the pipeline was refused (mingo's own message either way). */
function outcome(run: () => Doc[]): Doc[] | string {
  try {
    return run()
  } catch (error) {
    return `refused: ${(error as Error).message}`
  }
}

describe('aggregatePrefix', () => {
  it('answers exactly what mingo answers, for pipelines it takes and pipelines it declines', () => {
    let taken = 0
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 12 }), pipeline, (docs, stages) => {
        const expected = outcome(() => byMingo(docs, stages))
        // Frozen: the shortcut reads the stored documents in place and must never change them.
        const frozen = deepFreeze(structuredClone(docs))
        expect(outcome(() => runPipeline(storeSource(frozen), 'books', stages))).toEqual(expected)
        const rest = stages[0] && '$match' in stages[0] ? stages.slice(1) : stages
        if (aggregatePrefix(frozen, rest)) taken++
      }),
      { numRuns: 4000 },
    )
    // The property is about the shortcut: a good share of the generated pipelines must take it.
    expect(taken).toBeGreaterThan(800)
  })

  it('answers a reader’s values, unwound or not, from the kept counts exactly as mingo does over the documents', () => {
    let counted = 0
    const field = fc.constantFrom('tags', 'a')
    // Plain values (or null, or none) so that a reader's books are often all countable as they are.
    const plainDoc = fc
      .tuple(fc.nat(), fc.constantFrom('o1', 'o2'), fc.option(fc.oneof(scalar, fc.constant(null)), { nil: undefined }))
      .map(([id, openid, a]) => ({ _id: `p${id}`, _openid: openid, ...(a === undefined ? {} : { a }) }) as Doc)
    const topList = fc
      .tuple(field, fc.boolean(), fc.boolean(), fc.constantFrom('o1', 'o2'), fc.constantFrom(1, 2, 0.5), fc.constantFrom<Doc>({ count: -1, _id: 1 }, { _id: -1 }, { _id: 1, count: 1 }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }))
      .map(([f, unwind, exists, openid, unit, sort, limit]) => [
        { $match: { _openid: openid, ...(exists ? { [f]: { $exists: true } } : {}) } },
        ...(unwind ? [{ $unwind: `$${f}` }] : []),
        { $group: { _id: `$${f}`, count: { $sum: unit } } },
        { $sort: sort },
        ...(limit ? [{ $limit: limit }] : []),
      ])
    fc.assert(
      fc.property(fc.array(fc.oneof(doc, plainDoc), { maxLength: 12 }), fc.array(doc, { maxLength: 4 }), topList, (docs, churn, stages) => {
        const source = storeSource(docs, churn)
        if (countedPrefix(stages[0].$match as Doc, stages.slice(1), source.valueCounts('books'))) counted++
        expect(outcome(() => runPipeline(source, 'books', stages))).toEqual(outcome(() => byMingo(docs, stages)))
      }),
      { numRuns: 4000 },
    )
    expect(counted).toBeGreaterThan(800)
  })

  it('leaves shapes whose group order would show to the documents: no $sort on _id, a sum of a field, another filter', () => {
    const counts = storeSource([{ _id: '1', _openid: 'o', tags: ['x'] }]).valueCounts('books')
    const tail = (sort: Doc) => [{ $unwind: '$tags' }, { $group: { _id: '$tags', count: { $sum: 1 } } }, { $sort: sort }]
    expect(countedPrefix({ _openid: 'o' }, tail({ count: -1, _id: 1 }), counts)?.rows).toEqual([{ _id: 'x', count: 1 }])
    expect(countedPrefix({ _openid: 'o' }, tail({ count: -1 }), counts)).toBeUndefined()
    expect(countedPrefix({ _openid: 'o', status: 'read' }, tail({ _id: 1 }), counts)).toBeUndefined()
    expect(countedPrefix({ _openid: 'o', tags: { $exists: false } }, tail({ _id: 1 }), counts)).toBeUndefined()
    // Grouped as it is, an array is a key mingo compares by structure: the reader goes the ordinary way.
    expect(countedPrefix({ _openid: 'o' }, tail({ _id: 1 }).slice(1), counts)).toBeUndefined()
    expect(countedPrefix({ _openid: 'o' }, [{ $unwind: '$tags' }, { $group: { _id: '$tags', n: { $sum: '$n' } } }, { $sort: { _id: 1 } }], counts)).toBeUndefined()
  })

  it('cuts text as mingo’s $substr does (UTF-8 bytes): ASCII days taken, other text and cuts past the end left to mingo', () => {
    const text = fc.oneof(fc.constantFrom('2025-03-04', '2025-1', '', '读书', 'a作者'), fc.string({ maxLength: 9 }), fc.constant(null), fc.integer())
    const docs = fc.array(fc.option(text, { nil: undefined }).map((a) => (a === undefined ? { _id: 'd' } : { _id: 'd', a })), { maxLength: 6 })
    fc.assert(
      fc.property(docs, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), (d, start, n) => {
        const stages = [{ $group: { _id: { $substr: ['$a', start, n] }, count: { $sum: 1 }, pages: { $sum: '$a' } } }]
        expect(outcome(() => runPipeline(storeSource(d), 'books', stages))).toEqual(outcome(() => byMingo(d, stages)))
      }),
      { numRuns: 3000 },
    )
    expect(aggregatePrefix([{ _id: '1', finishedAt: '2025-03-04' }], [{ $group: { _id: { $substr: ['$finishedAt', 5, 2] }, count: { $sum: 1 } } }])?.rows).toEqual([{ _id: '03', count: 1 }])
  })

  it('takes the reading report’s top-authors shape and counts each element of an array once per book', () => {
    const docs: Doc[] = [
      { _id: '1', authors: ['鲁迅', '周作人'] },
      { _id: '2', authors: ['鲁迅'] },
      { _id: '3', authors: [] },
      { _id: '4', authors: '鲁迅' },
      { _id: '5' },
    ]
    const stages = [{ $unwind: '$authors' }, { $group: { _id: '$authors', count: { $sum: 1 } } }, { $sort: { count: -1, _id: 1 } }, { $limit: 10 }]
    expect(aggregatePrefix(docs, stages)?.rest).toEqual(stages.slice(2))
    expect(runPipeline(storeSource(docs), 'books', stages)).toEqual([
      { _id: '鲁迅', count: 3 },
      { _id: '周作人', count: 1 },
    ])
  })

  it('declines keys mingo compares by structure (objects, dates, nested arrays) and other stages', () => {
    const group = { $group: { _id: '$a', count: { $sum: 1 } } }
    expect(aggregatePrefix([{ _id: '1', a: { x: 1 } }], [group])).toBeUndefined()
    expect(aggregatePrefix([{ _id: '1', a: new Date(0) }], [group])).toBeUndefined()
    expect(aggregatePrefix([{ _id: '1', a: [['x']] }], [{ $unwind: '$a' }, group])).toBeUndefined()
    expect(aggregatePrefix([{ _id: '1', a: 'x' }], [{ $project: { a: 1 } }, group])).toBeUndefined()
    expect(aggregatePrefix([{ _id: '1', a: 'x' }], [{ $group: { _id: '$a', n: { $max: '$a' } } }])).toBeUndefined()
  })
})

describe('compileFilter with $exists (the report’s match)', () => {
  it('matches exactly the documents mingo matches', () => {
    const filter = fc.dictionary(
      fc.constantFrom(...FIELDS, 'owner', 'missing'),
      fc.oneof(fc.boolean().map(($exists) => ({ $exists })), fc.constantFrom('o1', 'x', 1, true), fc.constant({ $exists: 1 })),
      { maxKeys: 3 },
    )
    fc.assert(
      fc.property(filter, fc.array(doc, { maxLength: 6 }), (f, docs) => {
        const query = new Query(f, {})
        const matches = compileFilter(f)
        for (const d of docs) expect(matches(d)).toBe(query.test(d))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('the kept counts in the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bookcase-agg-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const top = (openid: string) => [
    { $match: { _openid: openid, tags: { $exists: true } } },
    { $unwind: '$tags' },
    { $group: { _id: '$tags', count: { $sum: 1 } } },
    { $sort: { count: -1, _id: 1 } },
    { $limit: 10 },
  ]

  it('follow inserts, updates, removes, a rolled-back transaction and a reopen', async () => {
    const db = await Database.open(dir)
    await db.ensureCollections(['books'])
    const expectMingo = async (openid: string) => {
      const stored = await db.find(undefined, { collection: 'books', filter: {} })
      const answer = await db.aggregate({ collection: 'books', pipeline: top(openid) })
      expect(answer).toEqual(byMingo(stored, top(openid)))
      return answer
    }
    await db.insert(undefined, {
      collection: 'books',
      docs: [
        { _id: '1', _openid: 'o', tags: ['科幻', '小说'] },
        { _id: '2', _openid: 'o', tags: ['科幻'] },
        { _id: '3', _openid: 'other', tags: ['科幻'] },
        { _id: '4', _openid: 'o' },
      ],
    })
    expect(await expectMingo('o')).toEqual([
      { _id: '科幻', count: 2 },
      { _id: '小说', count: 1 },
    ])
    await db.update(undefined, { collection: 'books', filter: { _id: '2' }, data: { $set: { tags: ['历史', '小说'] } }, multi: false, upsert: false, replace: false })
    await db.remove(undefined, { collection: 'books', filter: { _id: '1' }, multi: false })
    await db.insert(undefined, { collection: 'books', docs: [{ _id: '5', _openid: 'o', tags: '传记' }] })
    expect(await expectMingo('o')).toEqual([
      { _id: '传记', count: 1 },
      { _id: '历史', count: 1 },
      { _id: '小说', count: 1 },
    ])
    const tx = await db.startTransaction()
    await db.insert(tx, { collection: 'books', docs: [{ _id: '6', _openid: 'o', tags: ['历史'] }] })
    db.abortTransaction(tx)
    await expectMingo('o')
    // A value the counts do not cover sends the reader's aggregation the ordinary way.
    await db.insert(undefined, { collection: 'books', docs: [{ _id: '7', _openid: 'o', tags: [{ name: '嵌套' }] }] })
    await expectMingo('o')
    await db.remove(undefined, { collection: 'books', filter: { _id: '7' }, multi: false })
    expect(await expectMingo('other')).toEqual([{ _id: '科幻', count: 1 }])
    await db.close()
    const again = await Database.open(dir)
    expect(await again.aggregate({ collection: 'books', pipeline: top('o') })).toEqual(byMingo(await again.find(undefined, { collection: 'books', filter: {} }), top('o')))
    await again.close()
  })
})
