// The SDK's EJSON dialect as the admin API decodes and encodes it (emulator/README.md, "EJSON dialect").
import { EJSON, ObjectId } from 'bson'
import fc from 'fast-check'
import { decode, decodeObject, encodeDoc } from '../../../emulator/admin/wire'

test('numbers, dates, regular expressions (flags the SDK forwards verbatim, even g) and serverDate', () => {
  const now = Date.UTC(2026, 0, 1)
  const value = decode(
    JSON.stringify({
      i: { $numberInt: '1' },
      l: { $numberLong: '1099511627776' },
      d: { $numberDouble: '1.5' },
      at: { $date: { $numberLong: '0' } },
      re: { $regularExpression: { pattern: '^du.e$', options: 'gim' } },
      made: { $tcb_server_date: { offset: { $numberInt: '1000' } } },
      nested: [{ when: { $tcb_server_date: { offset: { $numberInt: '0' } } } }],
    }),
    now,
  ) as Record<string, unknown>
  expect(value).toMatchObject({ i: 1, l: 1099511627776, d: 1.5, at: new Date(0), made: new Date(now + 1000) })
  expect(value.re).toEqual(/^du.e$/im)
  expect((value.nested as { when: Date }[])[0].when).toEqual(new Date(now))
})

test('empty and missing fields decode to {}; non-objects and bad JSON are INVALID_PARAM', () => {
  expect(decodeObject('')).toEqual({})
  expect(decodeObject(undefined)).toEqual({})
  expect(() => decodeObject('[1]')).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }))
  expect(() => decodeObject('{nope')).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }))
})

test('documents go back as relaxed EJSON strings', () => {
  expect(JSON.parse(encodeDoc({ _id: 'a', n: 2, at: new Date(0), f: 1.5 }))).toEqual({ _id: 'a', n: 2, at: { $date: '1970-01-01T00:00:00Z' }, f: 1.5 })
})

test('an EJSON string nested as deep as MongoDB allows decodes; a much deeper one is INVALID_PARAM before decoding', () => {
  const nested = (levels: number) => '{"a":'.repeat(levels) + '{"$date":{"$numberLong":"0"}}' + '}'.repeat(levels)
  expect(decodeObject(nested(100))).toBeDefined()
  expect(() => decodeObject(nested(10_000))).toThrow(expect.objectContaining({ code: 'INVALID_PARAM', message: expect.stringMatching(/nested deeper than 128/) }))
})

test('encodeDoc writes exactly what bson writes as relaxed EJSON, for any document', () => {
  const date = fc.oneof(fc.date(), fc.integer({ min: -1, max: 1 }).map((ms) => new Date(ms)), fc.constant(new Date(253402300800000)))
  const leaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(-0), fc.boolean(), fc.constant(null), fc.constant(undefined), date)
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('any'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('any'), { maxKeys: 3 }).map((o) => ({ ...o }))),
  })).any
  fc.assert(
    fc.property(fc.dictionary(fc.string(), value, { maxKeys: 5 }), (doc) => {
      const plain = { ...doc }
      expect(encodeDoc(plain)).toBe(EJSON.stringify(plain, { relaxed: true }))
    }),
    { numRuns: 2000 },
  )
  // bson types and regexes are bson's to write.
  const odd = { _id: new ObjectId('64b7f0a1e1d2c3b4a5968778'), re: /a.c/i }
  expect(encodeDoc(odd)).toBe(EJSON.stringify(odd, { relaxed: true }))
})
