// The depth scan that runs before JSON.parse on everything a request carries (emulator/http/json-depth.ts).
import fc from 'fast-check'
import { nestsDeeperThan, parseJson } from '../../../emulator/http/json-depth'

/** Depth of a parsed value: `{}` and `[]` are 1. */
function depthOf(value: unknown): number {
  if (!value || typeof value !== 'object') return 0
  const children = Array.isArray(value) ? value : Object.values(value)
  return 1 + Math.max(0, ...children.map(depthOf))
}

test('agrees with the depth of the parsed value, for any JSON text', () => {
  fc.assert(
    fc.property(fc.json({ depthSize: 'medium' }), fc.nat(12), (text, limit) => {
      expect(nestsDeeperThan(text, limit)).toBe(depthOf(JSON.parse(text)) > limit)
    }),
    { numRuns: 500 },
  )
})

test('brackets inside strings do not count, escaped quotes do not end a string', () => {
  expect(nestsDeeperThan('{"a": "[[[[{{{{"}', 1)).toBe(false)
  expect(nestsDeeperThan('["\\"[[[", "\\\\", [[]]]', 2)).toBe(true)
  expect(nestsDeeperThan('["\\"[[[", "\\\\", [[]]]', 3)).toBe(false)
  // An even run of backslashes before a quote is escaped backslashes: the string ends there.
  expect(nestsDeeperThan('["\\\\\\\\", [[]]]', 2)).toBe(true)
  expect(nestsDeeperThan('["\\\\\\"[[[[[", 1]', 1)).toBe(false)
})

test('deep text is caught at the limit; malformed text is left to JSON.parse', () => {
  expect(nestsDeeperThan('['.repeat(64) + ']'.repeat(64), 64)).toBe(false)
  expect(nestsDeeperThan('['.repeat(65) + ']'.repeat(65), 64)).toBe(true)
  expect(nestsDeeperThan('['.repeat(100_000), 64)).toBe(true)
  expect(nestsDeeperThan('["unterminated [[[[[[', 1)).toBe(false)
})

test('one linear pass: a megabyte of quotes and backslashes is scanned in milliseconds', () => {
  const text = `[${'"\\\\\\"\\\\",'.repeat(100_000)}1]`
  const started = performance.now()
  expect(nestsDeeperThan(text, 64)).toBe(false)
  expect(performance.now() - started).toBeLessThan(200)
})

test('parseJson refuses too deep and not-JSON text with the caller\'s error, before parsing', () => {
  const fail = (reason: string) => new RangeError(reason)
  expect(parseJson('{"a": [1, {"b": null}]}', 3, fail)).toEqual({ a: [1, { b: null }] })
  expect(() => parseJson('[[[[]]]]', 3, fail)).toThrow(new RangeError('JSON nested deeper than 3 levels'))
  expect(() => parseJson('{"a": ', 3, fail)).toThrow(new RangeError('not valid JSON'))
})
