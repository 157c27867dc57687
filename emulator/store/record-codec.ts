// The line format of the journal and the snapshot: `<crc32 hex> <canonical EJSON of a Mutation[]>\n`.
// Writing uses bson's canonical EJSON (exact for every type a document holds). Reading is the
// restart's hot loop (100k documents must load in well under a second), so it does not use
// EJSON.parse, whose JSON.parse reviver visits every value: it runs the native JSON.parse and then
// revives only the objects that carry `$`-keys, doing the common wrappers ($date, $numberInt,
// $numberDouble) inline and handing any other to bson. The result is exactly EJSON.parse's with
// `relaxed: true` (tests/unit/emulator/record-codec.test.ts checks it on random values).
import { EJSON } from 'bson'
import { crc32 } from 'zlib'
import type { Mutation } from './types'

export type JournalRecord = Mutation[]

export function encodeRecord(record: JournalRecord): string {
  const json = EJSON.stringify(record, { relaxed: false })
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
}

/** A line that did not decode: its 1-based line number in its file, and why. */
export interface BadLine {
  line: number
  reason: string
}

/**
 * Decodes complete lines (`text` ends with a newline or is empty); `firstLine` is the file line
 * number of the first one. Lines that fail their checksum or do not decode to mutations are
 * returned as bad, the others as records.
 */
export function decodeLines(text: string, firstLine: number): { records: JournalRecord[]; bad: BadLine[] } {
  const records: JournalRecord[] = []
  const bad: BadLine[] = []
  const lines = text.split('\n')
  lines.pop() // the empty string after the last newline
  for (let i = 0; i < lines.length; i++) {
    const reason = decodeLine(lines[i], records)
    if (reason) bad.push({ line: firstLine + i, reason })
  }
  return { records, bad }
}

/** Pushes the line's record onto `into`, or returns why it cannot. */
function decodeLine(line: string, into: JournalRecord[]): string | undefined {
  const json = line.slice(9)
  if (line.charCodeAt(8) !== 0x20 || parseInt(line.slice(0, 8), 16) !== crc32(json)) return 'checksum mismatch'
  let record: unknown
  try {
    record = revive(JSON.parse(json))
  } catch {
    return 'not parseable'
  }
  if (!isRecord(record)) return 'not a list of mutations'
  into.push(record)
  return undefined
}

function isRecord(value: unknown): value is JournalRecord {
  if (!Array.isArray(value)) return false
  for (const m of value as Partial<Mutation & { doc: unknown; id: unknown }>[]) {
    if (!m || typeof m !== 'object' || typeof m.c !== 'string') return false
    if (m.op === 'put' ? !m.doc || typeof m.doc !== 'object' : m.op === 'del' ? m.id === undefined : m.op !== 'create') return false
  }
  return true
}

// The largest |ms| a Date holds (ECMAScript's time range); beyond it bson's own code decides.
const MAX_DATE_MS = 8.64e15
const INTEGER = /^-?\d{1,16}$/

/** EJSON.parse's relaxed revival of a plain JSON value, in place where it can. */
function revive(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i])
    return value
  }
  const object = value as Record<string, unknown>
  for (const key in object) {
    if (key.charCodeAt(0) === 0x24) return reviveWrapper(object)
  }
  for (const key in object) object[key] = revive(object[key])
  return object
}

/** An object with a `$`-key, still raw: the common single-key wrappers here, the rest by bson. */
function reviveWrapper(object: Record<string, unknown>): unknown {
  const keys = Object.keys(object)
  if (keys.length === 1) {
    const [key] = keys
    const inner = object[key]
    if (key === '$numberInt' && typeof inner === 'string') return parseInt(inner, 10)
    if (key === '$numberDouble' && typeof inner === 'string') return parseFloat(inner)
    if (key === '$date') {
      if (typeof inner === 'string') return new Date(Date.parse(inner))
      const long = inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : undefined
      const ms = long && Object.keys(long).length === 1 && typeof long.$numberLong === 'string' && INTEGER.test(long.$numberLong) ? Number(long.$numberLong) : NaN
      if (Math.abs(ms) <= MAX_DATE_MS) return new Date(ms)
    }
  }
  return EJSON.deserialize(object, { relaxed: true })
}
