// How MongoDB names and prints values in its error messages ("… of non-numeric type string",
// "in element {a: "x"}"), so the store's refusals read like the real database's.

/** MongoDB's name for a value's BSON type. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (Array.isArray(value)) return 'array'
  if (value instanceof Date) return 'date'
  if (value instanceof RegExp) return 'regex'
  const bsonType = (value as { _bsontype?: string })._bsontype
  return bsonType ? (BSON_TYPE_NAMES[bsonType] ?? bsonType) : 'object'
}

const BSON_TYPE_NAMES: Record<string, string> = {
  ObjectId: 'objectId',
  Binary: 'binData',
  Decimal128: 'decimal',
  Long: 'long',
  Int32: 'int',
  Double: 'double',
  Timestamp: 'timestamp',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  Code: 'javascript',
  BSONSymbol: 'symbol',
}

/** A value as MongoDB's shell prints it: `"x"`, `[ 1, 2 ]`, `{ b: 1 }`. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(showValue).join(', ')} ]`
  if (value instanceof Date) return `new Date(${value.getTime()})`
  const bsonType = (value as { _bsontype?: string })._bsontype
  if (bsonType === 'ObjectId') return `ObjectId('${String(value)}')`
  if (typeof value === 'object' && !(value instanceof RegExp) && !bsonType) {
    const entries = Object.entries(value)
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => showElement(k, v)).join(', ')} }`
  }
  return String(value)
}

/** A named element, `a: "x"`: what MongoDB prints inside `{…}` in its messages. */
export function showElement(name: string, value: unknown): string {
  return `${name}: ${showValue(value)}`
}
