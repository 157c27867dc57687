// An ordered (B-tree-like) index over one or more fields, kept as a sorted array of entries.
// Equality on the leading key(s) finds a contiguous range by binary search, and that range is
// already in the order of the following keys: a page of 20 is found by walking 20+skip entries,
// whatever the collection's size. Inserts and removals splice the array (a memmove), which for the
// sizes a local emulator sees (≤ a few 100k) costs microseconds.
import { Query } from 'mingo'
import { compare, resolve } from 'mingo/util'
import type { Doc, DocId, IndexSpec } from './types'

interface Entry {
  key: unknown[]
  id: DocId
}

export class OrderedIndex {
  readonly name: string
  readonly fields: string[]
  readonly directions: (1 | -1)[]
  readonly unique: boolean
  private readonly partial?: Query
  readonly partialFilter?: Doc
  private entries: Entry[] = []
  /** Set once any indexed value is an array: array values don't order, so the planner skips this index. */
  multikey = false

  constructor(spec: IndexSpec) {
    this.name = spec.name
    this.fields = spec.keys.map(([field]) => field)
    this.directions = spec.keys.map(([, dir]) => (dir === -1 ? -1 : 1))
    this.unique = spec.unique === true
    this.partialFilter = spec.partialFilter
    if (spec.partialFilter) this.partial = new Query(spec.partialFilter, {})
  }

  get size(): number {
    return this.entries.length
  }

  /** The document's key, or null when a partial filter leaves it out. Missing fields key as null, as in MongoDB. */
  keyOf(doc: Doc): unknown[] | null {
    if (this.partial && !this.partial.test(doc)) return null
    return this.fields.map((field) => {
      const value = resolve(doc, field)
      if (Array.isArray(value)) this.multikey = true
      return value === undefined ? null : value
    })
  }

  private compareKeys(a: unknown[], b: unknown[], upTo = a.length): number {
    for (let i = 0; i < upTo; i++) {
      const c = compare(a[i], b[i])
      if (c !== 0) return c * this.directions[i]
    }
    return 0
  }

  private compareEntries(a: Entry, b: Entry): number {
    return this.compareKeys(a.key, b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  }

  /** First position whose entry is not before `probe`. */
  private lowerBound(probe: (e: Entry) => number): number {
    let lo = 0
    let hi = this.entries.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (probe(this.entries[mid]) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Bulk (re)build: one sort instead of n splices, for loading a snapshot. */
  rebuild(docs: Iterable<Doc>): void {
    this.entries = []
    this.multikey = false
    for (const doc of docs) {
      const key = this.keyOf(doc)
      if (key) this.entries.push({ key, id: doc._id as DocId })
    }
    this.entries.sort((a, b) => this.compareEntries(a, b))
  }

  insert(doc: Doc): void {
    const key = this.keyOf(doc)
    if (!key) return
    const entry = { key, id: doc._id as DocId }
    this.entries.splice(this.lowerBound((e) => this.compareEntries(e, entry)), 0, entry)
  }

  remove(doc: Doc): void {
    const key = this.keyOf(doc)
    if (!key) return
    const entry = { key, id: doc._id as DocId }
    const at = this.lowerBound((e) => this.compareEntries(e, entry))
    if (at < this.entries.length && this.compareEntries(this.entries[at], entry) === 0) this.entries.splice(at, 1)
  }

  /** For a unique index: the id of another document holding the same key as `doc`, if any. */
  conflictFor(doc: Doc): DocId | undefined {
    if (!this.unique) return undefined
    const key = this.keyOf(doc)
    if (!key) return undefined
    for (let at = this.lowerBound((e) => this.compareKeys(e.key, key)); at < this.entries.length; at++) {
      const e = this.entries[at]
      if (this.compareKeys(e.key, key) !== 0) return undefined
      if (e.id !== doc._id) return e.id
    }
    return undefined
  }

  /**
   * Ids whose leading `prefix.length` key values equal `prefix`, in index order (or reversed),
   * lazily, so a caller that needs 20 stops after 20.
   */
  *scan(prefix: unknown[], reverse = false): Generator<DocId> {
    const n = prefix.length
    const start = this.lowerBound((e) => this.compareKeys(e.key, prefix, n))
    const end = this.lowerBound((e) => (this.compareKeys(e.key, prefix, n) <= 0 ? -1 : 1))
    if (!reverse) for (let i = start; i < end; i++) yield this.entries[i].id
    else for (let i = end - 1; i >= start; i--) yield this.entries[i].id
  }
}
