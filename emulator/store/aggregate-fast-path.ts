// A shortcut for the aggregations the reading report sends on every call (top authors, top tags: an
// optional `$unwind` of a top-level field, then a `$group` by a field or a constant with `$sum`
// accumulators, or a `$count`). mingo would copy every matched document before reading it; this reads
// the stored documents in place and hands only the grouped rows (one per distinct value, a few hundred
// at most) to mingo for the stages after them ($sort, $limit, $project...). It answers exactly what mingo
// answers (tests/unit/emulator/aggregate-fast-path.test.ts checks both on random documents) and declines
// anything else: other stages, dotted paths, variables, operators in keys, and group keys or unwound
// values that are not plain scalars (mingo compares those by structure).
import { resolve } from './mingo-util'
import type { Doc } from './types'

type Stage = Doc
/** A group key mingo hashes as a JavaScript Map key would: a primitive. */
type Key = string | number | boolean | null

const isPlainField = (field: string) => field.length > 0 && !field.startsWith('$') && !field.includes('.')
const fieldOf = (path: unknown): string | undefined =>
  typeof path === 'string' && path.startsWith('$') && isPlainField(path.slice(1)) ? path.slice(1) : undefined
const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function')
const onlyKey = (stage: Stage): string | undefined => {
  const keys = Object.keys(stage)
  return keys.length === 1 ? keys[0] : undefined
}

/** `{$sum: n}` with a finite n, or `{$sum: '$field'}`. */
type Accumulator = { name: string; constant: number } | { name: string; field: string }

interface GroupShape {
  /** The grouped field, or the constant every document shares. */
  key: { field: string } | { constant: Key }
  accumulators: Accumulator[]
}

function groupShape(spec: unknown): GroupShape | undefined {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec) || !Object.hasOwn(spec, '_id')) return undefined
  const { _id: id, ...rest } = spec as Doc
  const idField = fieldOf(id)
  let key: GroupShape['key']
  if (idField) key = { field: idField }
  else if (isPrimitive(id) && id !== undefined && !(typeof id === 'string' && id.startsWith('$'))) key = { constant: id as Key }
  else return undefined
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

/** mingo's $unwind keeps a non-array value unless it is "empty" (null, missing, ''); objects decline. */
function unwound(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (!isPrimitive(value)) return undefined
  return value === undefined || value === null || value === '' ? [] : [value]
}

/** The documents after an optional `$unwind` of `field`, as (document, value of the field) pairs, walked
 * without building the unwound copies. Undefined when a value is one mingo treats differently. */
function* rows(docs: Iterable<Doc>, unwind: string | undefined): Generator<[Doc, unknown] | 'decline'> {
  for (const doc of docs) {
    if (unwind === undefined) {
      yield [doc, undefined]
      continue
    }
    const values = unwound(resolve(doc, unwind))
    if (!values) {
      yield 'decline'
      return
    }
    for (const value of values) yield [doc, value]
  }
}

function read(doc: Doc, field: string, unwind: string | undefined, value: unknown): unknown {
  return field === unwind ? value : resolve(doc, field)
}

function group(docs: Iterable<Doc>, unwind: string | undefined, shape: GroupShape): Doc[] | undefined {
  // Each group keeps its key as mingo does (missing counts as null) and, per accumulator, the sum so
  // far; sums of a field add the numbers in document order, as mingo's $sum does.
  const groups = new Map<Key, { count: number; sums: number[] }>()
  for (const row of rows(docs, unwind)) {
    if (row === 'decline') return undefined
    const [doc, value] = row
    const raw = 'field' in shape.key ? read(doc, shape.key.field, unwind, value) : shape.key.constant
    if (!isPrimitive(raw)) return undefined
    const key = (raw ?? null) as Key
    let entry = groups.get(key)
    if (!entry) groups.set(key, (entry = { count: 0, sums: shape.accumulators.map(() => 0) }))
    entry.count++
    shape.accumulators.forEach((acc, i) => {
      if (!('field' in acc)) return
      const n = read(doc, acc.field, unwind, value)
      if (typeof n === 'number' && !Number.isNaN(n)) entry.sums[i] += n
    })
  }
  return [...groups].map(([key, { count, sums }]) => {
    const out: Doc = { _id: key }
    shape.accumulators.forEach((acc, i) => (out[acc.name] = 'field' in acc ? sums[i] : count * acc.constant))
    return out
  })
}

function count(docs: Iterable<Doc>, unwind: string | undefined, name: unknown): Doc[] | undefined {
  // mingo refuses a bad name with its own message: leave those to it. It answers a zero count too.
  if (typeof name !== 'string' || name.trim().length === 0 || name.includes('.') || name.startsWith('$')) return undefined
  let n = 0
  for (const row of rows(docs, unwind)) {
    if (row === 'decline') return undefined
    n++
  }
  return [{ [name]: n }]
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
