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

/** A stored document as the SDK wants it in `data.list`: a relaxed EJSON string. */
export function encodeDoc(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: true })
}
