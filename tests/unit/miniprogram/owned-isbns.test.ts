// The packed set of owned ISBNs: sorted 12-digit keys, bounded, honest about what it does not know.
// wx storage is a Map here (the unit suite has no Mini Program runtime).
import type { ImportProgress } from '../../../typings/api'

const store = new Map<string, string>()
Object.assign(globalThis, {
  wx: {
    getStorageSync: (key: string) => (store.has(key) ? JSON.parse(store.get(key)!) : ''),
    setStorageSync: (key: string, data: unknown) => store.set(key, JSON.stringify(data)),
  },
})
// eslint-disable-next-line @typescript-eslint/no-require-imports
const owned = require('../../../miniprogram/utils/owned-isbns') as typeof import('../../../miniprogram/utils/owned-isbns')

const isbn13 = (n: number) => {
  const body = `978${String(n).padStart(9, '0')}`
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3)
  return `${body}${(10 - (sum % 10)) % 10}`
}

beforeEach(() => store.clear())

test('unknown until built; then owned / not-owned; adds and removals keep it sorted', () => {
  expect(owned.ownedness(isbn13(1))).toBe('unknown')
  owned.replaceOwned([isbn13(5), isbn13(1), 'not an isbn', isbn13(5)])
  expect(JSON.parse(store.get('bookcase.ownedIsbns')!).digits).toBe(isbn13(1).slice(0, 12) + isbn13(5).slice(0, 12))
  expect(owned.ownedness(isbn13(5))).toBe('owned')
  expect(owned.ownedness(isbn13(3))).toBe('not-owned')
  owned.addOwned(isbn13(3))
  owned.removeOwned(isbn13(1))
  expect(JSON.parse(store.get('bookcase.ownedIsbns')!).digits).toBe(isbn13(3).slice(0, 12) + isbn13(5).slice(0, 12))
})

test('a finished import that added books makes a "not owned" untrusted until rebuilt', () => {
  owned.replaceOwned([isbn13(1)])
  const progress: ImportProgress = { jobId: 'j', state: 'done', format: 'goodreads', total: 3, processed: 3, added: 3, duplicates: 0, skippedCount: 0, skipped: [] }
  owned.noteShelfCall('importBooks', { jobId: 'j' }, progress)
  expect(owned.ownedness(isbn13(2))).toBe('unknown')
  expect(owned.ownedness(isbn13(1))).toBe('owned')
  expect(owned.needsRebuild()).toBe(true)
})

test('a removal drops exactly the removed ISBN and leaves the set fresh', () => {
  owned.replaceOwned([isbn13(1), isbn13(2), isbn13(3)])
  owned.noteShelfCall('removeBook', { id: 'x' }, { id: 'x', isbn: isbn13(2) })
  expect(JSON.parse(store.get('bookcase.ownedIsbns')!).digits).toBe(isbn13(1).slice(0, 12) + isbn13(3).slice(0, 12))
  expect(owned.ownedness(isbn13(2))).toBe('not-owned')
  expect(owned.ownedness(isbn13(1))).toBe('owned')
  expect(owned.needsRebuild()).toBe(false)
  // A typed-in book without an ISBN was never in the set: its removal changes nothing.
  const before = store.get('bookcase.ownedIsbns')
  owned.noteShelfCall('removeBook', { id: 'y' }, { id: 'y' })
  expect(store.get('bookcase.ownedIsbns')).toBe(before)
})

test('an old set is rebuilt; a "not owned" from it is not trusted', () => {
  owned.replaceOwned([isbn13(1)], 0)
  expect(owned.ownedness(isbn13(2), owned.OWNED_MAX_AGE_MS + 1)).toBe('unknown')
  expect(owned.needsRebuild(owned.OWNED_MAX_AGE_MS + 1)).toBe(true)
})

test('bounded: past MAX_OWNED_ISBNS the set keeps the first ones and stops answering "not owned"', () => {
  const many = Array.from({ length: owned.MAX_OWNED_ISBNS + 5 }, (_, i) => isbn13(i))
  owned.replaceOwned(many)
  const stored = JSON.parse(store.get('bookcase.ownedIsbns')!)
  expect(stored.digits.length).toBe(owned.MAX_OWNED_ISBNS * 12)
  expect(stored.complete).toBe(false)
  expect(owned.ownedness(isbn13(10))).toBe('owned')
  expect(owned.ownedness(isbn13(owned.MAX_OWNED_ISBNS + 3))).toBe('unknown')
})
