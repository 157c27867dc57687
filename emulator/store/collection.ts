// One collection: documents by _id, the _openid hash index, the declared ordered indexes, and
// mingo for every query, sort and projection. Stored documents are never mutated in place (updates
// build a new object), so a reader holding a document never sees it change under it. Only the
// store reaches a Collection; the Database hands out its answers, never the collection itself.
import { find } from 'mingo'
import { PlatformError } from '../errors'
import { compileFilter, project } from './fast-paths'
import { HashIndex } from './hash-index'
import { guarded } from './mingo-guard'
import { OrderedIndex } from './ordered-index'
import { plan, type Plan } from './planner'
import type { Doc, DocId, FindOptions, IndexSpec, SortSpec } from './types'
import { ValueCounts, type CountKey } from './value-counts'

/** The duplicate-key error. Wording follows MongoDB's E11000; the real cloud's text is UNVERIFIED. */
function duplicateKey(collection: string, index: string, key: unknown): PlatformError {
  return new PlatformError(
    'DATABASE_REQUEST_FAILED',
    `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${JSON.stringify(key)}`,
  )
}

export class Collection {
  private readonly docs = new Map<DocId, Doc>()
  private readonly ordered: OrderedIndex[]
  private readonly hashes = [new HashIndex('_openid')]
  /** Per field some aggregation grouped by (unwound or not), each reader's value counts (value-counts.ts). */
  private readonly valueCounts = new Map<string, ValueCounts>()

  constructor(
    readonly name: string,
    indexes: IndexSpec[] = [],
  ) {
    this.ordered = indexes.map((spec) => new OrderedIndex(spec))
  }

  get size(): number {
    return this.docs.size
  }

  get indexNames(): string[] {
    return this.ordered.map((index) => index.name)
  }

  get(id: DocId): Doc | undefined {
    return this.docs.get(id)
  }

  /** Every document, in insertion order. */
  values(): IterableIterator<Doc> {
    return this.docs.values()
  }

  plan(filter: Doc, sort: SortSpec = []): Plan {
    return plan(filter, sort, this.docs, this.ordered, this.hashes)
  }

  find(filter: Doc, options: FindOptions = {}): Doc[] {
    return guarded(() => this.findUnguarded(filter, options))
  }

  private findUnguarded(filter: Doc, options: FindOptions): Doc[] {
    const { sort = [], skip = 0, limit = Infinity, projection } = options
    const matches = compileFilter(filter)
    const p = this.plan(filter, sort)
    let page: Doc[]
    if (p.ordered) {
      // Candidates already in order: stop as soon as the page is full.
      page = []
      let skipped = 0
      for (const id of p.ids) {
        if (page.length >= limit) break
        const doc = this.docs.get(id)
        if (!doc || !matches(doc)) continue
        if (skipped < skip) skipped++
        else page.push(doc)
      }
    } else {
      const matched: Doc[] = []
      for (const id of p.ids) {
        const doc = this.docs.get(id)
        if (doc && matches(doc)) matched.push(doc)
      }
      let cursor = find(matched, {})
      if (sort.length > 0) cursor = cursor.sort(Object.fromEntries(sort))
      if (skip) cursor = cursor.skip(skip)
      if (limit !== Infinity) cursor = cursor.limit(limit)
      page = cursor.all() as Doc[]
    }
    return projection && Object.keys(projection).length > 0 ? project(page, projection) : page
  }

  /** How often each value of `field` (unwound, or as it is) occurs among the reader's documents (those
   * with the field, when `existing`), or undefined when the counts do not cover them. Built on first
   * use, then kept in step with every write. */
  countsOf(field: string, unwind: boolean, openid: string, existing = false): ReadonlyMap<CountKey, number> | undefined {
    const name = `${unwind ? 'unwound' : 'grouped'}:${field}`
    let counts = this.valueCounts.get(name)
    if (!counts) {
      this.valueCounts.set(name, (counts = new ValueCounts(field, unwind)))
      for (const doc of this.docs.values()) counts.insert(doc)
    }
    return counts.of(openid, existing)
  }

  count(filter: Doc): number {
    return guarded(() => this.countUnguarded(filter))
  }

  private countUnguarded(filter: Doc): number {
    // Fast path: a filter that is exactly one scalar equality on a hash-indexed field is answered by
    // the index alone (added by the function's engineer for listBooks' total on 100k-book shelves).
    const keys = Object.keys(filter)
    const hash = keys.length === 1 ? this.hashes.find((h) => h.field === keys[0]) : undefined
    const exact = hash && (typeof filter[keys[0]] === 'string' || typeof filter[keys[0]] === 'number')
    if (hash && exact) return hash.lookup(filter[keys[0]])?.size ?? 0
    const matches = compileFilter(filter)
    let n = 0
    for (const id of this.plan(filter).ids) {
      const doc = this.docs.get(id)
      if (doc && matches(doc)) n++
    }
    return n
  }

  /** Throws the duplicate-key error if storing `doc` (new, or replacing its own _id) would break a unique index. */
  checkUnique(doc: Doc, isNew: boolean): void {
    if (isNew && this.docs.has(doc._id as DocId)) throw duplicateKey(this.name, '_id_', { _id: doc._id })
    for (const index of this.ordered) {
      if (index.conflictFor(doc) !== undefined) throw duplicateKey(this.name, index.name, index.keyOf(doc))
    }
  }

  /** Stores `doc` (insert or replace), keeping every index in step. No checks: callers check first. */
  put(doc: Doc): void {
    const old = this.docs.get(doc._id as DocId)
    if (old) this.unindex(old)
    this.docs.set(doc._id as DocId, doc)
    for (const h of this.hashes) h.insert(doc)
    for (const o of this.ordered) o.insert(doc)
    for (const v of this.valueCounts.values()) v.insert(doc)
  }

  delete(id: DocId): Doc | undefined {
    const old = this.docs.get(id)
    if (!old) return undefined
    this.unindex(old)
    this.docs.delete(id)
    return old
  }

  /** Loads many documents at once (snapshot replay) and sorts each index once. */
  load(docs: Doc[]): void {
    for (const doc of docs) {
      this.docs.set(doc._id as DocId, doc)
      for (const h of this.hashes) h.insert(doc)
      for (const v of this.valueCounts.values()) v.insert(doc)
    }
    for (const o of this.ordered) o.rebuild(this.docs.values())
  }

  private unindex(doc: Doc): void {
    for (const h of this.hashes) h.remove(doc)
    for (const o of this.ordered) o.remove(doc)
    for (const v of this.valueCounts.values()) v.remove(doc)
  }
}
