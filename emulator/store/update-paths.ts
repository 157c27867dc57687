// Dotted paths as MongoDB's update operators walk them: a part reaches into an object by name and
// into an array only by a numeric index (an update never fans out over array elements, unlike a
// query); a part that meets anything else cannot be reached. Also the positional parts `$` and `$[]`,
// and the rule that two operators of one update may not touch overlapping paths.
import { Query } from 'mingo'
import { requestFailed, type PlatformError } from '../errors'
import { setValue } from './mingo-util'
import type { Doc } from './types'
import { showElement } from './value-text'

export type Container = Doc | unknown[]

/** MongoDB pads an array with nulls to reach an index, up to this many. */
const MAX_PADDING = 1_500_000

export type Location =
  /** The path exists: `parent[key]` holds `value`. `arrayParent` names the innermost array the walk went through. */
  | { kind: 'found'; parent: Container; key: string; value: unknown; arrayParent?: string }
  /** `parts[at]` is absent from `parent` (an object, or an array the index is past the end of). */
  | { kind: 'missing'; parent: Container; at: number; arrayParent?: string }
  /** `parts[at]` cannot be reached: `holder` (the field `holderName`) is not an object, or is an array and the part no index. */
  | { kind: 'blocked'; holder: unknown; holderName: string; at: number }

export const isPlainObject = (value: unknown): value is Doc => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const arrayIndex = (part: string): number | undefined => (/^\d+$/.test(part) ? Number(part) : undefined)

export const isPositional = (part: string): boolean => part === '$' || /^\$\[\w*\]$/.test(part)

/** Splits and checks an update path (MongoDB's rules for field names in an update). */
export function parsePath(path: string): string[] {
  if (path === '') throw requestFailed('An empty update path is not valid.')
  const parts = path.split('.')
  let positional = 0
  parts.forEach((part, i) => {
    if (part === '') throw requestFailed(`The update path '${path}' contains an empty field name, which is not allowed.`)
    // A field named __proto__ would replace a stored document's prototype.
    if (part === '__proto__') throw requestFailed(`The field name '__proto__' in '${path}' is not supported by the local emulator.`)
    if (!part.startsWith('$')) return
    if (!isPositional(part)) throw requestFailed(`The dollar ($) prefixed field '${part}' in '${path}' is not valid for storage.`)
    if (i === 0) throw requestFailed(`Cannot have positional (i.e. '$') element in the first position in path '${path}'`)
    if (part === '$' && ++positional > 1) throw requestFailed(`Too many positional (i.e. '$') elements found in path '${path}'`)
    // The SDK cannot send arrayFilters, so a filtered positional part never has its filter.
    if (part !== '$' && part !== '$[]') throw requestFailed(`No array filter found for identifier '${part.slice(2, -1)}' in path '${path}'`)
  })
  return parts
}

/** Where `parts` lead in `doc`. */
export function locate(doc: Doc, parts: string[]): Location {
  let parent: Container = doc
  let arrayParent: string | undefined
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    let value: unknown
    if (Array.isArray(parent)) {
      arrayParent = parts[i - 1]
      const index = arrayIndex(part)
      if (index === undefined) return { kind: 'blocked', holder: parent, holderName: parts[i - 1], at: i }
      if (index >= parent.length) return { kind: 'missing', parent, at: i, arrayParent }
      value = parent[index]
    } else {
      if (!Object.hasOwn(parent, part)) return { kind: 'missing', parent, at: i, arrayParent }
      value = parent[part]
    }
    if (i === parts.length - 1) return { kind: 'found', parent, key: part, value, arrayParent }
    if (!isPlainObject(value) && !Array.isArray(value)) return { kind: 'blocked', holder: value, holderName: part, at: i + 1 }
    parent = value
  }
  throw new Error('locate: empty path')
}

/** The refusal for creating a path that a non-container blocks. */
export function cannotCreate(parts: string[], loc: Extract<Location, { kind: 'blocked' }>): PlatformError {
  return requestFailed(`Cannot create field '${parts[loc.at]}' in element {${showElement(loc.holderName, loc.holder)}}`)
}

/** The refusal for walking through a non-container, from operators that never create (e.g. $pop). */
export function cannotTraverse(parts: string[], loc: Extract<Location, { kind: 'blocked' }>): PlatformError {
  return requestFailed(`Cannot use the part (${parts[loc.at]}) of (${parts.join('.')}) to traverse the element ({${showElement(loc.holderName, loc.holder)}})`)
}

export function setAt(parent: Container, key: string, value: unknown): void {
  if (Array.isArray(parent)) parent[Number(key)] = value
  else parent[key] = value
}

/** Removes a field; an array element becomes null instead, as MongoDB's $unset does. */
export function removeAt(parent: Container, key: string): void {
  if (Array.isArray(parent)) parent[Number(key)] = null
  else delete parent[key]
}

/** Creates the missing tail of `parts` at a 'missing' location, with `value` at its end. */
export function createAt(parts: string[], loc: Extract<Location, { kind: 'missing' }>, value: unknown): void {
  let leaf = value
  for (let i = parts.length - 1; i > loc.at; i--) leaf = { [parts[i]]: leaf }
  const { parent } = loc
  if (Array.isArray(parent)) {
    const index = Number(parts[loc.at])
    if (index - parent.length > MAX_PADDING) throw requestFailed(`can't backfill more than ${MAX_PADDING} elements`)
    while (parent.length < index) parent.push(null)
    parent[index] = leaf
  } else parent[parts[loc.at]] = leaf
}

/**
 * The concrete paths a path with positional parts stands for in `doc`: `$[]` is every element,
 * `$` the first element the query's condition on that array matches.
 */
export function expandPositional(doc: Doc, parts: string[], query: Doc): string[][] {
  const i = parts.findIndex(isPositional)
  if (i < 0) return [parts]
  const prefix = parts.slice(0, i)
  const loc = locate(doc, prefix)
  const first = parts[i] === '$'
  if (first && (loc.kind !== 'found' || !Array.isArray(loc.value))) throw noPositionalMatch()
  if (loc.kind !== 'found') throw requestFailed(`The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`)
  if (!Array.isArray(loc.value)) throw requestFailed(`Cannot apply array updates to non-array element ${showElement(loc.key, loc.value)}`)
  const indexes = first ? [firstMatch(query, prefix.join('.'), loc.value)] : loc.value.map((_v, k) => k)
  return indexes.flatMap((k) => expandPositional(doc, [...prefix, String(k), ...parts.slice(i + 1)], query))
}

const noPositionalMatch = () => requestFailed('The positional operator did not find the match needed from the query.')

function firstMatch(query: Doc, arrayPath: string, elements: unknown[]): number {
  const key = Object.keys(query).find((k) => k === arrayPath || k.startsWith(`${arrayPath}.`))
  if (key === undefined) throw noPositionalMatch()
  const condition = new Query({ [key]: query[key] }, {})
  const index = elements.findIndex((element) => {
    const probe: Doc = {}
    setValue(probe, arrayPath, [element])
    return condition.test(probe)
  })
  if (index < 0) throw noPositionalMatch()
  return index
}

/** Refuses two paths of one update where one is the other or lies inside it. */
export class ConflictCheck {
  private readonly seen: string[][] = []

  add(parts: string[]): void {
    for (const other of this.seen) {
      const n = Math.min(other.length, parts.length)
      if (other.slice(0, n).every((part, i) => part === parts[i])) {
        throw requestFailed(`Updating the path '${parts.join('.')}' would create a conflict at '${parts.slice(0, n).join('.')}'`)
      }
    }
    this.seen.push(parts)
  }
}
