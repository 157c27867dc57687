// The store's shortcuts (emulator/store/fast-paths.ts) against mingo itself, on random documents:
// they must answer exactly what mingo answers, or they are not shortcuts.
import fc from 'fast-check'
import { Query, find } from 'mingo'
import { compileFilter, project } from '../../../emulator/store/fast-paths'

const FIELDS = ['_id', 'a', 'b', 'tags']
const scalar = fc.oneof(fc.constantFrom('x', 'y', ''), fc.integer({ min: -2, max: 2 }), fc.boolean(), fc.double({ noNaN: false }))
const value = fc.oneof(scalar, fc.constant(null), fc.array(scalar, { maxLength: 3 }), fc.record({ x: scalar }).map((o) => ({ ...o })), fc.date({ noInvalidDate: true }), fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }))
const doc = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }).map((d) => ({ _id: 'id', ...d }))

describe('compileFilter', () => {
  it('matches exactly the documents mingo matches, for equality filters and any other', () => {
    const simpleFilter = fc.dictionary(fc.constantFrom(...FIELDS), scalar, { maxKeys: 3 })
    const otherFilter = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(value, fc.record({ $gt: scalar }), fc.record({ $in: fc.array(fc.constantFrom('x', 'y', 1, 2)) })), { maxKeys: 2 })
    fc.assert(
      fc.property(fc.oneof(simpleFilter, otherFilter), fc.array(doc, { maxLength: 5 }), (filter, docs) => {
        const query = new Query(filter, {})
        const matches = compileFilter(filter)
        for (const d of docs) expect(matches(d)).toBe(query.test(d))
      }),
      { numRuns: 3000 },
    )
  })

  it('reads an array field as holding its elements, as MongoDB does', () => {
    expect(compileFilter({ tags: 'sf' })({ _id: '1', tags: ['novel', 'sf'] })).toBe(true)
    expect(compileFilter({ tags: 'sf' })({ _id: '1', tags: [['sf']] })).toBe(false)
  })
})

describe('project', () => {
  it('answers what mingo answers for inclusions, exclusions and anything else', () => {
    const flag = fc.oneof(fc.constantFrom(0, 1), fc.boolean())
    const projection = fc.oneof(
      fc.dictionary(fc.constantFrom(...FIELDS, 'missing'), flag, { minKeys: 1, maxKeys: 4 }),
      fc.record({ 'a.x': fc.constant(1) }),
      fc.record({ tags: fc.record({ $slice: fc.integer({ min: -2, max: 2 }) }) }),
    )
    fc.assert(
      fc.property(projection, fc.array(doc, { maxLength: 4 }), (proj, docs) => {
        let expected: unknown
        try {
          expected = find(docs, {}, proj).all()
        } catch {
          return // a projection mingo refuses (mixed) is refused by project too; see below
        }
        expect(project(docs, proj)).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })

  it('refuses a mixed projection exactly as mingo does', () => {
    expect(() => project([{ _id: '1', a: 1, b: 2 }], { a: 1, b: 0 })).toThrow()
  })
})
