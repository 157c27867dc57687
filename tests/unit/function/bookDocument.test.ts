import { bookIdFor, buildBookDocument, derivedKeys, randomBookId } from '../../../cloudfunctions/bookcase/src/domain/bookDocument'
import { decodeCursor, encodeCursor } from '../../../cloudfunctions/bookcase/src/domain/cursor'

test('book ids from (reader, ISBN) are stable, distinct per reader and do not contain the OpenID', () => {
  const a = bookIdFor('oReaderA', '9787536692930')
  expect(a).toBe(bookIdFor('oReaderA', '9787536692930'))
  expect(a).not.toBe(bookIdFor('oReaderB', '9787536692930'))
  expect(a).not.toBe(bookIdFor('oReaderA', '9780141439518'))
  expect(a).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
  expect(a).not.toContain('oReaderA')
  expect(randomBookId()).toMatch(/^m[A-Za-z0-9_-]{22}$/)
  expect(randomBookId()).not.toBe(randomBookId())
})

test('a new document: defaults, absent optional fields, derived keys', () => {
  const doc = buildBookDocument({
    id: 'b1',
    openid: 'o1',
    metadata: { title: 'Dune', authors: ['Frank Herbert'], subtitle: '', isbn: '9780441013593' },
    source: 'manual',
    now: new Date(1000),
  })
  expect(doc).toMatchObject({ _id: 'b1', _openid: 'o1', status: 'want', rating: null, tags: [], note: '', is_private: false, source: 'manual' })
  expect(doc).not.toHaveProperty('subtitle')
  expect(doc.searchText).toContain('dune')
  expect(doc.searchText).toContain('frank herbert')
  expect(doc.searchText).toContain('9780441013593')
  expect(doc.searchText).toContain('0441013597')
  expect(doc.addedKey.endsWith('b1')).toBe(true)
})

test('addedKey sorts by time, then id; titleKey ignores case', () => {
  const key = (ms: number, id: string) => derivedKeys({ _id: id, title: 'T', authors: [], createdAt: new Date(ms) }).addedKey
  expect(key(999, 'z') < key(1000, 'a')).toBe(true)
  expect(key(1000, 'a') < key(1000, 'b')).toBe(true)
  const title = (t: string) => derivedKeys({ _id: 'x', title: t, authors: [], createdAt: new Date(0) }).titleKey
  expect(title('apple') < title('Banana')).toBe(true)
})

test('cursors round-trip and are refused when forged or for another sort', () => {
  const cursor = encodeCursor('title', 'dune\u0001b1')
  expect(decodeCursor(cursor, 'title')).toBe('dune\u0001b1')
  expect(() => decodeCursor(cursor, 'added')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  for (const bad of [
    forge({ v: 1, s: 'title', k: { $gt: '' } }),
    forge({ v: 1, s: 'title', k: 'x', extra: 1 }),
    forge({ v: 2, s: 'title', k: 'x' }),
    forge({ v: 1, s: 'title', k: '' }),
    forge('just a string'),
    'not-base64-json',
  ]) {
    expect(() => decodeCursor(bad, 'title')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  }
})
