// The client database and its permissions (emulator/README.md, "Client database"), asserted per identity
// the way @firebase/rules-unit-testing asserts Firestore's rules: a call as one reader succeeds or is
// refused. Every call goes through the client builder the preview and the page tests use
// (emulator/client-db/client.ts) over real HTTP to the built emulator; set-up goes through the real
// wx-server-sdk (the admin side, which permissions never limit) or the real bookcase function.
import { mkdtempSync, readFileSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { clientDatabase, rejection } from '../../support/client-db'
import { connectSdk, ROOT, startEmulator, type EmulatorHandle } from '../../support/emulator'
import { rawRequest } from '../../support/raw-http'
import { dataAs } from '../../support/wx-cloud'

const A = 'o-client-db-reader-a'
const B = 'o-client-db-reader-b'
const DENIED = -502003

const ownRules = JSON.parse(readFileSync(path.join(ROOT, 'database/security-rules.json'), 'utf8')) as Record<string, unknown>
const modes = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/client-db/modes.json'), 'utf8')) as Record<string, unknown>

let emu: EmulatorHandle
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
let admin: any
const as = (openid: string | undefined) => clientDatabase(emu.url, openid)

beforeAll(async () => {
  // Bookcase's own rules, with the fixture's collections (one per mode) beside them.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bookcase-rules-')), 'security-rules.json')
  writeFileSync(file, JSON.stringify({ ...ownRules, ...modes }))
  emu = await startEmulator({ env: { BOOKCASE_SECURITY_RULES: file } })
  admin = connectSdk(emu.url).database()
  for (const name of ['readonly_notes', 'private_notes', 'adminwrite_notes', 'adminonly_notes', 'owned_notes', 'default_notes', 'members', 'groups']) {
    await admin.createCollection(name)
  }
})
afterAll(async () => {
  await emu?.stop()
})

/** Documents of A and B, written by the admin side. */
async function seed(collection: string): Promise<void> {
  for (const [owner, n] of [
    [A, 1],
    [A, 2],
    [B, 3],
  ] as const) {
    await admin.collection(collection).add({ data: { _id: `${collection}-${n}`, _openid: owner, n } })
  }
}

describe("Bookcase's own rules keep every client out", () => {
  test.each(['books', 'shelves', 'isbn_cache', 'rate_limits'])('%s: no read, count, add, update or remove, as any reader', async (name) => {
    await admin.collection(name).add({ data: { _id: `${name}-probe`, _openid: A } })
    for (const openid of [A, B, undefined]) {
      const c = as(openid).collection(name)
      expect((await rejection(c.get())).errCode).toBe(DENIED)
      expect((await rejection(c.where({ _openid: '{openid}' }).get())).errCode).toBe(DENIED)
      expect((await rejection(c.doc(`${name}-probe`).get())).errCode).toBe(DENIED)
      expect((await rejection(c.count())).errCode).toBe(DENIED)
      expect((await rejection(c.add({ data: { x: 1 } }))).errCode).toBe(DENIED)
      expect((await rejection(c.doc(`${name}-probe`).update({ data: { x: 1 } }))).errCode).toBe(DENIED)
      expect((await rejection(c.doc(`${name}-probe`).remove())).errCode).toBe(DENIED)
    }
    const denied = await rejection(as(A).collection(name).get())
    expect(denied.errMsg).toMatch(/^collection\.get:fail -502003 database permission denied/)
    expect((await admin.collection(name).doc(`${name}-probe`).get()).data._openid).toBe(A)
  })
})

describe('READONLY (all read, the creator writes)', () => {
  beforeAll(() => seed('readonly_notes'))

  test('every reader reads every document; updates and removes reach only their own', async () => {
    const b = as(B).collection('readonly_notes')
    expect((await b.orderBy('n', 'asc').get()).data).toHaveLength(3)
    expect((await b.doc('readonly_notes-1').get()).data).toMatchObject({ _openid: A, n: 1 })
    // Another's document: no error, nothing changed.
    expect(await b.doc('readonly_notes-1').update({ data: { n: 100 } })).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' })
    expect((await b.doc('readonly_notes-1').remove()).stats).toEqual({ removed: 0 })
    expect((await b.where({ n: as(B).command.gte(1) }).update({ data: { seen: true } })).stats).toEqual({ updated: 1 })
    expect((await admin.collection('readonly_notes').where({ seen: true }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['readonly_notes-3'])
    expect((await as(A).collection('readonly_notes').doc('readonly_notes-1').update({ data: { n: 10 } })).stats).toEqual({ updated: 1 })
  })

  test('a reader without identity reads but cannot write', async () => {
    const anon = as(undefined).collection('readonly_notes')
    expect((await anon.count()).total).toBe(3)
    expect((await rejection(anon.add({ data: { n: 9 } }))).errCode).toBe(DENIED)
    expect((await rejection(anon.doc('readonly_notes-3').update({ data: { n: 9 } }))).errCode).toBe(DENIED)
  })
})

describe('PRIVATE (only the creator reads and writes)', () => {
  beforeAll(() => seed('private_notes'))

  test('the implicit owner filter: each reader sees, counts and changes only their own', async () => {
    const b = as(B).collection('private_notes')
    expect((await b.get()).data.map((d) => (d as { _id: string })._id)).toEqual(['private_notes-3'])
    expect((await b.count()).total).toBe(1)
    expect((await as(A).collection('private_notes').count()).total).toBe(2)
    expect((await rejection(b.doc('private_notes-1').get())).errMsg).toMatch(/^document\.get:fail/)
    expect((await b.doc('private_notes-1').update({ data: { n: 0 } })).stats).toEqual({ updated: 0 })
    expect((await b.where({ n: 1 }).remove()).stats).toEqual({ removed: 0 })
    expect((await admin.collection('private_notes').doc('private_notes-1').get()).data.n).toBe(1)
  })

  test('add stamps the caller as _openid, over whatever the client sent; no update may change it', async () => {
    const b = as(B)
    const added = await b.collection('private_notes').add({ data: { title: 'mine', _openid: A, at: b.serverDate() } })
    expect(added.errMsg).toBe('collection.add:ok')
    const stored = (await admin.collection('private_notes').doc(added._id).get()).data
    expect(stored._openid).toBe(B)
    expect(stored.at).toBeInstanceOf(Date)
    expect((await rejection(b.collection('private_notes').doc(added._id as string).update({ data: { _openid: A } }))).errCode).toBe(DENIED)
    expect((await rejection(b.collection('private_notes').doc(added._id as string).update({ data: { title: b.command.rename('_openid') } }))).errCode).toBe(DENIED)
    const read = await b.collection('private_notes').doc(added._id as string).get()
    expect(read).toMatchObject({ errMsg: 'document.get:ok', data: { title: 'mine', _openid: B } })
    expect((read.data as { at: unknown }).at).toBeInstanceOf(Date)
  })

  test('the callback style of the classic demos: success, fail and complete', async () => {
    const c = as(A).collection('private_notes')
    const got = await new Promise<{ data: unknown[] }>((resolve, reject) => void c.get({ success: (res) => resolve(res as { data: unknown[] }), fail: reject }))
    expect(got.data).toHaveLength(2)
    const failed = await new Promise<{ errCode: number }>((resolve) => void as(A).collection('adminonly_notes').get({ fail: (err) => resolve(err as { errCode: number }) }).catch(() => {}))
    expect(failed.errCode).toBe(DENIED)
    const completed = await new Promise((resolve) => void c.doc('private_notes-1').update({ data: { touched: true }, complete: resolve }))
    expect(completed).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' })
  })

  test('a collection the rules do not name is PRIVATE', async () => {
    await seed('default_notes')
    expect((await as(A).collection('default_notes').get()).data).toHaveLength(2)
  })
})

describe('ADMINWRITE and ADMINONLY', () => {
  beforeAll(async () => {
    await seed('adminwrite_notes')
    await seed('adminonly_notes')
  })

  test('ADMINWRITE: all read, no client writes, not even to their own documents', async () => {
    const a = as(A).collection('adminwrite_notes')
    expect((await a.count()).total).toBe(3)
    expect((await rejection(a.add({ data: { n: 4 } }))).errCode).toBe(DENIED)
    expect((await rejection(a.doc('adminwrite_notes-1').update({ data: { n: 4 } }))).errCode).toBe(DENIED)
    expect((await rejection(a.doc('adminwrite_notes-1').set({ data: { n: 4 } }))).errCode).toBe(DENIED)
    expect((await rejection(a.doc('adminwrite_notes-1').remove())).errCode).toBe(DENIED)
  })

  test('ADMINONLY: no client access at all', async () => {
    const a = as(A).collection('adminonly_notes')
    expect((await rejection(a.get())).errCode).toBe(DENIED)
    expect((await rejection(a.count())).errCode).toBe(DENIED)
    expect((await rejection(a.add({ data: { n: 4 } }))).errCode).toBe(DENIED)
  })
})

describe('custom rules', () => {
  beforeAll(() => seed('owned_notes'))

  test('a query that is not a subset of the read rule is refused as a whole, even where it would match only own documents', async () => {
    const a = as(A).collection('owned_notes')
    expect((await rejection(a.get())).errCode).toBe(DENIED)
    expect((await rejection(a.where({ n: 1 }).get())).errCode).toBe(DENIED)
    expect((await rejection(a.doc('owned_notes-1').get())).errCode).toBe(DENIED)
    expect((await rejection(a.where({ _openid: B }).get())).errCode).toBe(DENIED)
  })

  test("with _openid pinned to '{openid}' (or the caller's own openid) the query runs, with no implicit filter", async () => {
    const a = as(A).collection('owned_notes')
    expect((await a.where({ _openid: '{openid}', n: as(A).command.lt(0).or(as(A).command.gt(1)) }).count()).total).toBe(1)
    expect((await a.where({ _openid: '{openid}' }).orderBy('n', 'desc').get()).data.map((d) => (d as { n: number }).n)).toEqual([2, 1])
    expect((await a.where({ _openid: A, n: 1 }).count()).total).toBe(1)
    expect((await a.where({ _id: 'owned_notes-1', _openid: '{openid}' }).update({ data: { n: 11 } })).stats).toEqual({ updated: 1 })
    expect((await rejection(a.where({ _id: 'owned_notes-3', _openid: B }).remove())).errCode).toBe(DENIED)
    expect((await as(B).collection('owned_notes').where({ _openid: '{openid}' }).remove()).stats).toEqual({ removed: 1 })
  })

  test('create falls back to write and sees the stamped document; an unset key is false', async () => {
    expect((await as(A).collection('owned_notes').add({ data: { n: 5 } })).errMsg).toBe('collection.add:ok')
    await admin.createCollection('open_reads')
    expect((await as(A).collection('open_reads').get()).data).toEqual([])
    expect((await rejection(as(A).collection('open_reads').add({ data: { n: 1 } }))).errCode).toBe(DENIED)
  })

  test("get('database.<collection>.<id>') reads another document; request.data is the new document", async () => {
    await admin.collection('groups').add({ data: { _id: 'g1', members: [A] } })
    await admin.collection('members').add({ data: { group: 'g1', title: 'hello' } })
    expect((await as(A).collection('members').where({ group: 'g1' }).get()).data).toHaveLength(1)
    expect((await rejection(as(B).collection('members').where({ group: 'g1' }).get())).errCode).toBe(DENIED)
    expect((await rejection(as(A).collection('members').get())).errCode).toBe(DENIED)
    expect((await as(A).collection('members').add({ data: { group: 'g1', title: 'x' } })).errMsg).toBe('collection.add:ok')
    expect((await rejection(as(A).collection('members').add({ data: { group: 'g1', title: '' } }))).errCode).toBe(DENIED)
  })
})

describe('queries, commands and limits', () => {
  beforeAll(async () => {
    await admin.createCollection('many')
    const docs = Array.from({ length: 30 }, (_, i) => ({ _id: `m${String(i).padStart(2, '0')}`, _openid: A, i, tags: ['t'], name: `n${i}` }))
    for (const doc of docs) await admin.collection('many').add({ data: doc })
  })

  test('a client query answers at most 20 documents, and 20 by default', async () => {
    const many = as(A).collection('many')
    expect((await many.get()).data).toHaveLength(20)
    expect((await many.limit(100).get()).data).toHaveLength(20)
    expect((await many.skip(25).get()).data).toHaveLength(5)
    expect((await many.limit(3).get()).data).toHaveLength(3)
  })

  test('db.command operators, field(), RegExp, update commands', async () => {
    const db = as(A)
    const _ = db.command
    const many = db.collection('many')
    const pick = async (query: ReturnType<typeof many.where>) => (await query.orderBy('i', 'asc').field({ i: true }).get()).data.map((d) => (d as { i: number }).i)
    expect(await pick(many.where({ i: _.gt(26) }))).toEqual([27, 28, 29])
    expect(await pick(many.where({ i: _.lt(2).or(_.gte(29)) }))).toEqual([0, 1, 29])
    expect(await pick(many.where(_.or([{ i: 3 }, { i: 4 }])))).toEqual([3, 4])
    expect(await pick(many.where({ i: _.in([5, 6]), name: db.RegExp({ regexp: '^N', options: 'i' }) }))).toEqual([5, 6])
    expect(await pick(many.where({ name: /^n1\d$/ }))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    expect((await many.where({ i: 1 }).field({ i: true }).get()).data).toEqual([{ _id: 'm01', i: 1 }])
    await many.doc('m00').update({ data: { i: _.inc(100), tags: _.push(['u']), extra: { deep: 1 } } })
    await many.doc('m00').update({ data: { tags: _.pull('t'), gone: _.remove() } })
    expect((await many.doc('m00').get()).data).toMatchObject({ i: 100, tags: ['u'], extra: { deep: 1 } })
    await expect(many.doc('m01').update({ data: { i: _.gt(1) } })).rejects.toThrow('a db.command cannot be used here')
    await many.doc('m02').update({ data: { tags: _.addToSet({ each: ['t', 'v'] }), list: _.set([1, 2, 3]) } })
    await many.doc('m02').update({ data: { tags: _.unshift('s'), list: _.pop() } })
    expect((await many.doc('m02').get()).data).toMatchObject({ tags: ['s', 't', 'v'], list: [1, 2] })
    expect((await many.doc('m99').set({ data: { i: -1 } })).stats).toEqual({ updated: 0, created: 1 })
    expect((await many.doc('m99').set({ data: { i: -2 } })).stats).toEqual({ updated: 1, created: 0 })
    expect((await admin.collection('many').doc('m99').get()).data).toEqual({ _id: 'm99', _openid: A, i: -2 })
  })

  test('malformed requests are 400 JSON and reach nothing', async () => {
    const post = (body: unknown) =>
      fetch(`${emu.url}/client/database`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': A }, body: JSON.stringify(body) })
    for (const body of [
      { collection: 'many', op: 'drop' },
      { collection: 'many', op: 'get', extra: 1 },
      { collection: '../x', op: 'get' },
      { collection: 'many', op: 'update', docId: 'm01', data: JSON.stringify({ $where: { x: 1 } }) },
      { collection: 'many', op: 'update', data: JSON.stringify({ $set: { x: 1 } }) },
      { collection: 'many', op: 'get', query: '{"i": ' },
      { collection: 'many', op: 'add', data: JSON.stringify({ $set: { x: 1 } }) },
      { collection: 'many', op: 'count', limit: 3 },
      { collection: 'many', op: 'get', field: { $where: true } },
    ]) {
      const res = await post(body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toEqual(expect.any(String))
    }
    expect((await admin.collection('many').count()).total).toBe(31)
  })

  test("only the emulator's own pages reach it: another site's page and a rebound name get 403 and change nothing", async () => {
    const own = `127.0.0.1:${emu.port}`
    const body = JSON.stringify({ collection: 'many', op: 'remove', query: JSON.stringify({}) })
    for (const headers of [
      { host: own, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      { host: `evil.example:${emu.port}` },
    ]) {
      const reply = await rawRequest(emu.port, {
        method: 'POST',
        target: '/client/database',
        headers: { ...headers, 'content-type': 'application/json', 'x-wx-openid': A },
        body,
      })
      expect(reply.status).toBe(403)
    }
    expect((await admin.collection('many').count()).total).toBe(31)
  })

  test('a missing collection answers the database error, not a crash', async () => {
    expect((await rejection(as(A).collection('nowhere').get())).errCode).toBe(-502005)
  })
})

test('a rule the platform would refuse stops the start with one line naming it', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bookcase-rules-')), 'security-rules.json')
  writeFileSync(file, JSON.stringify({ notes: { read: 'doc.a == process.env' } }))
  await expect(startEmulator({ env: { BOOKCASE_SECURITY_RULES: file } })).rejects.toThrow(/notes\.read: unknown variable process/)
})

describe('why the bookcase function enforces is_private', () => {
  let open: EmulatorHandle
  beforeAll(async () => {
    // The same project, but `books` in the mode where all read and only the creator writes.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bookcase-rules-')), 'security-rules.json')
    writeFileSync(file, JSON.stringify({ ...ownRules, books: 'READONLY' }))
    open = await startEmulator({ env: { BOOKCASE_SECURITY_RULES: file } })
  })
  afterAll(async () => {
    await open?.stop()
  })

  test("in READONLY, reader B's client reads reader A's private book directly", async () => {
    const added = await dataAs(open.url, A, { action: 'addBook', book: { title: 'A 的日记', authors: ['A'] }, is_private: true, note: 'secret' })
    const direct = await clientDatabase(open.url, B).collection('books').where({ _openid: A }).get()
    expect(direct.data).toEqual([expect.objectContaining({ _id: added.book.id, is_private: true, note: 'secret', _openid: A })])
    // B cannot change it (creator writes only), but reading was enough to leak it.
    expect((await clientDatabase(open.url, B).collection('books').doc(added.book.id).update({ data: { note: 'x' } })).stats).toEqual({ updated: 0 })
  })
})
