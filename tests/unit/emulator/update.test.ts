// The store's update semantics where the SDK cannot reach them: positional paths, $bit,
// $currentDate, upserts, _id, and operands the SDK never sends. The SDK-reachable cases are in
// tests/integration/emulator/database.test.ts.
import { ObjectId } from 'bson'
import { compileUpdate } from '../../../emulator/store/update'

type Doc = Record<string, unknown>
const merge = (data: Doc, filter: Doc = {}) => compileUpdate({ data, filter, replace: false })
const applied = (doc: Doc, data: Doc, filter: Doc = {}) => merge(data, filter).apply(doc)
const refusal = (message: string | RegExp) => expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(message) })

describe('applying', () => {
  test('the stored document is never changed; an update that changes nothing answers undefined', () => {
    const stored = { _id: 'a', n: 1, o: { list: [1] } }
    const after = applied(stored, { $inc: { n: 1 }, $push: { 'o.list': { $each: [2] } } })
    expect(after).toEqual({ _id: 'a', n: 2, o: { list: [1, 2] } })
    expect(stored).toEqual({ _id: 'a', n: 1, o: { list: [1] } })
    expect(applied(stored, { $set: { n: 1 }, $max: { 'o.list': [0] }, $pull: { 'o.x': 9 } })).toBeUndefined()
  })

  test('values that are not plain objects keep their class', () => {
    const id = new ObjectId()
    const after = applied({ _id: 'a', ref: id, at: new Date(0) }, { $set: { other: id } })!
    expect(after.ref).toBeInstanceOf(ObjectId)
    expect(after.other).toBeInstanceOf(ObjectId)
    expect(after.at).toEqual(new Date(0))
  })

  test('$[] updates every element, $ the first one the query matches', () => {
    const doc = { _id: 'a', items: [{ k: 1, n: 0 }, { k: 2, n: 0 }, { k: 2, n: 0 }] }
    expect(applied(doc, { $inc: { 'items.$[].n': 1 } })).toMatchObject({ items: [{ n: 1 }, { n: 1 }, { n: 1 }] })
    expect(applied(doc, { $set: { 'items.$.n': 9 } }, { 'items.k': 2 })).toMatchObject({ items: [{ n: 0 }, { n: 9 }, { n: 0 }] })
    expect(() => applied(doc, { $set: { 'items.$.n': 9 } }, { _id: 'a' })).toThrow(refusal(/positional operator did not find the match/))
    expect(() => applied(doc, { $set: { 'missing.$[].n': 9 } })).toThrow(refusal(/must exist in the document in order to apply array updates/))
    expect(() => merge({ $set: { 'items.$[x].n': 9 } })).toThrow(refusal(/No array filter found for identifier 'x'/))
  })

  test('$bit and $currentDate', () => {
    const after = applied({ _id: 'a', flags: 0b1100 }, { $bit: { flags: { and: 0b0101 }, fresh: { or: 3 } }, $currentDate: { at: true } })!
    expect(after).toMatchObject({ flags: 0b0100, fresh: 3 })
    expect(after.at).toBeInstanceOf(Date)
    expect(() => applied({ _id: 'a', flags: 's' }, { $bit: { flags: { and: 1 } } })).toThrow(refusal(/non-integral type/))
    expect(() => merge({ $bit: { flags: { nand: 1 } } })).toThrow(refusal(/only supports 'and', 'or', and 'xor'/))
  })

  test('_id cannot change, by any operator', () => {
    expect(() => applied({ _id: 'a' }, { $set: { _id: 'b' } })).toThrow(refusal(/immutable field '_id'/))
    expect(() => applied({ _id: 'a' }, { $unset: { _id: '' } })).toThrow(refusal(/immutable field '_id'/))
    expect(applied({ _id: 'a', n: 1 }, { $set: { _id: 'a', n: 2 } })).toEqual({ _id: 'a', n: 2 })
  })

  test('an index far past the end of an array is refused, not padded (it would exhaust memory)', () => {
    expect(() => applied({ _id: 'a', list: [] }, { $set: { 'list.999999999': 1 } })).toThrow(refusal(/can't backfill more than/))
  })
})

describe('compiling', () => {
  test.each<[string, Doc, RegExp]>([
    ['an unknown operator', { $frob: { a: 1 } }, /Unknown modifier: \$frob/],
    ['an operator whose operand is not an object', { $set: 5 }, /Modifiers operate on fields but we found type int instead/],
    ['an empty field name', { $set: { 'a..b': 1 } }, /contains an empty field name/],
    ['a $-prefixed field', { $set: { 'a.$b': 1 } }, /dollar \(\$\) prefixed field '\$b'/],
    ['a field named __proto__', { $set: { '__proto__.x': 1 } }, /__proto__/],
    ['$push with an unknown clause', { $push: { a: { $each: [1], $frob: 1 } } }, /Unrecognized clause in \$push: \$frob/],
    ['$push with $each not an array', { $push: { a: { $each: 1 } } }, /\$each in \$push must be an array/],
    ['$push with a bad $sort', { $push: { a: { $each: [1], $sort: 2 } } }, /\$sort element value must be either 1 or -1/],
    ['$push with a fractional $slice', { $push: { a: { $each: [1], $slice: 1.5 } } }, /\$slice must be an integer/],
    ['$addToSet with $each not an array', { $addToSet: { a: { $each: 'x' } } }, /\$each in \$addToSet must be an array/],
    ['$pop with 2', { $pop: { a: 2 } }, /\$pop expects 1 or -1, found: 2/],
    ['$pullAll with a string', { $pullAll: { a: 'x' } }, /\$pullAll requires an array argument but was given a string/],
    ['$pull with an unknown query operator', { $pull: { a: { $frob: 1 } } }, /./],
    ['$rename onto itself', { $rename: { a: 'a' } }, /must differ/],
    ['$rename into itself', { $rename: { a: 'a.b' } }, /must not be on the same path/],
    ['$currentDate with a string', { $currentDate: { a: 'now' } }, /not valid type for \$currentDate/],
    ['the same path twice', { $set: { a: 1 }, $inc: { a: 1 } }, /Updating the path 'a' would create a conflict at 'a'/],
    ['a path inside another', { $set: { 'a.b': 1 }, $unset: { a: '' } }, /Updating the path 'a' would create a conflict at 'a'/],
  ])('refuses %s', (_name, data, message) => {
    expect(() => merge(data)).toThrow(refusal(message))
  })
})

describe('upserts and replacements', () => {
  test('an upsert starts from the filter equalities and applies the update', () => {
    const update = merge({ $inc: { n: 2 }, $push: { tags: { $each: ['b', 'a'], $sort: 1 } } }, { owner: 'o1', n: { $gt: 0 } })
    expect(update.create()).toEqual({ owner: 'o1', n: 2, tags: ['a', 'b'] })
  })

  test('an upsert whose update meets a field of the wrong type is refused', () => {
    expect(() => merge({ $inc: { owner: 1 } }, { owner: 'o1' }).create()).toThrow(refusal(/non-numeric type string/))
  })

  test('a replacement keeps the _id and refuses operators', () => {
    expect(compileUpdate({ data: { b: 1 }, filter: {}, replace: true }).apply({ _id: 'a', a: 1 })).toEqual({ _id: 'a', b: 1 })
    expect(() => compileUpdate({ data: { $set: { b: 1 } }, filter: {}, replace: true })).toThrow(refusal(/dollar \(\$\) prefixed field '\$set'/))
  })
})
