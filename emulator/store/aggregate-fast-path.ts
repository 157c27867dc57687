// Shortcuts for the aggregations the app sends (the reading report's top authors and tags, books per
// status and ownership and finished per month; listTags, listLocations). Both answer exactly what mingo
// answers (tests/unit/emulator/aggregate-fast-path.test.ts checks them against mingo on random
// documents) and decline anything else: other stages, dotted paths, variables, other operators, and
// group keys or unwound values that are not plain scalars (mingo compares those by structure).
// - aggregatePrefix: an optional `$unwind` of a top-level field, then a `$group` by a field, by the
//   `$substr` of one or by a constant, with `$sum` accumulators, or a `$count`. mingo would copy every
//   matched document before reading it; this reads the stored documents in place.
// - countedPrefix: a reader's values with their counts, from the collection's kept value counts
//   (value-counts.ts), in the time of the number of distinct values.
// Either hands mingo only the grouped rows for the stages after them ($sort, $limit, $project...).
import { existsTest } from './fast-paths'
import { resolve } from './mingo-util'
import type { Doc } from './types'
import { isPrimitive, unwoundValues, type CountKey } from './value-counts'

type Stage = Doc
/** A group key mingo hashes as a JavaScript Map key would: a primitive. */
type Key = CountKey

const isPlainField = (field: string) => field.length > 0 && !field.startsWith('$') && !field.includes('.')
const fieldOf = (path: unknown): string | undefined =>
  typeof path === 'string' && path.startsWith('$') && isPlainField(path.slice(1)) ? path.slice(1) : undefined
const onlyKey = (stage: Stage): string | undefined => {
  const keys = Object.keys(stage)
  return keys.length === 1 ? keys[0] : undefined
}

/** `{$sum: n}` with a finite n, or `{$sum: '$field'}`. */
type Accumulator = { name: string; constant: number } | { name: string; field: string }

/** What a group's `_id` is: a field, the leading characters of a text field (`$substr`, the report's
 * months), or a constant every document shares. */
type KeySpec = { field: string; substr?: [number, number] } | { constant: Key }

interface GroupShape {
  key: KeySpec
  accumulators: Accumulator[]
}

/** `{$substr: ['$field', start, count]}` with whole numbers: mingo cuts UTF-8 bytes, which are characters
 * only in ASCII text; other text, other types and cuts past the end are left to mingo. */
function substrSpec(id: unknown): KeySpec | undefined {
  if (!id || typeof id !== 'object' || Array.isArray(id) || onlyKey(id as Doc) !== '$substr') return undefined
  const args = (id as Doc).$substr
  if (!Array.isArray(args) || args.length !== 3) return undefined
  const [path, start, count] = args as unknown[]
  const field = fieldOf(path)
  const whole = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0
  return field && whole(start) && whole(count) ? { field, substr: [start, count] } : undefined
}

const ASCII = /^\p{ASCII}*$/u

/** The group key of one value, or 'decline' when mingo would treat it in a way the shortcut does not. */
function keyOf(spec: KeySpec, raw: unknown): Key | 'decline' {
  if ('constant' in spec) return spec.constant
  if (!isPrimitive(raw)) return 'decline'
  if (!spec.substr) return (raw ?? null) as Key
  if (raw === undefined || raw === null) return ''
  if (typeof raw !== 'string' || !ASCII.test(raw)) return 'decline'
  const [start, count] = spec.substr
  if (start === raw.length) return ''
  return start + count <= raw.length ? raw.slice(start, start + count) : 'decline'
}

function groupShape(spec: unknown): GroupShape | undefined {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec) || !Object.hasOwn(spec, '_id')) return undefined
  const { _id: id, ...rest } = spec as Doc
  const idField = fieldOf(id)
  let key: KeySpec | undefined
  if (idField) key = { field: idField }
  else if (isPrimitive(id) && id !== undefined && !(typeof id === 'string' && id.startsWith('$'))) key = { constant: id as Key }
  else key = substrSpec(id)
  if (!key) return undefined
  const accumulators: Accumulator[] = []
  for (const [name, acc] of Object.entries(rest)) {
    if (name.startsWith('$') || name.includes('.') || !acc || typeof acc !== 'object' || onlyKey(acc as Doc) !== '$sum') return undefined
    const operand = (acc as Doc).$sum
    const field = fieldOf(operand)
    if (field) accumulators.push({ name, field })
    else if (typeof operand === 'number' && Number.isFinite(operand)) accumulators.push({ name, constant: operand })
    else return undefined
  }
  return { key, accumulators }
}

/** Calls `visit` with each document after an optional `$unwind` of `field` and the field's value in
 * it, without building the unwound copies. False when a value is one mingo treats differently. */
function eachRow(docs: Iterable<Doc>, unwind: string | undefined, visit: (doc: Doc, value: unknown) => boolean): boolean {
  for (const doc of docs) {
    if (unwind === undefined) {
      if (!visit(doc, undefined)) return false
      continue
    }
    const values = unwoundValues(resolve(doc, unwind))
    if (!values) return false
    for (const value of values) if (!visit(doc, value)) return false
  }
  return true
}

function group(docs: Iterable<Doc>, unwind: string | undefined, shape: GroupShape): Doc[] | undefined {
  // Each group keeps its key as mingo does (missing counts as null) and, per accumulator, the sum so
  // far; sums of a field add the numbers in document order, as mingo's $sum does.
  const groups = new Map<Key, { count: number; sums: number[] }>()
  const { key: spec, accumulators } = shape
  const read = (doc: Doc, field: string, value: unknown) => (field === unwind ? value : resolve(doc, field))
  const complete = eachRow(docs, unwind, (doc, value) => {
    const key = keyOf(spec, 'field' in spec ? read(doc, spec.field, value) : undefined)
    if (key === 'decline') return false
    let entry = groups.get(key)
    if (!entry) groups.set(key, (entry = { count: 0, sums: accumulators.map(() => 0) }))
    entry.count++
    for (let i = 0; i < accumulators.length; i++) {
      const acc = accumulators[i]
      if (!('field' in acc)) continue
      const n = read(doc, acc.field, value)
      if (typeof n === 'number' && !Number.isNaN(n)) entry.sums[i] += n
    }
    return true
  })
  if (!complete) return undefined
  return [...groups].map(([key, { count, sums }]) => {
    const out: Doc = { _id: key }
    accumulators.forEach((acc, i) => (out[acc.name] = 'field' in acc ? sums[i] : count * acc.constant))
    return out
  })
}

function count(docs: Iterable<Doc>, unwind: string | undefined, name: unknown): Doc[] | undefined {
  // mingo refuses a bad name with its own message: leave those to it. It answers a zero count too.
  if (typeof name !== 'string' || name.trim().length === 0 || name.includes('.') || name.startsWith('$')) return undefined
  let n = 0
  return eachRow(docs, unwind, () => (n++, true)) ? [{ [name]: n }] : undefined
}

/**
 * Runs the leading `[$unwind?, $group | $count]` of `stages` over `docs` (read, never modified).
 * Answers the rows and the stages still to run on them, or undefined when the shape is not one this
 * shortcut covers (the caller then runs the whole pipeline with mingo).
 */
export function aggregatePrefix(docs: Iterable<Doc>, stages: Stage[]): { rows: Doc[]; rest: Stage[] } | undefined {
  let i = 0
  let unwind: string | undefined
  if (stages[0] && onlyKey(stages[0]) === '$unwind') {
    unwind = fieldOf(stages[0].$unwind)
    if (unwind === undefined) return undefined
    i = 1
  }
  const stage = stages[i]
  const op = stage && onlyKey(stage)
  let result: Doc[] | undefined
  if (op === '$group') {
    const shape = groupShape(stage.$group)
    result = shape && group(docs, unwind, shape)
  } else if (op === '$count') {
    result = count(docs, unwind, stage.$count)
  }
  return result && { rows: result, rest: stages.slice(i + 1) }
}

/** Each reader's counts of one field's values, unwound or not (Collection.countsOf), or undefined. */
export type ValueCountsOf = (field: string, unwind: boolean, openid: string, existing: boolean) => ReadonlyMap<CountKey, number> | undefined

/**
 * The top-list and per-value shapes answered from the per-reader value counts, in the time of the
 * number of distinct values: `$match {_openid: o}` (perhaps with `{F: {$exists: true}}`), an optional
 * `$unwind: '$F'`, `$group {_id: '$F', n: {$sum: <constant>}}`,
 * then a `$sort` on `_id` among its keys, which puts the groups in one order whatever order they come
 * in (every group's `_id` differs). Undefined for any other shape, or when the counts do not cover the
 * reader.
 */
export function countedPrefix(filter: Doc, stages: Stage[], countsOf: ValueCountsOf): { rows: Doc[]; rest: Stage[] } | undefined {
  const unwinding = stages[0] !== undefined && onlyKey(stages[0]) === '$unwind'
  const unwound = unwinding ? fieldOf(stages[0].$unwind) : undefined
  if (unwinding && !unwound) return undefined
  const [groupStage, sortStage] = stages.slice(unwinding ? 1 : 0)
  if (!groupStage || onlyKey(groupStage) !== '$group' || !sortStage || onlyKey(sortStage) !== '$sort') return undefined
  const sort = sortStage.$sort
  if (!sort || typeof sort !== 'object' || !Object.hasOwn(sort, '_id')) return undefined
  const shape = groupShape(groupStage.$group)
  if (!shape || !('field' in shape.key) || shape.key.substr || (unwinding && shape.key.field !== unwound)) return undefined
  const field = shape.key.field
  const { _openid: openid, ...others } = filter
  if (typeof openid !== 'string') return undefined
  let existing = false
  for (const [name, condition] of Object.entries(others)) {
    if (name !== field || existsTest(condition) !== true) return undefined
    existing = true
  }
  const constants: [string, number][] = []
  for (const acc of shape.accumulators) {
    if ('field' in acc) return undefined
    constants.push([acc.name, acc.constant])
  }
  const counts = countsOf(field, unwinding, openid, existing)
  if (!counts) return undefined
  const rows = [...counts].map(([key, n]) => {
    const out: Doc = { _id: key }
    for (const [name, constant] of constants) out[name] = n * constant
    return out
  })
  return { rows, rest: stages.slice(unwinding ? 2 : 1) }
}
