// Update semantics, MongoDB's, which CloudBase follows (emulator/README.md, "Database actions"). Every
// operator checks its operand when the update is compiled, once per request, and the type of the
// field it meets when applied; it works on a copy, so a refused update leaves the stored document as
// it was. mingo's own update is lenient exactly there (it skips $inc on a string, pushes through
// arrays, loses an $addToSet on an array holding duplicates), so the operators live here; mingo still
// supplies the query matcher ($pull, `$`), BSON order ($min, $max, $push's $sort) and equality.
import { Query } from 'mingo'
import { requestFailed } from '../errors'
import { guarded } from './mingo-guard'
import { compare, isEqual, resolve, setValue } from './mingo-util'
import { equalitiesOf } from './planner'
import type { Doc } from './types'
import {
  cannotCreate,
  cannotTraverse,
  ConflictCheck,
  createAt,
  expandPositional,
  isPlainObject,
  isPositional,
  locate,
  parsePath,
  removeAt,
  setAt,
} from './update-paths'
import { showElement, showValue, typeName } from './value-text'

export interface Update {
  /** The updated copy of a stored document, or undefined when the update changes nothing in it. */
  apply(stored: Doc): Doc | undefined
  /** The document an upsert inserts when nothing matches: the filter's equalities, then the update. */
  create(): Doc
}

export interface UpdateSpec {
  /** Operators (`{$set: {...}, $inc: {...}}`), or the whole new document when `replace`. */
  data: Doc
  /** The query that selected the documents: the base of an upsert, and what `$` refers to. */
  filter: Doc
  replace: boolean
}

/** Checks an update once; throws DATABASE_REQUEST_FAILED for an operand the database refuses. */
export function compileUpdate({ data, filter, replace }: UpdateSpec): Update {
  return replace ? replacement(data, filter) : modifiers(data, filter)
}

const NOOP = Symbol('no change')
type Change = (current: unknown) => unknown

interface Operator<A = unknown> {
  parse(operand: unknown, path: string, parts: string[]): A
  /** Applies to one concrete path of `doc` (a working copy); true when something changed. */
  apply(doc: Doc, parts: string[], arg: A): boolean
  /** Paths besides its own the operator writes ($rename's target), for the conflict check. */
  alsoWrites?(arg: A): string[][]
}

interface Step {
  op: Operator
  parts: string[]
  arg: unknown
}

function modifiers(data: Doc, filter: Doc): Update {
  const steps: Step[] = []
  const conflicts = new ConflictCheck()
  for (const [name, fields] of Object.entries(data)) {
    const op = Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined
    if (!op) throw requestFailed(`Unknown modifier: ${name}. Expected a valid update modifier or pipeline-style update specified as an array`)
    if (!isPlainObject(fields)) {
      throw requestFailed(`Modifiers operate on fields but we found type ${typeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${name}: ${showValue(fields)}}`)
    }
    for (const [path, operand] of Object.entries(fields)) {
      const parts = parsePath(path)
      const arg = op.parse(operand, path, parts)
      conflicts.add(parts)
      for (const other of op.alsoWrites?.(arg) ?? []) conflicts.add(other)
      steps.push({ op, parts, arg })
    }
  }
  const run = (doc: Doc): boolean => {
    let changed = false
    for (const { op, parts, arg } of steps) {
      for (const concrete of expandPositional(doc, parts, filter)) if (op.apply(doc, concrete, arg)) changed = true
    }
    return changed
  }
  return {
    apply(stored) {
      const doc = copy(stored) as Doc
      if (!run(doc)) return undefined
      if (!isEqual(doc._id, stored._id)) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'")
      return doc
    },
    create() {
      const doc = upsertBase(filter)
      run(doc)
      return doc
    },
  }
}

function replacement(data: Doc, filter: Doc): Update {
  for (const key of Object.keys(data)) {
    if (key.startsWith('$')) throw requestFailed(`The dollar ($) prefixed field '${key}' in '${key}' is not valid for storage.`)
  }
  // A replacement always counts as an update, whatever it holds (what the real cloud counts is UNVERIFIED).
  return {
    apply: (stored) => ({ ...(copy(data) as Doc), _id: stored._id }),
    create: () => ({ ...upsertBase(filter), ...(copy(data) as Doc) }),
  }
}

function upsertBase(filter: Doc): Doc {
  const base: Doc = {}
  for (const [field, value] of equalitiesOf(filter)) setValue(base, field, value)
  return base
}

/** A deep copy of objects and arrays; dates are copied, other values (immutable, e.g. bson's ObjectId) shared. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy)
  if (value instanceof Date) return new Date(value.getTime())
  if (!isPlainObject(value)) return value
  const out: Doc = {}
  for (const key of Object.keys(value)) {
    // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy(value[key]), enumerable: true, writable: true, configurable: true })
    else out[key] = copy(value[key])
  }
  return out
}

const idText = (doc: Doc) => (Object.hasOwn(doc, '_id') ? showElement('_id', doc._id) : 'no id')
const lastPart = (parts: string[]) => parts[parts.length - 1]

/** For operators that create a missing field with `initial()`. */
function modify(doc: Doc, parts: string[], change: Change, initial: () => unknown): boolean {
  const loc = locate(doc, parts)
  if (loc.kind === 'blocked') throw cannotCreate(parts, loc)
  if (loc.kind === 'missing') {
    createAt(parts, loc, initial())
    return true
  }
  const next = change(loc.value)
  if (next === NOOP) return false
  setAt(loc.parent, loc.key, next)
  return true
}

/** For operators that leave a missing field alone ($pop, $pull, $pullAll). */
function modifyExisting(doc: Doc, parts: string[], change: Change): boolean {
  const loc = locate(doc, parts)
  if (loc.kind === 'blocked') throw cannotTraverse(parts, loc)
  if (loc.kind === 'missing') return false
  const next = change(loc.value)
  if (next === NOOP) return false
  setAt(loc.parent, loc.key, next)
  return true
}

function arithmetic(name: string, verb: string, combine: (current: number, n: number) => number, initial: (n: number) => number): Operator<number> {
  return {
    parse(operand, path) {
      if (typeof operand !== 'number') throw requestFailed(`Cannot ${verb} with non-numeric argument: {${showElement(path, operand)}}`)
      return operand
    },
    apply: (doc, parts, n) =>
      modify(
        doc,
        parts,
        (current) => {
          if (typeof current !== 'number') {
            throw requestFailed(
              `Cannot apply ${name} to a value of non-numeric type. {${idText(doc)}} has the field '${lastPart(parts)}' of non-numeric type ${typeName(current)}`,
            )
          }
          const next = combine(current, n)
          return Object.is(next, current) ? NOOP : next
        },
        () => initial(n),
      ),
  }
}

function comparison(keep: (order: number) => boolean): Operator {
  return {
    parse: (operand) => operand,
    apply: (doc, parts, value) => modify(doc, parts, (current) => (keep(compare(value, current)) ? copy(value) : NOOP), () => copy(value)),
  }
}

const $set: Operator = {
  parse: (operand) => operand,
  apply: (doc, parts, value) => modify(doc, parts, (current) => (isEqual(current, value) ? NOOP : copy(value)), () => copy(value)),
}

const $unset: Operator = {
  parse: (operand) => operand,
  apply(doc, parts) {
    const loc = locate(doc, parts)
    if (loc.kind !== 'found') return false
    removeAt(loc.parent, loc.key)
    return true
  },
}

const $currentDate: Operator = {
  parse(operand, path) {
    const typed = isPlainObject(operand) && (operand.$type === 'date' || operand.$type === 'timestamp')
    if (typeof operand !== 'boolean' && !typed) {
      throw requestFailed(`${typeName(operand)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}): {${showElement(path, operand)}}`)
    }
    return operand
  },
  apply: (doc, parts) => modify(doc, parts, () => new Date(), () => new Date()),
}

type BitOps = [op: 'and' | 'or' | 'xor', value: number][]
const BIT_USAGE = '{$bit: {field: {and/or/xor: #}}'

const $bit: Operator<BitOps> = {
  // The SDK sends `_.bit({and: 5})` as `{$bit: {f: {and: 5}}}`, MongoDB's own form.
  parse(operand) {
    if (!isPlainObject(operand)) throw requestFailed(`The $bit modifier is not compatible with a ${typeName(operand)}. You must pass in an embedded document: ${BIT_USAGE}`)
    const ops = Object.entries(operand)
    if (ops.length === 0) throw requestFailed(`You must pass in at least one bitwise operation. The format is: ${BIT_USAGE}`)
    for (const [op, value] of ops) {
      if (op !== 'and' && op !== 'or' && op !== 'xor') throw requestFailed(`The $bit modifier only supports 'and', 'or', and 'xor', not '${op}' which is an unknown operator: {${showElement(op, value)}}`)
      if (!Number.isInteger(value)) throw requestFailed(`The $bit modifier field must be an Integer(32/64 bit); a '${typeName(value)}' is not supported here: {${showElement(op, value)}}`)
    }
    return ops as BitOps
  },
  apply(doc, parts, ops) {
    const fold = (start: number) => ops.reduce((n, [op, v]) => (op === 'and' ? n & v : op === 'or' ? n | v : n ^ v), start)
    return modify(
      doc,
      parts,
      (current) => {
        if (!Number.isInteger(current)) {
          throw requestFailed(`Cannot apply $bit to a value of non-integral type.{${idText(doc)}} has the field ${lastPart(parts)} of non-integer type ${typeName(current)}`)
        }
        const next = fold(current as number)
        return next === current ? NOOP : next
      },
      () => fold(0),
    )
  },
}

type SortSpec = number | [string, number][]
interface PushArg {
  each: unknown[]
  position?: number
  slice?: number
  sort?: SortSpec
}
const PUSH_CLAUSES = new Set(['$each', '$slice', '$sort', '$position'])

function pushSort(clause: unknown): SortSpec {
  const isDirection = (v: unknown) => v === 1 || v === -1
  if (typeof clause === 'number') {
    if (!isDirection(clause)) throw requestFailed('The $sort element value must be either 1 or -1')
    return clause
  }
  if (!isPlainObject(clause)) throw requestFailed('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields')
  const keys = Object.entries(clause)
  if (keys.length === 0) throw requestFailed('The $sort pattern is empty when it should be a set of fields.')
  if (!keys.every(([, dir]) => isDirection(dir))) throw requestFailed('The $sort element value must be either 1 or -1')
  return keys as [string, number][]
}

function sorter(sort: SortSpec): (a: unknown, b: unknown) => number {
  if (typeof sort === 'number') return (a, b) => sort * compare(a, b)
  const field = (v: unknown, path: string) => (isPlainObject(v) ? resolve(v, path) : undefined)
  return (a, b) => {
    for (const [path, dir] of sort) {
      const order = compare(field(a, path), field(b, path))
      if (order !== 0) return dir * order
    }
    return 0
  }
}

/** $push's algorithm: insert at $position (negative counts from the end), then $sort, then $slice. */
function pushInto(array: unknown[], { each, position, slice, sort }: PushArg): unknown[] {
  const size = array.length
  const at = position === undefined ? size : position < 0 ? Math.max(0, size + position) : Math.min(position, size)
  let out = [...array.slice(0, at), ...each.map(copy), ...array.slice(at)]
  if (sort !== undefined) out.sort(sorter(sort))
  if (slice !== undefined) out = slice >= 0 ? out.slice(0, slice) : out.slice(Math.max(0, out.length + slice))
  return out
}

const $push: Operator<PushArg> = {
  parse(operand) {
    if (!isPlainObject(operand) || !Object.hasOwn(operand, '$each')) return { each: [operand] }
    for (const key of Object.keys(operand)) if (!PUSH_CLAUSES.has(key)) throw requestFailed(`Unrecognized clause in $push: ${key}`)
    const { $each, $slice, $position, $sort } = operand
    if (!Array.isArray($each)) throw requestFailed(`The argument to $each in $push must be an array but it was of type: ${typeName($each)}`)
    if ($slice !== undefined && !Number.isInteger($slice)) throw requestFailed(`The value for $slice must be an integer value but was given type: ${typeName($slice)}`)
    if ($position !== undefined && !Number.isInteger($position)) throw requestFailed(`The value for $position must be an integer value, not of type: ${typeName($position)}`)
    return {
      each: $each,
      slice: $slice as number | undefined,
      position: $position as number | undefined,
      sort: $sort === undefined ? undefined : pushSort($sort),
    }
  },
  apply: (doc, parts, arg) =>
    modify(
      doc,
      parts,
      (current) => {
        if (!Array.isArray(current)) {
          throw requestFailed(`The field '${parts.join('.')}' must be an array but is of type ${typeName(current)} in document {${idText(doc)}}`)
        }
        const next = pushInto(current, arg)
        return isEqual(next, current) ? NOOP : next
      },
      () => pushInto([], arg),
    ),
}

const $addToSet: Operator<unknown[]> = {
  parse(operand) {
    if (!isPlainObject(operand) || Object.keys(operand)[0] !== '$each') return [operand]
    const each = operand.$each
    if (!Array.isArray(each)) throw requestFailed(`The argument to $each in $addToSet must be an array but it was of type ${typeName(each)}`)
    if (Object.keys(operand).length > 1) throw requestFailed(`Found unexpected fields after $each in $addToSet: ${showValue(operand)}`)
    const unique: unknown[] = []
    for (const value of each) if (!unique.some((u) => isEqual(u, value))) unique.push(value)
    return unique
  },
  apply: (doc, parts, values) =>
    modify(
      doc,
      parts,
      (current) => {
        if (!Array.isArray(current)) {
          throw requestFailed(`Cannot apply $addToSet to non-array field. Field named '${lastPart(parts)}' has non-array type ${typeName(current)}`)
        }
        const added = values.filter((value) => !current.some((existing) => isEqual(existing, value)))
        return added.length === 0 ? NOOP : [...current, ...added.map(copy)]
      },
      () => values.map(copy),
    ),
}

const $pop: Operator<number> = {
  parse(operand, path) {
    if (typeof operand !== 'number') throw requestFailed(`Expected a number in: ${showElement(path, operand)}`)
    if (operand !== 1 && operand !== -1) throw requestFailed(`$pop expects 1 or -1, found: ${showValue(operand)}`)
    return operand
  },
  apply: (doc, parts, end) =>
    modifyExisting(doc, parts, (current) => {
      if (!Array.isArray(current)) throw requestFailed(`Path '${parts.join('.')}' contains an element of non-array type '${typeName(current)}'`)
      if (current.length === 0) return NOOP
      return end < 0 ? current.slice(1) : current.slice(0, -1)
    }),
}

type Predicate = (element: unknown) => boolean

function culling(parse: (operand: unknown) => Predicate): Operator<Predicate> {
  return {
    parse,
    apply: (doc, parts, matches) =>
      modifyExisting(doc, parts, (current) => {
        // MongoDB words it the same for $pullAll.
        if (!Array.isArray(current)) throw requestFailed('Cannot apply $pull to a non-array value')
        const kept = current.filter((element) => !matches(element))
        return kept.length === current.length ? NOOP : kept
      }),
  }
}

/**
 * $pull's condition, as MongoDB reads it: an object of operators (`{$gt: 3}`) tests each element, an
 * object of fields (`{x: 1}`) is a query on each element that is a document, anything else is an
 * equality (a regex matches strings).
 */
function pullCondition(operand: unknown): Predicate {
  if (operand instanceof RegExp) return (element) => typeof element === 'string' && operand.test(element)
  if (!isPlainObject(operand)) return (element) => isEqual(element, operand)
  const first = Object.keys(operand)[0]
  if (first !== undefined && first.startsWith('$')) {
    const query = guarded(() => new Query({ element: operand }, {}))
    return (element) => guarded(() => query.test({ element }))
  }
  const query = guarded(() => new Query(operand, {}))
  return (element) => isPlainObject(element) && guarded(() => query.test(element))
}

const $pull = culling(pullCondition)

const $pullAll = culling((operand) => {
  if (!Array.isArray(operand)) throw requestFailed(`$pullAll requires an array argument but was given a ${typeName(operand)}`)
  return (element) => operand.some((value) => isEqual(value, element))
})

interface RenameArg {
  to: string[]
}

const $rename: Operator<RenameArg> = {
  parse(operand, path, parts) {
    if (typeof operand !== 'string') throw requestFailed(`The 'to' field for $rename must be a string: ${showElement(path, operand)}`)
    const to = parsePath(operand)
    if (operand === path) throw requestFailed(`The source and target field for $rename must differ: ${showElement(path, operand)}`)
    const n = Math.min(parts.length, to.length)
    if (parts.slice(0, n).every((part, i) => part === to[i])) {
      throw requestFailed(`The source and target field for $rename must not be on the same path: ${showElement(path, operand)}`)
    }
    if (parts.some(isPositional)) throw requestFailed(`The source field for $rename may not be dynamic: ${path}`)
    if (to.some(isPositional)) throw requestFailed(`The destination field for $rename may not be dynamic: ${operand}`)
    return { to }
  },
  alsoWrites: ({ to }) => [to],
  apply(doc, from, { to }) {
    const source = locate(doc, from)
    if (source.kind === 'blocked') throw cannotTraverse(from, source)
    if (source.kind === 'missing') return false
    if (source.arrayParent !== undefined) {
      throw requestFailed(`The source field cannot be an array element, '${from.join('.')}' in doc with ${idText(doc)} has an array field called '${source.arrayParent}'`)
    }
    const target = locate(doc, to)
    if (target.kind === 'blocked') throw cannotCreate(to, target)
    if (target.arrayParent !== undefined) {
      throw requestFailed(`The destination field cannot be an array element, '${to.join('.')}' in doc with ${idText(doc)} has an array field called '${target.arrayParent}'`)
    }
    if (target.kind === 'found') setAt(target.parent, target.key, source.value)
    else createAt(to, target, source.value)
    removeAt(source.parent, source.key)
    return true
  },
}

/** Every update operator MongoDB has that the SDK can send (`_.bit` and `$currentDate` included). */
const OPERATORS: Record<string, Operator> = {
  $set,
  $unset,
  $inc: arithmetic('$inc', 'increment', (current, n) => current + n, (n) => n),
  $mul: arithmetic('$mul', 'multiply', (current, n) => current * n, () => 0),
  $min: comparison((order) => order < 0),
  $max: comparison((order) => order > 0),
  $currentDate,
  $bit: $bit as Operator,
  $push: $push as Operator,
  $addToSet: $addToSet as Operator,
  $pop: $pop as Operator,
  $pull: $pull as Operator,
  $pullAll: $pullAll as Operator,
  $rename: $rename as Operator,
}
