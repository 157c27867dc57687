// The SDK's EJSON dialect as the admin API decodes and encodes it (emulator/README.md, "EJSON dialect").
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
