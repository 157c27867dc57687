// What `doc` is while a rule is evaluated (emulator/README.md, "Client database": the query condition or the document).
import type { Doc } from '../../store/types'
import { UNKNOWN, type DocView } from './expression'

const isOperatorObject = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && Object.keys(v).some((k) => k.startsWith('$'))

/**
 * A query's view: the value a field is pinned to by equality (`{f: v}`, `{f: {$eq: v}}`, or either
 * inside a top-level `$and`), else UNKNOWN. A pin to a regex, an array or a sub-document is left
 * UNKNOWN: equality with it does not give the field one scalar value.
 */
export function queryView(filter: Doc): DocView {
  return (path) => {
    const key = path.join('.')
    const pins: unknown[] = []
    const collect = (condition: Doc) => {
      for (const [field, value] of Object.entries(condition)) {
        if (field === '$and' && Array.isArray(value)) value.forEach((part) => part && typeof part === 'object' && collect(part as Doc))
        if (field !== key) continue
        if (!isOperatorObject(value)) pins.push(value)
        else if (Object.keys(value as Doc).length === 1 && '$eq' in (value as Doc)) pins.push((value as Doc).$eq)
      }
    }
    collect(filter)
    const scalar = pins.find((v) => v === null || typeof v !== 'object' || v instanceof Date)
    return scalar === undefined ? UNKNOWN : scalar
  }
}

/** A concrete document's view (create: the new document). */
export function documentView(doc: Doc): DocView {
  return (path) => {
    let value: unknown = doc
    for (const key of path) {
      if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined
      value = (value as Doc)[key]
    }
    return value
  }
}
