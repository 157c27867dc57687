// The journal's line codec: what it reads back is exactly what bson's EJSON.parse (relaxed) reads,
// for any value a document can hold, and lines it cannot trust are reported with their numbers.
import { EJSON } from 'bson'
import fc from 'fast-check'
import { crc32 } from 'zlib'
import { decodeLines, encodeRecord } from '../../../emulator/store/record-codec'

const put = (doc: Record<string, unknown>) => [{ op: 'put' as const, c: 'c', doc }]

// Values documents hold: JSON's, plus Dates (in and beyond the ISO range), awkward numbers and keys.
const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, NaN, Infinity, -Infinity, 2 ** 53 + 2, -(2 ** 63), 1e300),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15) }),
  fc.constantFrom(new Date(0), new Date('1969-12-31T23:59:59.999Z'), new Date('9999-12-31T23:59:59.999Z'), new Date('+010000-01-01T00:00:00Z')),
)
const key = fc.oneof(fc.string(), fc.constantFrom('$date', '$numberInt', '$numberLong', '$numberDouble', '$foo', 'a.b', ''))
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
}))

/** Deep equality that also tells -0 from 0, NaN from NaN-less, Invalid Dates apart from nothing, and classes apart. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b)
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime())
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as never)[k], (b as never)[k]))
}

const decodeOne = (line: string) => {
  const { records, bad } = decodeLines(line, 1)
  if (bad.length > 0) throw new Error(bad[0].reason)
  return records[0]
}

test('a record reads back exactly as EJSON.parse reads it', () => {
  fc.assert(
    // A stored document's own keys never start with `$` (MongoDB refuses them); nested ones may.
    fc.property(fc.dictionary(fc.string().filter((k) => !k.startsWith('$')), value, { maxKeys: 6 }), (doc) => {
      let line: string
      try {
        line = encodeRecord(put({ _id: 'x', ...doc }))
      } catch {
        return // not serializable by bson at all (e.g. a `$numberInt` key holding junk): nothing to read back
      }
      const json = line.slice(9, -1)
      let expected: unknown
      try {
        expected = EJSON.parse(json, { relaxed: true })
      } catch {
        expect(() => decodeOne(line)).toThrow()
        return
      }
      expect(same(decodeOne(line), expected)).toBe(true)
    }),
    { numRuns: 2000 },
  )
})

test('the wrappers it decodes itself give the same values as bson', () => {
  const doc = { _id: 'd', at: new Date(1577837040000), early: new Date(-1), n: 4, x: 1.5, neg: -0, big: 2 ** 40, inf: -Infinity, nan: NaN, deep: [{ at: new Date(5) }] }
  const line = encodeRecord(put(doc))
  expect(line).toContain('{"$date":{"$numberLong":"1577837040000"}}')
  expect(decodeOne(line)).toEqual(put(doc))
  expect(Object.is((decodeOne(line)[0] as unknown as { doc: { neg: number } }).doc.neg, -0)).toBe(true)
})

test('bad lines are reported with their line numbers; the others decode', () => {
  const good = encodeRecord(put({ _id: 'a' }))
  const flipped = good.replace('"a"', '"b"')
  // Lines with a correct checksum over something that is not a record.
  const noMutation = (json: string) => `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
  const text = [good, flipped, 'garbage\n', noMutation('{"op":"put"}'), noMutation('[{"op":"drop","c":"c"}]'), noMutation('[{"op"'), good].join('')
  const { records, bad } = decodeLines(text, 10)
  expect(records).toHaveLength(2)
  expect(bad).toEqual([
    { line: 11, reason: 'checksum mismatch' },
    { line: 12, reason: 'checksum mismatch' },
    { line: 13, reason: 'not a list of mutations' },
    { line: 14, reason: 'not a list of mutations' },
    { line: 15, reason: 'not parseable' },
  ])
})
