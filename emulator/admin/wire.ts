// The SDK's EJSON dialect (emulator/README.md, "EJSON dialect"): requests carry EJSON *strings*,
// replies carry documents as relaxed EJSON strings. bson's EJSON does the work; this file only adds
// the SDK's extras.
import { EJSON } from 'bson'
import { invalidParam, requestFailed } from '../errors'
import { MAX_EJSON_DEPTH, parseJson } from '../http/json-depth'

export type Doc = Record<string, unknown>

// JS RegExp flags that mean something to a query. The SDK forwards JS flags verbatim (even `g`),
// which bson's BSONRegExp refuses, so they are filtered before bson sees them.
const QUERY_REGEX_FLAGS = /[imsu]/g

function fixRegexOptions(key: string, value: unknown): unknown {
  if (key === '$regularExpression' && value && typeof value === 'object') {
    const re = value as { pattern: unknown; options?: unknown }
    const options = String(re.options ?? '').match(QUERY_REGEX_FLAGS)?.join('') ?? ''
    return { pattern: re.pattern, options }
  }
  return value
}

/** Replaces what bson leaves for us: BSONRegExp → RegExp (mingo matches RegExp only), serverDate → Date. */
function finish(value: unknown, now: number): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = finish(value[i], now)
    return value
  }
  if (!value || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return value
  const bsonType = (value as { _bsontype?: string })._bsontype
  if (bsonType === 'BSONRegExp') {
    const re = value as unknown as { pattern: string; options: string }
    try {
      return new RegExp(re.pattern, re.options)
    } catch (error) {
      // MongoDB refuses the query ("Regular expression is invalid"): a request failure, not a crash.
      throw requestFailed(`Regular expression is invalid: ${(error as Error).message}`)
    }
  }
  if (bsonType) return value
  const obj = value as Doc
  const serverDate = obj.$tcb_server_date as { offset?: unknown } | undefined
  if (serverDate && typeof serverDate === 'object' && Object.keys(obj).length === 1) {
    return new Date(now + (Number(serverDate.offset) || 0))
  }
  for (const key of Object.keys(obj)) obj[key] = finish(obj[key], now)
  return obj
}

/**
 * Decodes one EJSON string from a request field (query, data, order, projection, stageValue). Its depth
 * is checked first: bson's deserializer and finish() recurse.
 */
export function decode(text: string, now = Date.now()): unknown {
  const raw = parseJson(text, MAX_EJSON_DEPTH, (reason) => invalidParam(`not valid EJSON (${reason}): ${text.slice(0, 80)}`), fixRegexOptions)
  return finish(EJSON.deserialize(raw as Doc, { relaxed: true }), now)
}

/** Decodes an optional EJSON object field; empty string or absent → `fallback`. */
export function decodeObject(text: unknown, fallback: Doc = {}): Doc {
  if (text === undefined || text === null || text === '') return fallback
  if (typeof text !== 'string') throw invalidParam('expected an EJSON string')
  const value = decode(text)
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidParam('expected an EJSON object')
  return value as Doc
}

/** Relaxed EJSON writes dates in this range as ISO strings, others as milliseconds (bson's rule). */
const ISO_DATE_END = 253402300800000 // 10000-01-01

/** Thrown by the replacer below at a value plain JSON cannot carry; bson's EJSON takes over. */
const NOT_PLAIN = new Error('not plain JSON')

/**
 * JSON.stringify's replacer doing what relaxed EJSON does for the values stored documents hold:
 * dates, non-finite numbers, undefined. `this[key]` is the raw value (JSON.stringify has already
 * called Date's toJSON on `value`).
 */
function relaxedValue(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key]
  if (raw instanceof Date) {
    const ms = raw.getTime()
    if (!(ms > -1 && ms < ISO_DATE_END)) return { $date: { $numberLong: String(ms) } }
    const iso = raw.toISOString()
    return { $date: raw.getUTCMilliseconds() !== 0 ? iso : `${iso.slice(0, -5)}Z` }
  }
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { $numberDouble: String(raw) }
  if (raw === undefined) return null
  if (raw !== null && typeof raw === 'object') {
    const proto = Object.getPrototypeOf(raw)
    if (!Array.isArray(raw) && proto !== Object.prototype && proto !== null) throw NOT_PLAIN
    if ('_bsontype' in raw) throw NOT_PLAIN
  } else if (typeof raw === 'bigint' || typeof raw === 'function' || typeof raw === 'symbol') throw NOT_PLAIN
  return value
}

/**
 * A stored document as the SDK wants it in `data.list`: a relaxed EJSON string. Documents of plain
 * JSON values and dates (all the app stores) go through one native JSON.stringify, byte for byte what
 * bson writes (tests/unit/emulator/wire.test.ts checks it on random documents); anything else (bson
 * types, regexes) is written by bson itself. Encoding was a visible cost of every page in the profile.
 */
export function encodeDoc(doc: unknown): string {
  try {
    return JSON.stringify(doc, relaxedValue)
  } catch (error) {
    if (error !== NOT_PLAIN) throw error
    return EJSON.stringify(doc as Doc, { relaxed: true })
  }
}
