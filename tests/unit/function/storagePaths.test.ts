// The storage paths the function hands out and accepts (storage/paths.ts): a reader's folder is a keyed
// hash of the OpenID, never the OpenID; cover paths parse back to their book only inside the reader's
// own covers folder.
import { coverPathBook, exportPath, importPath, newCoverPath, readerFolder } from '../../../cloudfunctions/bookcase/src/storage/paths'

const A = 'oAlice-openid-0123456789abcdef'
const B = 'oBob-openid-0123456789abcdef'

const withSalt = <T>(salt: string | undefined, fn: () => T): T => {
  const saved = process.env.READER_FOLDER_SALT
  if (salt === undefined) delete process.env.READER_FOLDER_SALT
  else process.env.READER_FOLDER_SALT = salt
  try {
    return fn()
  } finally {
    if (saved === undefined) delete process.env.READER_FOLDER_SALT
    else process.env.READER_FOLDER_SALT = saved
  }
}

test('a reader’s folder: stable, per reader, per salt, cloud-path safe, without the OpenID', () => {
  withSalt('salt-1', () => {
    expect(readerFolder(A)).toBe(readerFolder(A))
    expect(readerFolder(A)).not.toBe(readerFolder(B))
    expect(readerFolder(A)).toMatch(/^r[A-Za-z0-9_-]{22}$/)
    expect(readerFolder(A)).not.toContain('Alice')
  })
  expect(withSalt('salt-1', () => readerFolder(A))).not.toBe(withSalt('salt-2', () => readerFolder(A)))
})

test('every path lies under readers/<folder>/', () => {
  const folder = `readers/${readerFolder(A)}/`
  expect(importPath(A, 'jJob123', 'csv')).toBe(`${folder}imports/jJob123.csv`)
  expect(exportPath(A, 'xlsx')).toBe(`${folder}exports/bookcase.xlsx`)
  expect(newCoverPath(A, 'bBook1', 'webp')).toMatch(new RegExp(`^${folder}covers/bBook1-[A-Za-z0-9_-]{16}\\.webp$`))
})

test('coverPathBook: the book of a handed-out cover path of this reader; null for anything else', () => {
  const path = newCoverPath(A, 'bBook1', 'jpg')
  expect(newCoverPath(A, 'bBook1', 'jpg')).not.toBe(path)
  expect(coverPathBook(path, A)).toBe('bBook1')
  expect(coverPathBook(path, B)).toBeNull()
  const folder = `readers/${readerFolder(A)}`
  for (const other of [
    `${folder}/covers/bBook1.jpg`,
    `${folder}/covers/bBook1-short.jpg`,
    `${folder}/covers/bBook1-${'a'.repeat(16)}.gif`,
    `${folder}/covers/sub/bBook1-${'a'.repeat(16)}.jpg`,
    `${folder}/imports/bBook1-${'a'.repeat(16)}.jpg`,
    `${folder}/covers/../covers/bBook1-${'a'.repeat(16)}.jpg/x`,
  ]) {
    expect([other, coverPathBook(other, A)]).toEqual([other, null])
  }
})
