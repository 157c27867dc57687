// A hash index for equality lookups on one field (always `_openid`): value → ids.
// Array values are indexed under each element, so `{field: v}` finds documents whose array holds v,
// as MongoDB's equality does. Values that are objects are not indexed: an equality on a scalar never
// matches them.
import { resolve } from './mingo-util'
import type { Doc, DocId } from './types'

type Scalar = string | number | boolean

const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'

export class HashIndex {
  private readonly map = new Map<Scalar, Set<DocId>>()

  constructor(readonly field: string) {}

  private valuesOf(doc: Doc): Scalar[] {
    const value = resolve(doc, this.field)
    const values = Array.isArray(value) ? value : [value]
    return values.filter(isScalar)
  }

  insert(doc: Doc): void {
    for (const v of this.valuesOf(doc)) {
      let ids = this.map.get(v)
      if (!ids) this.map.set(v, (ids = new Set()))
      ids.add(doc._id as DocId)
    }
  }

  remove(doc: Doc): void {
    for (const v of this.valuesOf(doc)) {
      const ids = this.map.get(v)
      ids?.delete(doc._id as DocId)
      if (ids && ids.size === 0) this.map.delete(v)
    }
  }

  lookup(value: unknown): Set<DocId> | undefined {
    return isScalar(value) ? (this.map.get(value) ?? new Set()) : undefined
  }

  clear(): void {
    this.map.clear()
  }
}
