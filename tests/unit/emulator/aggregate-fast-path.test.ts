// The aggregation shortcut (emulator/store/aggregate-fast-path.ts) against mingo itself: on random
// documents (missing fields, nulls, empty strings, non-arrays and nested arrays for $unwind, mixed
// types in group keys and sort keys) a pipeline must answer exactly what mingo answers, whether the
// shortcut takes it or declines it.
import fc from 'fast-check'
import { aggregate, ProcessingMode, Query } from 'mingo'
import { aggregatePrefix } from '../../../emulator/store/aggregate-fast-path'
import { runPipeline, type PipelineSource } from '../../../emulator/store/aggregate'
import { compileFilter } from '../../../emulator/store/fast-paths'
import type { Doc } from '../../../emulator/store/types'

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
  .tuple(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }), fc.nat())
  .map(([fields, id]) => ({ _id: `d${id}`, owner: id % 2 === 0 ? 'o1' : 'o2', ...fields }) as Doc)

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
const match = fc.constantFrom<Doc>({ owner: 'o1' }, { owner: 'o2', a: { $exists: true } }, { tags: { $exists: true } }, { b: { $exists: false } }, { a: 'x' })
const pipeline = fc
  .tuple(fc.option(match, { nil: undefined }), fc.option(unwindStage, { nil: undefined }), fc.oneof({ weight: 4, arbitrary: groupStage }, countStage), after)
  .map(([m, unwind, grouping, rest]) => [...(m ? [{ $match: m }] : []), ...(unwind ? [unwind] : []), grouping, ...rest])

const byMingo = (docs: Doc[], stages: Doc[]) => aggregate(docs, stages, { processingMode: ProcessingMode.CLONE_INPUT }) as Doc[]

/** The store's way: the leading $match answered by the filter the collection uses, then the rest. */
const storeSource = (docs: Doc[]): PipelineSource => ({
  match: (_name, filter) => docs.filter(compileFilter(filter)),
  all: () => docs,
})

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
