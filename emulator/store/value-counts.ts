// Per reader (_openid), how many times each value of one field occurs, as a `$group` by the field
// counts it: unwound first (a book with authors ['a', 'b'] counts once for 'a' and once for 'b'), or as
// it is (a missing status counts under null). Kept in step with every write once some aggregation has
// asked for the field, so "my top authors" or "my books per status" costs the number of distinct
// values, not the number of books. Readers with a value mingo would unwind or group by structure (an
// object, a date, an array where it is not unwound) are marked irregular, and their aggregations take
// the ordinary path.
import { resolve } from './mingo-util'
import type { Doc } from './types'

export type CountKey = string | number | boolean | null

export const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function')

/** What `{$unwind: '$field'}` makes of a value, as mingo does: an array's elements, nothing for
 * null, a missing field or '', the value itself otherwise. Undefined for values left to mingo. */
export function unwoundValues(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (!isPrimitive(value)) return undefined
  return value === undefined || value === null || value === '' ? [] : [value]
}

interface ReaderCounts {
  counts: Map<CountKey, number>
  /** Of the documents grouped as they are, those without the field (counted under null too). */
  missing: number
  /** Documents with a value the counts do not cover. */
  irregular: number
}

export class ValueCounts {
  private readonly readers = new Map<unknown, ReaderCounts>()
  /** Documents whose _openid is an array: `{_openid: x}` matches them for each element (MongoDB's
   * array rule), which the per-reader counts do not follow. */
  private arrayOwners = 0

  constructor(
    readonly field: string,
    /** Whether the group is by the field's unwound values (`$unwind` first) or by the field itself. */
    readonly unwind: boolean,
  ) {}

  /** The keys one document adds to, or undefined when mingo would group it by structure. */
  private keysOf(doc: Doc): CountKey[] | undefined {
    const value = resolve(doc, this.field)
    if (!this.unwind) return isPrimitive(value) ? [(value ?? null) as CountKey] : undefined
    const values = unwoundValues(value)
    return values && values.every((v) => isPrimitive(v) && v !== undefined) ? (values as CountKey[]) : undefined
  }

  private readerOf(doc: Doc): ReaderCounts | undefined {
    const openid = doc._openid
    if (typeof openid !== 'string') return undefined
    let reader = this.readers.get(openid)
    if (!reader) this.readers.set(openid, (reader = { counts: new Map(), missing: 0, irregular: 0 }))
    return reader
  }

  private apply(doc: Doc, sign: 1 | -1): void {
    if (Array.isArray(doc._openid)) this.arrayOwners += sign
    const reader = this.readerOf(doc)
    if (!reader) return
    const keys = this.keysOf(doc)
    if (!keys) {
      reader.irregular += sign
      return
    }
    if (!this.unwind && resolve(doc, this.field) === undefined) reader.missing += sign
    for (const value of keys) {
      const n = (reader.counts.get(value) ?? 0) + sign
      if (n === 0) reader.counts.delete(value)
      else reader.counts.set(value, n)
    }
  }

  insert(doc: Doc): void {
    this.apply(doc, 1)
  }

  remove(doc: Doc): void {
    this.apply(doc, -1)
  }

  /** The reader's value counts, or undefined when some of their documents are irregular. `existing`
   * leaves out the documents without the field, as `{field: {$exists: true}}` does. */
  of(openid: string, existing = false): ReadonlyMap<CountKey, number> | undefined {
    if (this.arrayOwners > 0) return undefined
    const reader = this.readers.get(openid)
    if (!reader) return new Map()
    if (reader.irregular > 0) return undefined
    if (!existing || reader.missing === 0) return reader.counts
    const counts = new Map(reader.counts)
    const nulls = (counts.get(null) ?? 0) - reader.missing
    if (nulls > 0) counts.set(null, nulls)
    else counts.delete(null)
    return counts
  }
}
