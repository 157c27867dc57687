// The crash-safe write helper: the target holds the old content or the new, never part of it, and
// no temp file is left behind, whether the content is a string, bytes or streamed chunks.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { makeDirectoryDurably, writeFileDurably } from '../../../emulator/durable-file'

let dir: string
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'bookcase-durable-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('writes a string, bytes, or chunks from a writer callback, replacing the old file; no temp file stays', () => {
  const file = path.join(dir, 'f.json')
  writeFileDurably(file, 'first')
  expect(readFileSync(file, 'utf8')).toBe('first')
  writeFileDurably(file, Buffer.from([0, 1, 2]))
  expect([...readFileSync(file)]).toEqual([0, 1, 2])
  writeFileDurably(file, (write) => {
    for (let i = 0; i < 3; i++) write(`chunk ${i};`)
    write(new Uint8Array([0x21]))
  })
  expect(readFileSync(file, 'utf8')).toBe('chunk 0;chunk 1;chunk 2;!')
  expect(readdirSync(dir)).toEqual(['f.json'])
})

test('a writer that fails leaves the old file as it was and no temp file', () => {
  const file = path.join(dir, 'snapshot.jsonl')
  writeFileSync(file, 'old')
  expect(() =>
    writeFileDurably(file, (write) => {
      write('half of the new')
      throw new Error('disk full')
    }),
  ).toThrow('disk full')
  expect(readFileSync(file, 'utf8')).toBe('old')
  expect(readdirSync(dir)).toEqual(['snapshot.jsonl'])
})

test('a missing folder is an error, not a silent success', () => {
  expect(() => writeFileDurably(path.join(dir, 'no', 'such', 'f'), 'x')).toThrow(/ENOENT/)
})

test('makeDirectoryDurably creates nested folders (and is fine when they exist)', () => {
  const nested = path.join(dir, 'a', 'b', 'c')
  makeDirectoryDurably(nested)
  makeDirectoryDurably(nested)
  writeFileDurably(path.join(nested, 'f'), 'x')
  expect(existsSync(path.join(nested, 'f'))).toBe(true)
})
