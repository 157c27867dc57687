// Property-based checks through the real gateway → function → emulator path:
// 1. random sequences of actions by two readers never leak one reader's private book, note or OpenID
//    into anything the other reader receives (and no answer ever carries any OpenID), and never store
//    a field outside the contract in a book or a shelf;
// 2. fuzzed events (wrong types, operator objects, huge strings, unknown actions and keys) all answer a
//    documented error code, never crash the function and never write to the database.
import fc from 'fast-check'
import type { ActionName, ApiRequest, ApiResult } from '../../../typings/api'
import { strayFields } from './contract-fields'
import { startFunctionHarness, type FunctionHarness } from './harness'

jest.setTimeout(600_000)

let h: FunctionHarness
beforeAll(async () => {
  h = await startFunctionHarness()
})
afterAll(() => h.close())

// --- 1. no leaks between two readers -----------------------------------------------------------------

type Actor = 0 | 1
type Step =
  | { kind: 'add'; actor: Actor; isPrivate: boolean }
  | { kind: 'update'; actor: Actor; pick: number; isPrivate: boolean }
  | { kind: 'remove'; actor: Actor; pick: number }
  | { kind: 'publish'; actor: Actor; isPublic: boolean }
  | { kind: 'rotate'; actor: Actor }
  | { kind: 'peek'; actor: Actor; how: 'view' | 'viewSearch' | 'getShared' | 'getBook' | 'update' | 'remove' | 'list' | 'tags'; pick: number; oldLink: boolean }

const actor = fc.constantFrom<Actor>(0, 1)
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), actor, isPrivate: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), actor, pick: fc.nat(9), isPrivate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), actor, pick: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('publish' as const), actor, isPublic: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rotate' as const), actor }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('peek' as const),
      actor,
      how: fc.constantFrom('view' as const, 'viewSearch' as const, 'getShared' as const, 'getBook' as const, 'update' as const, 'remove' as const, 'list' as const, 'tags' as const),
      pick: fc.nat(9),
      oldLink: fc.boolean(),
    }),
  },
)

interface ModelBook {
  id: string
  title: string
  /** Each book's own tag, so a tag in an answer names its book. */
  tag: string
  isPrivate: boolean
}
interface ModelReader {
  openid: string
  books: ModelBook[]
  /** Every note this reader ever wrote: none may ever reach the other reader. */
  notes: string[]
  shareIds: string[]
}

let run = 0
test('random action sequences by two readers never leak a private book, a note or an OpenID, nor store a stray field (1,000 runs)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      run++
      const stamp = `${run.toString(36)}x${Date.now().toString(36)}`
      const newReader = (i: number): ModelReader => ({ openid: `oProp${i}-${stamp}`, books: [], notes: [], shareIds: [] })
      const readers: [ModelReader, ModelReader] = [newReader(0), newReader(1)]
      let counter = 0
      const unique = (prefix: string) => `${prefix}${stamp}q${counter++}Z`

      /** Calls as `who` and checks the answer against everything `who` must never see. */
      const callAs = async <A extends ActionName>(who: Actor, request: ApiRequest<A>): Promise<ApiResult<unknown>> => {
        const result = await h.call(readers[who].openid, request)
        const text = JSON.stringify(result)
        const other = readers[1 - who]
        for (const r of readers) if (text.includes(r.openid)) throw new Error(`OpenID in ${request.action} answer: ${text}`)
        for (const note of other.notes) if (text.includes(note)) throw new Error(`other reader's note leaked by ${request.action}: ${text}`)
        for (const book of other.books.filter((b) => b.isPrivate)) {
          if (text.includes(book.id) || text.includes(book.title) || text.includes(book.tag)) throw new Error(`private book leaked by ${request.action}: ${text}`)
        }
        if (!result.ok && result.error.code === 'INTERNAL') throw new Error(`INTERNAL on ${request.action}`)
        return result
      }

      for (const who of [0, 1] as const) {
        const shelf = await callAs(who, { action: 'getShelf' })
        if (!shelf.ok) throw new Error('getShelf failed')
        readers[who].shareIds.push((shelf.data as { shareId: string }).shareId)
      }

      for (const s of steps) {
        const me = readers[s.actor]
        const other = readers[1 - s.actor]
        const mine = (pick: number) => me.books[pick % Math.max(1, me.books.length)]
        switch (s.kind) {
          case 'add': {
            const title = unique('TITLE')
            const note = unique('NOTE')
            const tag = unique('TAG')
            me.notes.push(note)
            const result = await callAs(s.actor, { action: 'addBook', book: { title }, note, tags: [tag], is_private: s.isPrivate })
            if (!result.ok) throw new Error('addBook failed')
            me.books.push({ id: (result.data as { book: { id: string } }).book.id, title, tag, isPrivate: s.isPrivate })
            break
          }
          case 'update': {
            const book = mine(s.pick)
            if (!book) break
            const note = unique('NOTE')
            me.notes.push(note)
            // the model turns private first, so a leak of the change's own answer would be caught
            if (s.isPrivate) book.isPrivate = true
            const result = await callAs(s.actor, { action: 'updateBook', id: book.id, patch: { is_private: s.isPrivate, note } })
            if (!result.ok) throw new Error('updateBook failed')
            book.isPrivate = s.isPrivate
            break
          }
          case 'remove': {
            const book = mine(s.pick)
            if (!book) break
            if (!(await callAs(s.actor, { action: 'removeBook', id: book.id })).ok) throw new Error('removeBook failed')
            me.books = me.books.filter((b) => b !== book)
            break
          }
          case 'publish':
            await callAs(s.actor, { action: 'updateShelf', isPublic: s.isPublic })
            break
          case 'rotate': {
            const result = await callAs(s.actor, { action: 'rotateShareId' })
            if (result.ok) me.shareIds.push((result.data as { shareId: string }).shareId)
            break
          }
          case 'peek': {
            // `me` probes the other reader's shelf and books every way the API allows
            const shareId = s.oldLink ? other.shareIds[0] : other.shareIds[other.shareIds.length - 1]
            const target = other.books[s.pick % Math.max(1, other.books.length)]
            const id = target?.id ?? 'bNoSuchBook00000000000'
            let result: ApiResult<unknown>
            if (s.how === 'view') result = await callAs(s.actor, { action: 'viewSharedShelf', shareId })
            else if (s.how === 'viewSearch') result = await callAs(s.actor, { action: 'viewSharedShelf', shareId, q: 'TITLE' })
            else if (s.how === 'getShared') result = await callAs(s.actor, { action: 'getSharedBook', shareId, id })
            else if (s.how === 'getBook') result = await callAs(s.actor, { action: 'getBook', id })
            else if (s.how === 'update') result = await callAs(s.actor, { action: 'updateBook', id, patch: { note: 'x' } })
            else if (s.how === 'remove') result = await callAs(s.actor, { action: 'removeBook', id })
            else if (s.how === 'tags') result = await callAs(s.actor, { action: 'listTags' })
            else result = await callAs(s.actor, { action: 'listBooks', pageSize: 50 })
            // owner-only actions on the other reader's book: always NOT_FOUND, never a change
            if (['getBook', 'update', 'remove'].includes(s.how) && (result.ok || result.error.code !== 'NOT_FOUND')) {
              throw new Error(`${s.how} on another reader's book answered ${JSON.stringify(result)}`)
            }
            if (s.how === 'list' && result.ok && (result.data as { total: number }).total !== me.books.length) {
              throw new Error('listBooks shows another count than the reader owns')
            }
            if (s.how === 'tags') {
              const tags = result.ok ? (result.data as { tags: { tag: string; count: number }[] }).tags : []
              const expected = me.books.map((b) => `${b.tag}:1`).sort()
              if (JSON.stringify(tags.map((t) => `${t.tag}:${t.count}`).sort()) !== JSON.stringify(expected)) {
                throw new Error(`listTags answered ${JSON.stringify(result)}, not the reader's own tags`)
              }
            }
            break
          }
        }
      }

      // what the steps stored, read raw: only the contract's fields
      const theirs = { _openid: h.command().in(readers.map((r) => r.openid)) }
      for (const collection of ['books', 'shelves'] as const) {
        const stray = await strayFields(h, collection, theirs)
        if (stray.length > 0) throw new Error(`${collection} stored fields outside the contract: ${stray.join(', ')}`)
      }
    }),
    { numRuns: 1000 },
  )
})

// --- 2. fuzzed events ---------------------------------------------------------------------------------

type FieldKind = 'string' | 'nullableString' | 'int' | 'year' | 'bool' | 'stringArray' | 'object'
const FIELDS: Record<ActionName, Record<string, FieldKind>> = {
  lookup: { isbn: 'string' },
  addBook: { isbn: 'string', status: 'string', rating: 'int', tags: 'stringArray', note: 'string', is_private: 'bool' },
  addBooks: { isbns: 'stringArray', status: 'string', is_private: 'bool' },
  listBooks: {
    pageSize: 'int',
    cursor: 'string',
    q: 'string',
    status: 'string',
    tag: 'string',
    sort: 'string',
    ownership: 'string',
    location: 'string',
    series: 'string',
    lent: 'bool',
  },
  getBook: { id: 'string' },
  updateBook: { id: 'string', patch: 'object' },
  removeBook: { id: 'string' },
  getShelf: {},
  updateShelf: { isPublic: 'bool', name: 'string' },
  rotateShareId: {},
  listTags: {},
  viewSharedShelf: { shareId: 'string', pageSize: 'int', cursor: 'string', q: 'string' },
  getSharedBook: { shareId: 'string', id: 'string' },
  lendBook: { id: 'string', borrower: 'string', lentAt: 'string', dueDate: 'string' },
  returnBook: { id: 'string', returnedAt: 'string' },
  listLocations: {},
  getStats: { year: 'year' },
  startImport: { fileName: 'string', is_private: 'bool' },
  importBooks: { jobId: 'string' },
  exportBooks: {},
  prepareCoverUpload: { id: 'string', extension: 'string' },
  // null is valid (it removes the cover)
  setCover: { id: 'string', fileID: 'nullableString' },
}
const VALID: Record<ActionName, Record<string, unknown>> = {
  lookup: { isbn: '9787536692930' },
  addBook: { isbn: '9787536692930', status: 'read', tags: ['t'], note: 'n', is_private: true },
  addBooks: { isbns: ['9787536692930'], status: 'want' },
  listBooks: { pageSize: 10, q: 'x', sort: 'title' },
  getBook: { id: 'bSomeBookId' },
  updateBook: { id: 'bSomeBookId', patch: { note: 'n' } },
  removeBook: { id: 'bSomeBookId' },
  getShelf: {},
  updateShelf: { isPublic: true, name: 'n' },
  rotateShareId: {},
  listTags: {},
  viewSharedShelf: { shareId: 'AAAAAAAAAAAAAAAAAAAAAA', pageSize: 5 },
  getSharedBook: { shareId: 'AAAAAAAAAAAAAAAAAAAAAA', id: 'bSomeBookId' },
  lendBook: { id: 'bSomeBookId', borrower: '小王', lentAt: '2026-01-01', dueDate: '2026-02-01' },
  returnBook: { id: 'bSomeBookId', returnedAt: '2026-01-02' },
  listLocations: {},
  getStats: { year: 2026 },
  startImport: { fileName: 'goodreads_library_export.csv', is_private: false },
  importBooks: { jobId: 'jSomeJobId' },
  exportBooks: {},
  prepareCoverUpload: { id: 'bSomeBookId', extension: 'jpg' },
  setCover: { id: 'bSomeBookId', fileID: null },
}
const ACTIONS = Object.keys(FIELDS) as ActionName[]

const operatorObject = fc.oneof(
  fc.constant({ $ne: null }),
  fc.constant({ $gt: '' }),
  fc.constant({ $regex: '.*' }),
  fc.constant({ $where: 'sleep(1000)' }),
  fc.constant({ $in: ['a', 'b'] }),
  fc.dictionary(fc.string({ maxLength: 8 }).map((k) => `$${k}`), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 }),
)
const hugeString = fc.integer({ min: 25_000, max: 40_000 }).map((n) => '字'.repeat(n))
const badValue: Record<FieldKind, fc.Arbitrary<unknown>> = {
  string: fc.oneof(operatorObject, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), hugeString),
  nullableString: fc.oneof(operatorObject, fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), hugeString),
  int: fc.oneof(operatorObject, fc.string(), fc.double({ noInteger: true, noNaN: true }), fc.integer({ min: 1001 }), fc.integer({ max: -1 }), fc.boolean()), // null is a valid rating ("unrated")
  year: fc.oneof(operatorObject, fc.string(), fc.double({ noInteger: true, noNaN: true }), fc.integer({ max: 1899 }), fc.integer({ min: 2101 }), fc.boolean(), fc.constant(null)),
  bool: fc.oneof(operatorObject, fc.constantFrom('true', 'false', 1, 0, null), fc.array(fc.boolean(), { minLength: 1, maxLength: 2 })),
  stringArray: fc.oneof(
    operatorObject,
    fc.string(),
    fc.array(operatorObject, { minLength: 1, maxLength: 3 }),
    fc.constant(Array.from({ length: 60 }, () => '9787536692930')),
    fc.array(hugeString, { minLength: 1, maxLength: 1 }),
  ),
  object: fc.oneof(operatorObject, fc.string(), fc.constant({}), fc.constant({ isbn: '9787536692930' }), fc.constant({ _openid: 'o' }), fc.constant({ note: { $set: 1 } })),
}

const fuzzedEvent: fc.Arbitrary<{ event: unknown; identified: boolean }> = fc.oneof(
  // an unknown action (including prototype names and operator-shaped ones)
  fc
    .oneof(fc.string({ maxLength: 30 }), fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'LOOKUP'), operatorObject)
    .filter((name) => typeof name !== 'string' || !(ACTIONS as string[]).includes(name))
    .map((action) => ({ event: { action }, identified: true })),
  // a valid event plus an unknown key
  fc
    .tuple(fc.constantFrom(...ACTIONS), fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }))
    .filter(([action, key]) => !(key in FIELDS[action]) && key !== 'action' && key !== 'userInfo' && key !== '__proto__')
    .map(([action, key, value]) => ({ event: { action, ...VALID[action], [key]: value }, identified: true })),
  // a valid event with one field of the wrong type / shape / size
  fc
    .constantFrom(...ACTIONS.filter((a) => Object.keys(FIELDS[a]).length > 0))
    .chain((action) =>
      fc.constantFrom(...Object.keys(FIELDS[action])).chain((field) =>
        badValue[FIELDS[action][field]].map((value) => ({ event: { action, ...VALID[action], [field]: value }, identified: true })),
      ),
    ),
  // something that is not an action event at all
  fc.oneof(fc.constant({}), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }).map((a) => ({ list: a }))).map((event) => ({ event, identified: true })),
  // a valid event with no identity
  fc.constantFrom(...ACTIONS).map((action) => ({ event: { action, ...VALID[action] }, identified: false })),
)

test('10,000 fuzzed events answer a documented error code, never crash, never write', async () => {
  const fuzzReader = `oFuzz-${Date.now()}`
  const bytesBefore = h.storedBytes()
  const events = fc.sample(fuzzedEvent, { numRuns: 10_000, seed: 20261124 })
  const allowed = new Set(['INVALID_ARGUMENT', 'INVALID_ISBN', 'UNAUTHENTICATED'])
  const failures: string[] = []
  let next = 0
  const worker = async () => {
    while (next < events.length) {
      const { event, identified } = events[next++]
      const result = await h.call(identified ? fuzzReader : undefined, event as ApiRequest)
      if (result.ok || !allowed.has(result.error.code) || typeof result.error.message !== 'string') {
        failures.push(`${JSON.stringify(event).slice(0, 300)} → ${JSON.stringify(result).slice(0, 300)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  expect(failures.slice(0, 5)).toEqual([])
  expect(h.storedBytes()).toBe(bytesBefore)
  // and the function still works afterwards
  expect((await h.ok(`oAfterFuzz-${Date.now()}`, { action: 'listBooks' })).total).toBe(0)
})
