// The real wx-server-sdk against the emulator's admin API over loopback: every database action and
// the query / update operators the SDK can emit, with MongoDB semantics.
import { connectSdk, startEmulator, type EmulatorHandle } from '../../support/emulator'

type Doc = Record<string, unknown>

// wx-server-sdk's index.d.ts types every call as `Promise<R> | void` (callback overloads) and lacks
// several commands (expr, nor on fields, regex operands), so this suite drives it untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

let emu: EmulatorHandle
let cloud: Loose
let db: Loose
let _: Loose
let seq = 0
/** A fresh collection per test, so tests don't see each other's documents. */
async function freshCollection(docs: Doc[] = []) {
  const name = `t${++seq}_${Date.now().toString(36)}`
  await db.createCollection(name)
  const coll = db.collection(name)
  if (docs.length) await coll.add({ data: docs })
  return coll
}
const sortedTitles = (data: Doc[]) => data.map((d) => d.title).sort()

beforeAll(async () => {
  emu = await startEmulator()
  cloud = connectSdk(emu.url)
  db = cloud.database()
  _ = db.command
})
afterAll(async () => {
  await emu?.stop()
})

const books: Doc[] = [
  { title: 'Dune', pages: 412, tags: ['sf', 'classic'], author: { name: 'Herbert' }, year: 1965 },
  { title: 'Emma', pages: 474, tags: ['classic'], author: { name: 'Austen' }, year: 1815, note: null },
  { title: 'Neuromancer', pages: 271, tags: ['sf', 'cyberpunk'], author: { name: 'Gibson' }, year: 1984 },
  { title: 'Dracula', pages: 418, tags: [], author: { name: 'Stoker' }, year: 1897, scores: [{ k: 'a', v: 3 }, { k: 'b', v: 9 }] },
]

describe('insert and read', () => {
  test('add one and many, doc().get(), dates and serverDate come back as Date', async () => {
    const coll = await freshCollection()
    const one = await coll.add({ data: { title: 'X', at: new Date('2020-01-02T03:04:05.678Z'), made: db.serverDate() } })
    expect(one._id).toMatch(/^[0-9a-f]{32}$/)
    const many = (await coll.add({ data: [{ title: 'Y' }, { _id: 'mine', title: 'Z' }] })) as unknown as { _ids: string[] }
    expect(many._ids).toHaveLength(2)
    expect(many._ids[1]).toBe('mine')
    const { data } = (await coll.doc(one._id as string).get()) as { data: Doc }
    expect(data.at).toEqual(new Date('2020-01-02T03:04:05.678Z'))
    expect(data.made).toBeInstanceOf(Date)
    expect(Math.abs((data.made as Date).getTime() - Date.now())).toBeLessThan(60_000)
    expect((await coll.count()).total).toBe(3)
  })

  test('a missing document throws document.get:fail, or is null with throwOnNotFound: false', async () => {
    const coll = await freshCollection()
    await expect(coll.doc('nope').get()).rejects.toMatchObject({ errCode: -1 })
    const lenient = cloud.database({ throwOnNotFound: false } as never)
    const { data } = await lenient.collection((coll as unknown as { collectionName: string }).collectionName).doc('nope').get()
    expect(data).toBeNull()
  })

  test('a missing collection answers -502005; createCollection makes it; an existing one is refused', async () => {
    await expect(db.collection('never_created').get()).rejects.toMatchObject({ errCode: -502005 })
    await expect(db.collection('never_created').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 })
    await db.createCollection('created_later')
    await expect(db.collection('created_later').get()).resolves.toMatchObject({ data: [] })
    await expect(db.createCollection('created_later')).rejects.toBeDefined()
  })

  test('the collections of database/indexes.json exist from the start', async () => {
    for (const name of ['books', 'shelves', 'isbn_cache']) await expect(db.collection(name).count()).resolves.toMatchObject({ total: expect.any(Number) })
  })

  test('duplicate _id and unique index violations answer E11000 (-502001)', async () => {
    const coll = await freshCollection([{ _id: 'a', n: 1 }])
    await expect(coll.add({ data: { _id: 'a' } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('E11000') })
    const shelves = db.collection('shelves')
    await shelves.add({ data: { _openid: 'o-unique', shareId: 's-unique-1' } })
    await expect(shelves.add({ data: { _openid: 'o-unique', shareId: 's-unique-2' } })).rejects.toMatchObject({ errCode: -502001 })
    // A failed batch leaves nothing behind.
    await expect(shelves.add({ data: [{ _openid: 'o-u2', shareId: 's-u3' }, { _openid: 'o-u3', shareId: 's-unique-1' }] })).rejects.toBeDefined()
    expect((await shelves.where({ _openid: 'o-u2' }).count()).total).toBe(0)
    // The partial unique index (owner, isbn) only covers books with an isbn.
    const b = db.collection('books')
    await b.add({ data: [{ _openid: 'o-p', title: 'no isbn 1' }, { _openid: 'o-p', title: 'no isbn 2' }] })
    await b.add({ data: { _openid: 'o-p', isbn: '9787536692930' } })
    await expect(b.add({ data: { _openid: 'o-p', isbn: '9787536692930' } })).rejects.toMatchObject({ errCode: -502001 })
    // Updating into a conflict is refused too, and changes nothing.
    const other = await b.add({ data: { _openid: 'o-p', isbn: '9780135957059' } })
    await expect(b.doc(other._id as string).update({ data: { isbn: '9787536692930' } })).rejects.toMatchObject({ errCode: -502001 })
    expect(((await b.doc(other._id as string).get()).data as Doc).isbn).toBe('9780135957059')
  })
})

describe('queries', () => {
  test('where, orderBy on several fields, skip, limit, field projection', async () => {
    const coll = await freshCollection([
      { title: 'a', g: 1, n: 3, extra: 'x' },
      { title: 'b', g: 2, n: 1, extra: 'x' },
      { title: 'c', g: 1, n: 2, extra: 'x' },
      { title: 'd', g: 2, n: 5, extra: 'x' },
      { title: 'e', g: 1, n: 2, extra: 'x' },
    ])
    const { data } = await coll.where({ n: _.gte(1) }).orderBy('g', 'desc').orderBy('n', 'asc').orderBy('title', 'desc').get()
    expect(data.map((d: Doc) => d.title)).toEqual(['b', 'd', 'e', 'c', 'a'])
    const page = await coll.orderBy('title', 'asc').skip(1).limit(2).field({ title: true, n: true }).get()
    expect(page.data).toEqual([
      { _id: expect.any(String), title: 'b', n: 1 },
      { _id: expect.any(String), title: 'c', n: 2 },
    ])
    const excluded = await coll.where({ title: 'a' }).field({ extra: false }).get()
    expect(excluded.data[0]).not.toHaveProperty('extra')
    expect(excluded.data[0]).toHaveProperty('g', 1)
  })

  test('limits: 100 by default, at most 1000', async () => {
    const coll = await freshCollection()
    const docs = Array.from({ length: 1100 }, (_x, i) => ({ i }))
    for (let i = 0; i < docs.length; i += 500) await coll.add({ data: docs.slice(i, i + 500) })
    expect((await coll.get()).data).toHaveLength(100)
    expect((await coll.limit(5000).get()).data).toHaveLength(1000)
    expect((await coll.count()).total).toBe(1100)
    expect((await coll.where({ i: _.gte(1090) }).get()).data).toHaveLength(10)
  })

  test.each([
    ['eq / nested path', () => ({ 'author.name': 'Herbert' }), ['Dune']],
    ['nested object is a per-field match', () => ({ author: { name: 'Gibson' } }), ['Neuromancer']],
    ['neq', () => ({ year: _.neq(1965) }), ['Dracula', 'Emma', 'Neuromancer']],
    ['gt / lt', () => ({ pages: _.gt(300).and(_.lt(450)) }), ['Dracula', 'Dune']],
    ['gte / lte', () => ({ pages: _.gte(418), year: _.lte(1900) }), ['Dracula', 'Emma']],
    ['in / nin', () => ({ year: _.in([1965, 1984]), title: _.nin(['Dune']) }), ['Neuromancer']],
    ['or (field level)', () => ({ pages: _.lt(300).or(_.gt(470)) }), ['Emma', 'Neuromancer']],
    ['or (top level)', () => _.or([{ title: 'Dune' }, { year: 1815 }]), ['Dune', 'Emma']],
    ['and (top level)', () => _.and([{ tags: 'sf' }, { pages: _.gt(300) }]), ['Dune']],
    ['nor', () => _.nor([{ tags: 'sf' }, { year: 1897 }]), ['Emma']],
    ['not', () => ({ pages: _.not(_.gt(400)) }), ['Neuromancer']],
    ['not regex', () => ({ title: _.not(/^d/i) }), ['Emma', 'Neuromancer']],
    ['regex literal', () => ({ title: /^d.*a$/i }), ['Dracula']],
    ['db.RegExp', () => ({ title: db.RegExp({ regexp: 'MANCER', options: 'i' }) }), ['Neuromancer']],
    ['regex with the g flag (forwarded by the SDK)', () => ({ title: /un/g }), ['Dune']],
    ['exists', () => ({ scores: _.exists(true) }), ['Dracula']],
    ['exists false', () => ({ scores: _.exists(false), note: _.exists(false) }), ['Dune', 'Neuromancer']],
    ['null matches missing and null', () => ({ note: null }), ['Dracula', 'Dune', 'Emma', 'Neuromancer']],
    ['eq null', () => ({ note: _.eq(null), year: _.gt(1900) }), ['Dune', 'Neuromancer']],
    ['size', () => ({ tags: _.size(2) }), ['Dune', 'Neuromancer']],
    ['array contains', () => ({ tags: 'cyberpunk' }), ['Neuromancer']],
    ['all', () => ({ tags: _.all(['sf', 'classic']) }), ['Dune']],
    ['elemMatch', () => ({ scores: _.elemMatch({ k: 'b', v: _.gt(5) }) }), ['Dracula']],
    // (A command nested inside all(elemMatch()) is serialized as garbage by the SDK itself.)
    ['all of elemMatch', () => ({ scores: _.all([_.elemMatch({ k: 'b' })]) }), ['Dracula']],
    ['mod', () => ({ year: _.mod([5, 0]) }), ['Dune', 'Emma']],
    ['expr', () => _.expr(_.aggregate.gt(['$pages', '$year'])), []],
    ['expr on two fields', () => _.expr(_.aggregate.lt(['$pages', '$year'])), ['Dracula', 'Dune', 'Emma', 'Neuromancer']],
  ])('%s', async (_name, where, expected) => {
    const coll = await freshCollection(books)
    const { data } = await coll.where(where() as never).get()
    expect(sortedTitles(data)).toEqual(expected)
    expect((await coll.where(where() as never).count()).total).toBe(expected.length)
  })

  test('aggregate: match, group, sort, project, unwind, count', async () => {
    const coll = await freshCollection(books)
    const { list } = await coll
      .aggregate()
      .match({ pages: _.gt(300) })
      .unwind('$tags')
      .group({ _id: '$tags', n: _.aggregate.sum(1), pages: _.aggregate.max('$pages') })
      .sort({ n: -1, _id: 1 })
      .project({ n: 1, pages: 1 })
      .end()
    expect(list).toEqual([
      { _id: 'classic', n: 2, pages: 474 },
      { _id: 'sf', n: 1, pages: 412 },
    ])
    const counted = await coll.aggregate().match({ tags: 'sf' }).count('n').end()
    expect(counted.list).toEqual([{ n: 2 }])
  })

  test('aggregate lookup joins another collection; doc().field() projects one document', async () => {
    const shelves = await freshCollection([{ _id: 's1', owner: 'o1', name: '阿青的书架' }])
    const shelfName = (shelves as unknown as { collectionName: string }).collectionName
    const coll = await freshCollection([{ _id: 'b1', owner: 'o1', title: '三体', note: 'secret' }])
    const { list } = await coll
      .aggregate()
      .lookup({ from: shelfName, localField: 'owner', foreignField: 'owner', as: 'shelf' })
      .project({ title: 1, 'shelf.name': 1 })
      .end()
    expect(list).toEqual([{ _id: 'b1', title: '三体', shelf: [{ name: '阿青的书架' }] }])
    expect((await coll.doc('b1').field({ title: true }).get()).data).toEqual({ _id: 'b1', title: '三体' })
  })

  test('a query the database refuses is DATABASE_REQUEST_FAILED (-502001), not a system error', async () => {
    const coll = await freshCollection([{ s: 'x' }])
    await expect(coll.where({ s: { $frob: 1 } }).get()).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringContaining('$frob') })
    await expect(coll.where({ s: db.RegExp({ regexp: '(', options: '' }) }).count()).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('Regular expression is invalid'),
    })
    // Aggregations throw with errCode -1 and the string code (emulator/README.md, "Error codes").
    await expect(coll.aggregate().project({ s: { $frob: 1 } }).end()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  })

  test('sorting puts missing and null before numbers and strings, as MongoDB does', async () => {
    const coll = await freshCollection([{ _id: 'a', v: 'x' }, { _id: 'b', v: 2 }, { _id: 'c' }, { _id: 'd', v: null }, { _id: 'e', v: 1 }])
    const { data } = await coll.orderBy('v', 'asc').orderBy('_id', 'asc').get()
    expect(data.map((d: Doc) => d._id)).toEqual(['c', 'd', 'e', 'b', 'a'])
  })
})

describe('updates', () => {
  async function updated(start: Doc, data: Doc): Promise<Doc> {
    const coll = await freshCollection([{ _id: 'u', ...start }])
    const res = await coll.doc('u').update({ data })
    expect(res.stats.updated).toBe(1)
    const { data: doc } = await coll.doc('u').get()
    return doc as Doc
  }

  test.each([
    ['set merges nested objects', { a: 1, n: { x: 1, y: 2 } }, () => ({ n: { y: 3 }, b: 2 }), { a: 1, b: 2, n: { x: 1, y: 3 } }],
    ['_.set replaces the whole value', { n: { x: 1, y: 2 } }, () => ({ n: _.set({ z: 1 }) }), { n: { z: 1 } }],
    ['inc / mul', { a: 1, b: 2 }, () => ({ a: _.inc(2), b: _.mul(1.5) }), { a: 3, b: 3 }],
    ['min / max', { a: 5, b: 5 }, () => ({ a: _.min(3), b: _.max(10) }), { a: 3, b: 10 }],
    ['rename', { a: 1 }, () => ({ a: _.rename('b') }), { b: 1 }],
    ['remove (unset)', { a: 1, b: 2 }, () => ({ a: _.remove() }), { b: 2 }],
    ['push one and many', { a: [1] }, () => ({ a: _.push([2, 3]) }), { a: [1, 2, 3] }],
    ['push each/position/slice/sort', { a: [5, 1] }, () => ({ a: _.push({ each: [3, 9], position: 1, sort: -1, slice: 3 }) }), { a: [9, 5, 3] }],
    ['pop / shift', { a: [1, 2, 3], b: [1, 2, 3] }, () => ({ a: _.pop(), b: _.shift() }), { a: [1, 2], b: [2, 3] }],
    ['unshift', { a: [3] }, () => ({ a: _.unshift([1, 2]) }), { a: [1, 2, 3] }],
    ['pull by value and condition', { a: [1, 5, 2, 7], b: [{ x: 1 }, { x: 3 }] }, () => ({ a: _.pull(_.gt(4)), b: _.pull({ x: _.gt(2) }) }), { a: [1, 2], b: [{ x: 1 }] }],
    ['pullAll', { a: [1, 2, 3, 2] }, () => ({ a: _.pullAll([2, 3]) }), { a: [1] }],
    ['addToSet one', { a: [1] }, () => ({ a: _.addToSet(2) }), { a: [1, 2] }],
    ['addToSet an array adds it as one element', { a: [1] }, () => ({ a: _.addToSet([2, 3]) }), { a: [1, [2, 3]] }],
    ['addToSet each (deduplicated)', { a: [1] }, () => ({ a: _.addToSet({ each: [1, 2, 2] }) }), { a: [1, 2] }],
    ['addToSet each on a missing field', {}, () => ({ a: _.addToSet({ each: [5, 5, 4] }) }), { a: [5, 4] }],
    ['array element by index', { a: [{ x: 1 }, { x: 2 }] }, () => ({ 'a.1.x': 9 }), { a: [{ x: 1 }, { x: 9 }] }],
    ['an index past the end pads with null', { a: [1] }, () => ({ 'a.3': 9 }), { a: [1, null, null, 9] }],
    ['set creates the objects on its path', {}, () => ({ 'a.b.c': 1 }), { a: { b: { c: 1 } } }],
    ['inc creates a missing field', {}, () => ({ a: _.inc(2) }), { a: 2 }],
    ['mul creates a missing field as 0', {}, () => ({ a: _.mul(3) }), { a: 0 }],
    ['min / max create a missing field', {}, () => ({ a: _.min(3), b: _.max(4) }), { a: 3, b: 4 }],
    ['push creates a missing array, with its modifiers', {}, () => ({ a: _.push({ each: [3, 1, 2], sort: 1, slice: 2 }) }), { a: [1, 2] }],
    ['push sorts documents by a field', { a: [{ k: 2 }] }, () => ({ a: _.push({ each: [{ k: 3 }, { k: 1 }], sort: { k: -1 } }) }), { a: [{ k: 3 }, { k: 2 }, { k: 1 }] }],
    ['push at a negative position counts from the end', { a: [1, 2, 3] }, () => ({ a: _.push({ each: [9], position: -1 }) }), { a: [1, 2, 9, 3] }],
    ['addToSet keeps the duplicates already there', { a: [1, 1] }, () => ({ a: _.addToSet(2) }), { a: [1, 1, 2] }],
    ['addToSet of an element present', { a: [1, 2], b: 0 }, () => ({ a: _.addToSet(2), b: _.inc(1) }), { a: [1, 2], b: 1 }],
  ])('%s', async (_name, start, data, expected) => {
    expect(await updated(start, data() as Doc)).toEqual({ _id: 'u', ...expected })
  })

  test('pop, shift and pull on a missing field, and remove inside a string, change nothing', async () => {
    const coll = await freshCollection([{ _id: 'm', s: 'str' }])
    for (const data of [{ a: _.pop() }, { a: _.shift() }, { a: _.pull(1) }, { a: _.pullAll([1]) }, { 's.b': _.remove() }, { a: _.rename('b') }]) {
      expect((await coll.doc('m').update({ data })).stats.updated).toBe(0)
    }
    expect((await coll.doc('m').get()).data).toEqual({ _id: 'm', s: 'str' })
  })

  test('serverDate in an update', async () => {
    const doc = await updated({}, { at: db.serverDate({ offset: 60_000 }) } as Doc)
    expect((doc.at as Date).getTime() - Date.now()).toBeGreaterThan(30_000)
  })

  test('set() replaces the document or upserts it', async () => {
    const coll = await freshCollection([{ _id: 'r', a: 1, b: 2 }])
    const replaced = await coll.doc('r').set({ data: { c: 3 } })
    expect(replaced.stats).toMatchObject({ updated: 1, created: 0 })
    expect((await coll.doc('r').get()).data).toEqual({ _id: 'r', c: 3 })
    const created = await coll.doc('new').set({ data: { d: 4 } })
    expect(created.stats).toMatchObject({ updated: 0, created: 1 })
    expect((await coll.doc('new').get()).data).toEqual({ _id: 'new', d: 4 })
  })

  test('where().update() updates every match; a no-op and a miss update nothing', async () => {
    const coll = await freshCollection([{ g: 1 }, { g: 1 }, { g: 2 }])
    expect((await coll.where({ g: 1 }).update({ data: { seen: true } })).stats.updated).toBe(2)
    expect((await coll.where({ seen: true }).count()).total).toBe(2)
    expect((await coll.where({ g: 1 }).update({ data: { seen: true } })).stats.updated).toBe(0)
    expect((await coll.where({ g: 9 }).update({ data: { seen: true } })).stats.updated).toBe(0)
    expect((await coll.doc('missing').update({ data: { a: 1 } })).stats.updated).toBe(0)
  })

  test('remove: by doc and by where, with stats', async () => {
    const coll = await freshCollection([{ _id: 'x', g: 1 }, { g: 1 }, { g: 2 }, { g: 2 }])
    expect((await coll.doc('x').remove()).stats.removed).toBe(1)
    expect((await coll.doc('x').remove()).stats.removed).toBe(0)
    expect((await coll.where({ g: 2 }).remove()).stats.removed).toBe(2)
    expect((await coll.count()).total).toBe(1)
  })

  test('50 concurrent inc on one document give exactly +50', async () => {
    const coll = await freshCollection([{ _id: 'c', n: 0 }])
    await Promise.all(Array.from({ length: 50 }, () => coll.doc('c').update({ data: { n: _.inc(1) } })))
    expect(((await coll.doc('c').get()).data as Doc).n).toBe(50)
  })
})

// MongoDB's type rules for update operators, which CloudBase follows and mingo does not: an operator
// on a field of the wrong type fails the whole request with DATABASE_REQUEST_FAILED (-502001) and
// changes nothing, whether it reaches one document or several.
describe('update operators refuse a field of the wrong type', () => {
  const REQUEST_FAILED = -502001
  const bad = '{_id: "bad"}'

  // [name, fields of the documents the update works on, fields of the one it refuses, update, message]
  test.each<[string, Doc, Doc, () => Doc, string]>([
    ['inc on a string', { v: 1 }, { v: 'x' }, () => ({ v: _.inc(1) }), `Cannot apply $inc to a value of non-numeric type. ${bad} has the field 'v' of non-numeric type string`],
    ['mul on an array', { v: 2 }, { v: [2] }, () => ({ v: _.mul(2) }), `Cannot apply $mul to a value of non-numeric type. ${bad} has the field 'v' of non-numeric type array`],
    ['inc inside a nested field', { o: { n: 1 } }, { o: { n: null } }, () => ({ o: { n: _.inc(1) } }), `${bad} has the field 'n' of non-numeric type null`],
    ['push on a string', { v: [1] }, { v: 's' }, () => ({ v: _.push(2) }), `The field 'v' must be an array but is of type string in document ${bad}`],
    ['push each/position/slice/sort on an object', { v: [3, 1] }, { v: { a: 1 } }, () => ({ v: _.push({ each: [2], position: 0, slice: 2, sort: 1 }) }), "The field 'v' must be an array but is of type object"],
    ['unshift on a number', { v: [1] }, { v: 5 }, () => ({ v: _.unshift(0) }), "The field 'v' must be an array but is of type int"],
    ['pop on a string', { v: [1, 2] }, { v: 's' }, () => ({ v: _.pop() }), "Path 'v' contains an element of non-array type 'string'"],
    ['shift on a boolean', { v: [1, 2] }, { v: true }, () => ({ v: _.shift() }), "Path 'v' contains an element of non-array type 'bool'"],
    ['pull on a string', { v: [1, 2] }, { v: 's' }, () => ({ v: _.pull(1) }), 'Cannot apply $pull to a non-array value'],
    ['pull with a condition on an object', { v: [1, 5] }, { v: { a: 5 } }, () => ({ v: _.pull(_.gt(2)) }), 'Cannot apply $pull to a non-array value'],
    ['pullAll on a number', { v: [1, 2] }, { v: 1 }, () => ({ v: _.pullAll([1]) }), 'Cannot apply $pull to a non-array value'],
    ['addToSet on a string', { v: [1] }, { v: 's' }, () => ({ v: _.addToSet(2) }), "Cannot apply $addToSet to non-array field. Field named 'v' has non-array type string"],
    ['addToSet each on null', { v: [1] }, { v: null }, () => ({ v: _.addToSet({ each: [2, 3] }) }), "Field named 'v' has non-array type null"],
    ['set a field inside a string', { v: { a: 1 } }, { v: 's' }, () => ({ v: { b: 1 } }), `Cannot create field 'b' in element {v: "s"}`],
    ['_.set inside null', { v: {} }, { v: null }, () => ({ 'v.b': _.set({ c: 1 }) }), "Cannot create field 'b' in element {v: null}"],
    ['set a named field inside an array', { v: {} }, { v: [1] }, () => ({ 'v.b': 1 }), "Cannot create field 'b' in element {v: [ 1 ]}"],
    ['inc inside a string', { v: { n: 1 } }, { v: 's' }, () => ({ 'v.n': _.inc(1) }), `Cannot create field 'n' in element {v: "s"}`],
    ['min inside a number', { v: { n: 5 } }, { v: 5 }, () => ({ 'v.n': _.min(1) }), "Cannot create field 'n' in element {v: 5}"],
    ['max inside a string', { v: { n: 5 } }, { v: 's' }, () => ({ 'v.n': _.max(9) }), `Cannot create field 'n' in element {v: "s"}`],
    ['push inside a string', { v: { a: [] } }, { v: 's' }, () => ({ 'v.a': _.push(1) }), `Cannot create field 'a' in element {v: "s"}`],
    ['addToSet inside an array', { v: { a: [] } }, { v: [{ a: [] }] }, () => ({ 'v.a': _.addToSet(1) }), "Cannot create field 'a' in element {v: [ { a: [] } ]}"],
    ['pop inside a string', { v: { a: [1] } }, { v: 's' }, () => ({ 'v.a': _.pop() }), `Cannot use the part (a) of (v.a) to traverse the element ({v: "s"})`],
    ['pull inside a number', { v: { a: [1] } }, { v: 1 }, () => ({ 'v.a': _.pull(1) }), 'Cannot use the part (a) of (v.a) to traverse the element ({v: 1})'],
    ['rename from inside a string', { v: { a: 1 } }, { v: 's' }, () => ({ 'v.a': _.rename('w') }), `Cannot use the part (a) of (v.a) to traverse the element ({v: "s"})`],
    ['rename to inside a string', { v: 1, w: {} }, { v: 1, w: 's' }, () => ({ v: _.rename('w.x') }), `Cannot create field 'x' in element {w: "s"}`],
    ['rename out of an array', { v: { 0: 1 } }, { v: [1] }, () => ({ 'v.0': _.rename('w') }), `The source field cannot be an array element, 'v.0' in doc with _id: "bad" has an array field called 'v'`],
  ])('%s', async (_name, good, wrong, data, message) => {
    const docs = [
      { _id: 'good1', g: 1, ...good },
      { _id: 'bad', g: 1, ...wrong },
      { _id: 'good2', g: 1, ...good },
    ]
    const coll = await freshCollection(docs)
    const refused = { errCode: REQUEST_FAILED, errMsg: expect.stringContaining(message) }
    await expect(coll.doc('bad').update({ data: data() })).rejects.toMatchObject(refused)
    expect((await coll.doc('bad').get()).data).toEqual(docs[1])
    // Several documents: the refused one fails the request, and the ones before it are not kept.
    await expect(coll.where({ g: 1 }).update({ data: data() })).rejects.toMatchObject(refused)
    expect((await coll.orderBy('_id', 'asc').get()).data).toEqual([docs[1], docs[0], docs[2]])
    // The same update on a document of the right type works.
    expect((await coll.doc('good1').update({ data: data() })).stats.updated).toBe(1)
  })

  test('inc / mul with an operand that is not a number are refused, even when nothing matches', async () => {
    const coll = await freshCollection([{ _id: 'a', v: 1 }])
    await expect(coll.doc('a').update({ data: { v: _.inc('2') } })).rejects.toMatchObject({
      errCode: REQUEST_FAILED,
      errMsg: expect.stringContaining('Cannot increment with non-numeric argument: {v: "2"}'),
    })
    await expect(coll.where({ v: 99 }).update({ data: { v: _.mul('2') } })).rejects.toMatchObject({
      errCode: REQUEST_FAILED,
      errMsg: expect.stringContaining('Cannot multiply with non-numeric argument: {v: "2"}'),
    })
    expect((await coll.doc('a').get()).data).toEqual({ _id: 'a', v: 1 })
  })

  test('two operators on one path, or on a path and a field inside it, conflict', async () => {
    const coll = await freshCollection([{ _id: 'a', v: [1], n: 0 }])
    await expect(coll.doc('a').update({ data: { v: _.push(2), 'v.0': 5 } })).rejects.toMatchObject({
      errCode: REQUEST_FAILED,
      errMsg: expect.stringMatching(/Updating the path 'v(\.0)?' would create a conflict at 'v'/),
    })
    await expect(coll.doc('a').update({ data: { n: _.inc(1), m: _.rename('n') } })).rejects.toMatchObject({
      errCode: REQUEST_FAILED,
      errMsg: expect.stringContaining("would create a conflict at 'n'"),
    })
    expect((await coll.doc('a').get()).data).toEqual({ _id: 'a', v: [1], n: 0 })
  })

})

describe('transactions', () => {
  test('runTransaction commits all of its writes', async () => {
    const coll = await freshCollection([{ _id: 'a', n: 10 }, { _id: 'b', n: 0 }])
    const name = (coll as unknown as { collectionName: string }).collectionName
    const result = await db.runTransaction(async (t: Loose) => {
      const a = (await t.collection(name).doc('a').get()).data as Doc
      await t.collection(name).doc('a').update({ data: { n: (a.n as number) - 3 } })
      await t.collection(name).doc('b').update({ data: { n: _.inc(3) } })
      await t.collection(name).add({ data: { _id: 'c', made: true } })
      return 'done'
    })
    expect(result).toBe('done')
    expect(((await coll.doc('a').get()).data as Doc).n).toBe(7)
    expect(((await coll.doc('b').get()).data as Doc).n).toBe(3)
    expect((await coll.doc('c').get()).data).toEqual({ _id: 'c', made: true })
  })

  test('a throwing transaction and rollback() leave nothing behind', async () => {
    const coll = await freshCollection([{ _id: 'a', n: 1 }])
    const name = (coll as unknown as { collectionName: string }).collectionName
    await expect(
      db.runTransaction(async (t: Loose) => {
        await t.collection(name).doc('a').update({ data: { n: 2 } })
        await t.collection(name).add({ data: { _id: 'b' } })
        await t.collection(name).doc('a').remove()
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    await expect(
      db.runTransaction(async (t: Loose) => {
        await t.collection(name).doc('a').set({ data: { replaced: true } })
        await t.rollback('custom-reason')
      }),
    ).rejects.toBe('custom-reason')
    expect((await coll.get()).data).toEqual([{ _id: 'a', n: 1 }])
  })

  test('writes outside a transaction wait for it (isolation)', async () => {
    const coll = await freshCollection([{ _id: 'a', n: 0 }])
    const name = (coll as unknown as { collectionName: string }).collectionName
    const tx = await db.startTransaction()
    await tx.collection(name).doc('a').update({ data: { n: 100 } })
    // This read and this write queue behind the transaction.
    const outsideRead = coll.doc('a').get()
    const outsideWrite = coll.doc('a').update({ data: { n: _.inc(1) } })
    await tx.rollback()
    expect(((await outsideRead).data as Doc).n).toBe(0)
    await outsideWrite
    expect(((await coll.doc('a').get()).data as Doc).n).toBe(1)
  })

  test('the data viewer reads through the store: it waits for a transaction and never shows its writes', async () => {
    const coll = await freshCollection([{ _id: 'seen', n: 0 }])
    const name = (coll as unknown as { collectionName: string }).collectionName
    const tx = await db.startTransaction()
    await tx.collection(name).add({ data: { _id: 'uncommitted' } })
    let settled = false
    const page = fetch(`${emu.url}/_/data?c=${name}`).then(async (res) => ((settled = true), res.text()))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(settled).toBe(false)
    await tx.rollback()
    const html = await page
    expect(html).toContain('&quot;seen&quot;')
    expect(html).not.toContain('uncommitted')
    expect(html).toContain('1 documents')
  })
})
