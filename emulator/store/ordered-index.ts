// An ordered index over one or more fields, kept in a B+ tree (sorted-btree). Equality on the
// leading key(s) is a contiguous range that is already in the order of the following keys: a page of
// 20 is found by walking 20+skip entries, whatever the collection's size.
import BTree from 'sorted-btree'
import { bulkLoad } from 'sorted-btree/extended/bulkLoad'
import { Query } from 'mingo'
import { compare as mingoCompare, resolve } from './mingo-util'
import type { Doc, DocId, IndexSpec } from './types'

interface Entry {
  key: unknown[]
  id: DocId
  /** Only on search probes: -1 sorts before, +1 after, every entry sharing the probe's key prefix. */
  bound?: -1 | 1
}

/** sorted-btree's own default branching factor, which emptyTree() gets too. */
const DEFAULT_NODE_SIZE = 32

/** MongoDB's order across types (mingo's), with a fast path for the same-type scalars indexes hold. */
function compareValues(a: unknown, b: unknown): number {
  const ta = typeof a
  if (ta === typeof b) {
    if (ta === 'string' || ta === 'number') return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0
    if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime()
  }
  return mingoCompare(a, b)
}

export class OrderedIndex {
  readonly name: string
  readonly fields: string[]
  readonly directions: (1 | -1)[]
  readonly unique: boolean
  readonly partialFilter?: Doc
  private readonly partial?: Query
  /** Per key field: plain names are read off the document (what mingo's resolve returns for them, faster), paths by mingo. */
  private readonly readers: ((doc: Doc) => unknown)[]
  private tree: BTree<Entry, undefined>
  /** Set once any indexed value is an array: array values don't order, so the planner skips this index. */
  multikey = false

  constructor(spec: IndexSpec) {
    this.name = spec.name
    this.fields = spec.keys.map(([field]) => field)
    this.readers = this.fields.map((field) =>
      field.includes('.') ? (doc: Doc) => resolve(doc, field) : (doc: Doc) => (Object.hasOwn(doc, field) ? doc[field] : undefined),
    )
    this.directions = spec.keys.map(([, dir]) => (dir === -1 ? -1 : 1))
    this.unique = spec.unique === true
    this.partialFilter = spec.partialFilter
    if (spec.partialFilter) this.partial = new Query(spec.partialFilter, {})
    this.tree = this.emptyTree()
  }

  private emptyTree(): BTree<Entry, undefined> {
    return new BTree<Entry, undefined>(undefined, (a, b) => this.compareEntries(a, b))
  }

  get size(): number {
    return this.tree.size
  }

  /** The document's key, or null when a partial filter leaves it out. Missing fields key as null, as in MongoDB. */
  keyOf(doc: Doc): unknown[] | null {
    if (this.partial && !this.partial.test(doc)) return null
    return this.readers.map((read) => {
      const value = read(doc)
      if (Array.isArray(value)) this.multikey = true
      return value === undefined ? null : value
    })
  }

  /** Compares the first `upTo` key values, each in its field's direction. */
  private compareKeys(a: unknown[], b: unknown[], upTo: number): number {
    for (let i = 0; i < upTo; i++) {
      const c = compareValues(a[i], b[i])
      if (c !== 0) return c * this.directions[i]
    }
    return 0
  }

  private compareEntries(a: Entry, b: Entry): number {
    const c = this.compareKeys(a.key, b.key, Math.min(a.key.length, b.key.length))
    if (c !== 0) return c
    if (a.bound || b.bound) return (a.bound ?? 0) - (b.bound ?? 0)
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  }

  /** Bulk (re)build, for loading the database at start: one sort and a bottom-up tree, not n inserts. */
  rebuild(docs: Iterable<Doc>): void {
    this.multikey = false
    const entries: Entry[] = []
    for (const doc of docs) {
      const key = this.keyOf(doc)
      if (key) entries.push({ key, id: doc._id as DocId })
    }
    const compare = (a: Entry, b: Entry) => this.compareEntries(a, b)
    entries.sort(compare)
    this.tree = bulkLoad(entries, entries.map(() => undefined), DEFAULT_NODE_SIZE, compare)
  }

  insert(doc: Doc): void {
    const key = this.keyOf(doc)
    if (key) this.tree.set({ key, id: doc._id as DocId }, undefined)
  }

  remove(doc: Doc): void {
    const key = this.keyOf(doc)
    if (key) this.tree.delete({ key, id: doc._id as DocId })
  }

  /** For a unique index: the id of another document holding the same key as `doc`, if any. */
  conflictFor(doc: Doc): DocId | undefined {
    if (!this.unique) return undefined
    const key = this.keyOf(doc)
    if (!key) return undefined
    for (const id of this.scan(key)) if (id !== doc._id) return id
    return undefined
  }

  /**
   * Ids whose leading `prefix.length` key values equal `prefix` (and whose next key value lies in
   * `range`, when given), in index order or reversed, lazily: a caller that needs 20 stops after 20.
   */
  *scan(prefix: unknown[], reverse = false, range?: Range): Generator<DocId> {
    const n = prefix.length
    const dir = this.directions[n] ?? 1
    // The range's ends in index order: a descending field meets its upper bound first.
    const first = dir === 1 ? range?.lower : range?.upper
    const last = dir === 1 ? range?.upper : range?.lower
    const probe = (end: RangeEnd | undefined, side: -1 | 1): Entry =>
      end
        ? { key: [...prefix, end.value], id: '', bound: (end.inclusive ? side : -side) as -1 | 1 }
        : { key: prefix, id: '', bound: side }
    const entries = reverse ? this.tree.entriesReversed(probe(last, 1)) : this.tree.entries(probe(first, -1))
    const stop = reverse ? first : last
    for (const [entry] of entries) {
      if (this.compareKeys(entry.key, prefix, n) !== 0) return
      if (stop) {
        const c = compareValues(entry.key[n], stop.value) * dir * (reverse ? -1 : 1)
        if (c > 0 || (c === 0 && !stop.inclusive)) return
      }
      yield entry.id
    }
  }
}

export interface RangeEnd {
  value: unknown
  inclusive: boolean
}

/** Bounds on one field's value (not in index order): what $gt/$gte and $lt/$lte ask. */
export interface Range {
  lower?: RangeEnd
  upper?: RangeEnd
}
