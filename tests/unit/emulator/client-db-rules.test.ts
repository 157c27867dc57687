// Security-rule expressions (emulator/client-db/rules/): what the parser refuses, and the three-valued
// evaluation that decides whether a query is a subset of a rule.
import { queryView, documentView } from '../../../emulator/client-db/rules/doc-view'
import { compileRule, evaluate, RuleError, UNKNOWN, type RuleContext } from '../../../emulator/client-db/rules/expression'
import { authorize } from '../../../emulator/client-db/authorize'

const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  auth: { openid: 'o-a' },
  doc: documentView({}),
  request: {},
  now: 1_000,
  get: async () => null,
  ...over,
})
const run = (source: string, over: Partial<RuleContext> = {}) => evaluate(compileRule(source), ctx(over))

test('refuses what the platform does not allow, before any request', () => {
  for (const source of [
    'x == 1',
    'this.a',
    'doc.a = 1',
    'auth.openid.toString()',
    'eval("1")',
    'doc.a ? 1 :',
    "get('database.a.1') && get('database.a.2') && get('database.a.3') && get('database.a.4')",
    "get('database.a.' + get('database.b.' + get('database.c.x').id).id)",
    'a'.repeat(1025),
  ]) {
    expect(() => compileRule(source)).toThrow(RuleError)
  }
  expect(() => compileRule("get('database.a.' + get('database.b.1').id).x && doc.y in [1, 2]")).not.toThrow()
})

test('a query is a subset only when the rule holds whatever its unpinned fields are', async () => {
  const rule = 'doc._openid == auth.openid'
  expect(await run(rule, { doc: queryView({ _openid: 'o-a', n: 1 }) })).toBe(true)
  expect(await run(rule, { doc: queryView({ $and: [{ n: 1 }, { _openid: { $eq: 'o-a' } }] }) })).toBe(true)
  expect(await run(rule, { doc: queryView({ _openid: 'o-b' }) })).toBe(false)
  expect(await run(rule, { doc: queryView({ n: 1 }) })).toBe(UNKNOWN)
  expect(await run(rule, { doc: queryView({ _openid: { $in: ['o-a'] } }) })).toBe(UNKNOWN)
  expect(await run(rule, { doc: queryView({ _openid: 'o-a' }), auth: null })).toBe(false)
  // Kleene logic: a false or a true side decides alone, an unknown one does not.
  expect(await run('doc.n == 1 || doc._openid == auth.openid', { doc: queryView({ _openid: 'o-a' }) })).toBe(true)
  expect(await run('doc.n == 1 && doc._openid == auth.openid', { doc: queryView({ _openid: 'o-b' }) })).toBe(false)
  expect(await run('!(doc.n == 1)', { doc: queryView({}) })).toBe(UNKNOWN)
})

test('values: members, in, arithmetic, now, get() and no prototype access', async () => {
  expect(await run("doc.tags[0] == 'x' && doc.n + 1 > 2 && now >= 1000", { doc: documentView({ tags: ['x'], n: 2 }) })).toBe(true)
  expect(await run("auth.openid in ['o-b', 'o-a']")).toBe(true)
  expect(await run("request.data.title != ''", { request: { data: { title: '' } } })).toBe(false)
  expect(await run('doc.constructor == doc.constructor && doc.__proto__ == null', { doc: documentView({}) })).toBe(false)
  const asked: string[] = []
  const get = async (collection: string, id: string) => (asked.push(`${collection}/${id}`), { members: ['o-a'] })
  expect(await run("auth.openid in get('database.groups.' + doc.group).members", { doc: queryView({ group: 'g1' }), get })).toBe(true)
  expect(asked).toEqual(['groups/g1'])
  await expect(run("get('nope').x")).rejects.toThrow(RuleError)
})

test('authorize: unset keys deny, create/update/delete fall back to write, a rule that errors denies', async () => {
  const read = async () => null
  const rules = { rules: { read: compileRule("get('bad path').x"), write: true } }
  expect(await authorize(rules, { access: 'read', openid: 'o-a', filter: {} }, read)).toEqual({ allowed: false })
  expect(await authorize(rules, { access: 'delete', openid: 'o-a', filter: { n: 1 } }, read)).toEqual({ allowed: true, filter: { n: 1 } })
  expect(await authorize({ rules: {} }, { access: 'create', openid: 'o-a', filter: {} }, read)).toEqual({ allowed: false })
  expect(await authorize({ mode: 'PRIVATE' }, { access: 'read', openid: 'o-a', filter: { n: 1 } }, read)).toEqual({
    allowed: true,
    filter: { $and: [{ n: 1 }, { _openid: 'o-a' }] },
  })
  expect(await authorize({ mode: 'PRIVATE' }, { access: 'read', openid: undefined, filter: {} }, read)).toEqual({ allowed: false })
})
