// The bucket permission's four presets (emulator/README.md, "Client storage") over every kind of caller
// and file, the file format's refusals, and the bucket keeping uploaders across a reopen.
import { mkdtempSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { StoragePermission } from '../../../emulator/client-storage/permission'
import { Bucket } from '../../../emulator/storage/bucket'

const UPLOADER = 'resource.openid == auth.openid'
const file = (content: string) => {
  const at = path.join(mkdtempSync(path.join(tmpdir(), 'bookcase-storage-rules-')), 'storage-rules.json')
  writeFileSync(at, content)
  return at
}
const load = (rules: unknown) => StoragePermission.load(file(JSON.stringify(rules)))

// Callers against a file A uploaded, and against a function's file (no uploader).
const CASES = [
  ['A on its own file', 'A', 'A'],
  ['B on A’s file', 'B', 'A'],
  ['no identity on A’s file', undefined, 'A'],
  ['A on a function’s file', 'A', undefined],
] as const

test.each([
  ['所有用户可读，仅创建者可写', { read: true, write: UPLOADER }, [true, true, true, true], [true, false, false, false]],
  ['仅创建者可读写', { read: UPLOADER, write: UPLOADER }, [true, false, false, false], [true, false, false, false]],
  ['所有用户可读，仅管理端可写', { read: true, write: false }, [true, true, true, true], [false, false, false, false]],
  ['仅管理端可读写', { read: false, write: false }, [false, false, false, false], [false, false, false, false]],
])('%s', (_name, rules, reads, writes) => {
  const permission = load(rules)
  expect(CASES.map(([, caller, uploader]) => permission.allows('read', caller, uploader))).toEqual(reads)
  expect(CASES.map(([, caller, uploader]) => permission.allows('write', caller, uploader))).toEqual(writes)
})

test('without a file the bucket is 仅创建者可读写; the rule may be written either way round, with comments', () => {
  expect(StoragePermission.load(path.join(tmpdir(), 'no-such-storage-rules.json'))).toEqual(load({ read: UPLOADER, write: UPLOADER }))
  const flipped = load({ '/': 'comment', read: 'auth.openid === resource.openid', write: false })
  expect([flipped.allows('read', 'A', 'A'), flipped.allows('read', 'B', 'A'), flipped.allows('write', 'A', 'A')]).toEqual([true, false, false])
})

test.each([
  ['not JSON', '{read: true', /not JSON/],
  ['another expression', JSON.stringify({ read: 'auth != null', write: false }), /read: only true, false or "resource\.openid == auth\.openid"/],
  ['a missing key', JSON.stringify({ read: true }), /write/],
  ['an unknown key', JSON.stringify({ read: true, write: false, create: true }), /create|unrecognized/i],
  ['a mode name', JSON.stringify('PRIVATE'), /file/],
])('a rules file with %s stops the start with one line naming it', (_what, content, message) => {
  const at = file(content)
  expect(() => StoragePermission.load(at)).toThrow(message)
  expect(() => StoragePermission.load(at)).toThrow(at)
})

test('the bucket keeps each upload’s uploader across a reopen; a function’s upload or a removal clears it', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bookcase-bucket-'))
  const bucket = new Bucket(dataDir, 'bookcase-local')
  bucket.write('covers/a.jpg', Buffer.from('a'), 'A')
  bucket.write('covers/b.jpg', Buffer.from('b'), 'B')
  bucket.write('exports/f.csv', Buffer.from('f'))
  const reopened = new Bucket(dataDir, 'bookcase-local')
  expect(['covers/a.jpg', 'covers/b.jpg', 'exports/f.csv'].map((p) => reopened.ownerOf(p))).toEqual(['A', 'B', undefined])
  reopened.write('covers/a.jpg', Buffer.from('by the function'))
  reopened.remove('covers/b.jpg')
  const again = new Bucket(dataDir, 'bookcase-local')
  expect([again.ownerOf('covers/a.jpg'), again.ownerOf('covers/b.jpg')]).toEqual([undefined, undefined])
})

test('a damaged uploader file stops the start instead of leaving files to whoever asks', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bookcase-bucket-'))
  new Bucket(dataDir, 'bookcase-local').write('covers/a.jpg', Buffer.from('a'), 'A')
  writeFileSync(path.join(dataDir, 'storage', 'owners.json'), '{"covers/a.jpg": 7}')
  expect(() => new Bucket(dataDir, 'bookcase-local')).toThrow(/owners\.json: unreadable file owners/)
})
