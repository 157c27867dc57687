// Shortcuts for the shapes the app sends on every call, each exactly equal to what mingo computes
// (tests/unit/emulator/fast-paths.test.ts checks both against mingo on random documents) and falling
// back to mingo for anything else. Profiling the gateway → function → store path showed mingo's
// projection (its graph resolution) and query compilation as the largest costs of the main thread
// for a page of books.
import { Query, find } from 'mingo'
import { resolve } from './mingo-util'
import type { Doc } from './types'

type Predicate = (doc: Doc) => boolean

const isPlainField = (field: string) => !field.startsWith('$') && !field.includes('.')
const isSimpleScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value))

/** `{$exists: true}` or `{$exists: false}`: mingo tests a top-level field as "resolves to something". */
export const existsTest = (value: unknown): boolean | undefined => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const keys = Object.keys(value)
  const wanted = (value as Doc).$exists
  return keys.length === 1 && keys[0] === '$exists' && typeof wanted === 'boolean' ? wanted : undefined
}

/**
 * A filter of top-level scalar equalities (`{_openid: 'o', status: 'read'}`) and `$exists` tests (the
 * report's `{authors: {$exists: true}}`) as a plain predicate: a field matches when it holds the value,
 * or is an array that holds it (MongoDB's array rule). Anything else (other operators, dotted paths,
 * dates, nulls, objects) compiles with mingo.
 */
export function compileFilter(filter: Doc): Predicate {
  const all = Object.entries(filter)
  if (!all.every(([field, value]) => isPlainField(field) && (isSimpleScalar(value) || existsTest(value) !== undefined))) {
    const query = new Query(filter, {})
    return (doc) => query.test(doc)
  }
  const exists = all.filter(([, value]) => !isSimpleScalar(value)).map(([field, value]) => [field, existsTest(value)] as const)
  const entries = all.filter(([, value]) => isSimpleScalar(value))
  return (doc) => {
    for (const [field, wanted] of exists) if ((resolve(doc, field) !== undefined) !== wanted) return false
    for (const [field, value] of entries) {
      const held = doc[field]
      if (held === value) continue
      if (!Array.isArray(held) || !held.includes(value)) return false
    }
    return true
  }
}

/**
 * Applies a projection. Inclusions or exclusions of top-level fields (`{title: 1, authors: 1}`,
 * `{note: 0}`), the only kind the SDK's `field()` sends for plain names, are copied directly, in the
 * document's own field order as MongoDB answers; anything else (dotted paths, `$slice`, mixed) goes
 * to mingo. The result shares values with the stored documents, which are never mutated.
 */
export function project(docs: Doc[], projection: Doc): Doc[] {
  const entries = Object.entries(projection)
  const simple = entries.every(([field, value]) => isPlainField(field) && (typeof value === 'number' || typeof value === 'boolean'))
  const including = entries.filter(([field, value]) => field !== '_id' && Boolean(value))
  const excluding = entries.filter(([field, value]) => field !== '_id' && !value)
  if (!simple || (including.length > 0 && excluding.length > 0)) return find(docs, {}, projection).all() as Doc[]
  const idValue = entries.find(([field]) => field === '_id')?.[1]
  const keepId = idValue === undefined || Boolean(idValue)
  if (including.length === 0 && excluding.length === 0) {
    // Only `_id`: `{_id: 1}` keeps just the id, `{_id: 0}` everything else.
    return docs.map((doc) => pick(doc, (field) => (field === '_id') === keepId))
  }
  if (including.length > 0) {
    const wanted = new Set(including.map(([field]) => field))
    return docs.map((doc) => pick(doc, (field) => (field === '_id' ? keepId : wanted.has(field))))
  }
  const dropped = new Set(excluding.map(([field]) => field))
  return docs.map((doc) => pick(doc, (field) => (field === '_id' ? keepId : !dropped.has(field))))
}

function pick(doc: Doc, keep: (field: string) => boolean): Doc {
  const out: Doc = {}
  for (const field in doc) if (Object.hasOwn(doc, field) && keep(field) && doc[field] !== undefined) out[field] = doc[field]
  return out
}
