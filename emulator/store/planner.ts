// Chooses how to find a query's candidates: by _id, by an ordered index (equality on its leading
// keys, and, when the sort follows its next keys, already in order so the walk can stop early), by the
// _openid hash index, or by a full scan. Every candidate is still tested with mingo, so a plan can
// only make a query faster, never change its answer.
import { Query } from 'mingo'
import { setValue } from './mingo-util'
import type { HashIndex } from './hash-index'
import type { OrderedIndex, Range } from './ordered-index'
import type { Doc, DocId, SortSpec } from './types'

export interface Plan {
  /** 'id', 'index:<name>', 'hash:<field>' or 'scan': for the viewer and tests. */
  kind: string
  ids: Iterable<DocId>
  /** True when `ids` already come in the requested sort order. */
  ordered: boolean
}

type Equalities = Map<string, unknown>

const isIndexable = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date

/** Fields the filter pins to one scalar value: `{f: v}`, `{f: {$eq: v}}`, also inside a top-level $and. */
export function equalitiesOf(filter: Doc, out: Equalities = new Map()): Equalities {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (part && typeof part === 'object') equalitiesOf(part as Doc, out)
    } else if (!field.startsWith('$')) {
      if (isIndexable(cond)) out.set(field, cond)
      else if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof RegExp)) {
        const ops = Object.keys(cond)
        const eq = (cond as Doc).$eq
        if (ops.length === 1 && ops[0] === '$eq' && isIndexable(eq)) out.set(field, eq)
      }
    }
  }
  return out
}

/**
 * Fields the filter bounds with $gt/$gte/$lt/$lte on a scalar. mingo compares within one type only
 * (as MongoDB does), so every match lies inside the bounds in index order: the bounds may narrow a
 * walk, and each candidate is still tested.
 */
export function rangesOf(filter: Doc, out = new Map<string, Range>()): Map<string, Range> {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) if (part && typeof part === 'object') rangesOf(part as Doc, out)
      continue
    }
    if (field.startsWith('$') || !cond || typeof cond !== 'object' || Array.isArray(cond) || cond instanceof Date || cond instanceof RegExp) continue
    const range: Range = { ...out.get(field) }
    for (const [op, value] of Object.entries(cond)) {
      if (!isIndexable(value)) continue
      if (op === '$gt' || op === '$gte') range.lower = { value, inclusive: op === '$gte' }
      if (op === '$lt' || op === '$lte') range.upper = { value, inclusive: op === '$lte' }
    }
    if (range.lower || range.upper) out.set(field, range)
  }
  return out
}

/** A partial index may serve a query only if every document the query can match is in the index. */
function partialCovers(index: OrderedIndex, eq: Equalities): boolean {
  if (!index.partialFilter) return true
  const probe: Doc = {}
  for (const field of Object.keys(index.partialFilter)) {
    if (field.startsWith('$') || !eq.has(field)) return false
    setValue(probe, field, eq.get(field))
  }
  return new Query(index.partialFilter, {}).test(probe)
}

/** Whether the index's keys after `from` give `sort`: forward, reversed, or not at all. */
function sortDirection(index: OrderedIndex, from: number, sort: SortSpec): 'forward' | 'reverse' | undefined {
  if (sort.length === 0) return 'forward'
  if (from + sort.length > index.fields.length) return undefined
  let forward = true
  let reverse = true
  sort.forEach(([field, dir], i) => {
    if (index.fields[from + i] !== field) forward = reverse = false
    if (index.directions[from + i] !== dir) forward = false
    if (index.directions[from + i] !== -dir) reverse = false
  })
  return forward ? 'forward' : reverse ? 'reverse' : undefined
}

export function plan(
  filter: Doc,
  sort: SortSpec,
  docs: Map<DocId, Doc>,
  ordered: OrderedIndex[],
  hashes: HashIndex[],
): Plan {
  const eq = equalitiesOf(filter)
  const id = eq.get('_id')
  if (typeof id === 'string') return { kind: 'id', ids: docs.has(id) ? [id] : [], ordered: true }

  // Sorting on a field the filter pins to one value is no sort at all.
  const effectiveSort = sort.filter(([field]) => !eq.has(field))
  const ranges = rangesOf(filter)
  type Candidate = { index: OrderedIndex; prefix: unknown[]; range?: Range; direction?: 'forward' | 'reverse'; score: number }
  let best: Candidate | undefined
  for (const index of ordered) {
    if (index.multikey || !partialCovers(index, eq)) continue
    let k = 0
    while (k < index.fields.length && eq.has(index.fields[k])) k++
    const range = k < index.fields.length ? ranges.get(index.fields[k]) : undefined
    const direction = sortDirection(index, k, effectiveSort)
    // Worth using when it narrows or delivers the order; prefer narrower, then ordered.
    if (k === 0 && !range && (!direction || effectiveSort.length === 0)) continue
    const score = k * 4 + (range ? 2 : 0) + (direction ? 1 : 0)
    if (!best || score > best.score) {
      best = { index, prefix: index.fields.slice(0, k).map((f) => eq.get(f)), range, direction, score }
    }
  }
  const hash = hashes.find((h) => eq.has(h.field))
  if (best && (best.prefix.length > 0 || !hash)) {
    const { index, prefix, range, direction } = best
    return { kind: `index:${index.name}`, ids: index.scan(prefix, direction === 'reverse', range), ordered: direction !== undefined }
  }
  if (hash) {
    const ids = hash.lookup(eq.get(hash.field))
    if (ids) return { kind: `hash:${hash.field}`, ids, ordered: effectiveSort.length === 0 }
  }
  return { kind: 'scan', ids: docs.keys(), ordered: effectiveSort.length === 0 }
}
