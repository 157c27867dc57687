// Durability and restarts: an emulator killed with SIGKILL mid-stream loses no acknowledged write,
// and nothing it leaves behind blocks the next start (a zombie, a pid file naming another process).
// A torn last record is dropped on restart; damaged records elsewhere are reported with file and
// line, their file is kept aside, and more than a few stop the start until --repair.
import { spawn } from 'child_process'
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { encodeRecord } from '../../../emulator/store/record-codec'
import { CLI, connectSdk, runEmulatorToExit, startEmulator, type EmulatorHandle } from '../../support/emulator'

const dataDir = mkdtempSync(path.join(tmpdir(), 'bookcase-crash-'))
const dirs = [dataDir]
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookcase-crash-'))
  dirs.push(dir)
  return dir
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
const database = (emu: EmulatorHandle): any => connectSdk(emu.url).database()

async function allIds(emu: EmulatorHandle, collection: string): Promise<Set<string>> {
  const db = database(emu)
  const ids = new Set<string>()
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(1000).field({ _id: true }).get()
    for (const d of data) ids.add(d._id)
    if (data.length < 1000) return ids
  }
}

async function streamThenKill(emu: EmulatorHandle, collection: string, target: number): Promise<string[]> {
  const db = database(emu)
  await db.createCollection(collection)
  const acknowledged: string[] = []
  let next = 0
  let killed = false
  const writer = async () => {
    while (!killed) {
      const id = `doc-${next++}`
      try {
        await db.collection(collection).add({ data: { _id: id, payload: 'x'.repeat(200), at: new Date() } })
        acknowledged.push(id)
      } catch {
        return // the emulator is gone
      }
    }
  }
  const writers = Array.from({ length: 8 }, writer)
  // Kill it mid-stream, with writes in flight.
  while (acknowledged.length < target) await new Promise((resolve) => setTimeout(resolve, 5))
  killed = true
  await emu.kill()
  await Promise.all(writers)
  return acknowledged
}

test('kill -9 while writes stream in: every acknowledged write survives', async () => {
  const acknowledged = await streamThenKill(await startEmulator({ dataDir }), 'stream', 400)
  const restarted = await startEmulator({ dataDir })
  try {
    const ids = await allIds(restarted, 'stream')
    const lost = acknowledged.filter((id) => !ids.has(id))
    expect(lost).toEqual([])
    expect(ids.size).toBeGreaterThanOrEqual(acknowledged.length)
  } finally {
    await restarted.stop()
  }
})

test('kill -9 while the journal is compacted again and again: every acknowledged write survives', async () => {
  const compacting = mkdtempSync(path.join(tmpdir(), 'bookcase-compact-'))
  try {
    const env = { BOOKCASE_COMPACT_BYTES: '20000' }
    const emu = await startEmulator({ dataDir: compacting, env })
    const acknowledged = await streamThenKill(emu, 'compacted', 600)
    expect(emu.output()).toMatch(/compacted \d+ documents into a snapshot/)
    const restarted = await startEmulator({ dataDir: compacting, env })
    try {
      const ids = await allIds(restarted, 'compacted')
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([])
    } finally {
      await restarted.stop()
    }
  } finally {
    rmSync(compacting, { recursive: true, force: true })
  }
})

const onLinux = process.platform === 'linux' ? test : test.skip

/** The process state letter in /proc (Z: zombie, exited but not reaped). */
const procState = (pid: number) => {
  try {
    return /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]
  } catch {
    return undefined
  }
}

onLinux('kill -9 of an emulator its parent does not reap (a zombie) does not block the next start; its writes are there', async () => {
  const dir = tempDir()
  // sh starts the emulator in the background and becomes `sleep`, which never waits for its child.
  const parent = spawn('sh', ['-c', `"${process.execPath}" "${CLI}" --port 0 --data "${dir}" --no-seed --no-preview & echo "pid $!"; exec sleep 120`])
  try {
    let out = ''
    const url = await new Promise<string>((resolve, reject) => {
      parent.stdout.on('data', (c) => {
        out += c
        const ready = /ready at (http\S+)/.exec(out)
        if (ready && /pid \d+/.test(out)) resolve(ready[1])
      })
      parent.once('exit', () => reject(new Error(out)))
    })
    const pid = Number(/pid (\d+)/.exec(out)![1])
    const db = connectSdk(url).database()
    await db.createCollection('kept')
    await db.collection('kept').add({ data: { _id: 'acknowledged' } })
    process.kill(pid, 'SIGKILL')
    while (procState(pid) !== 'Z') await new Promise((resolve) => setTimeout(resolve, 10))
    expect(() => process.kill(pid, 0)).not.toThrow() // "alive" to a pid check

    const next = await startEmulator({ dataDir: dir })
    try {
      expect((await database(next).collection('kept').doc('acknowledged').get()).data).toEqual({ _id: 'acknowledged' })
    } finally {
      await next.stop()
    }
  } finally {
    parent.kill('SIGKILL')
  }
}, 30_000)

test('an emulator.pid left naming a live unrelated process does not block the start', async () => {
  const dir = tempDir()
  const unrelated = spawn('sleep', ['120'])
  try {
    writeFileSync(path.join(dir, 'emulator.pid'), String(unrelated.pid)) // as older versions wrote it
    const emu = await startEmulator({ dataDir: dir })
    expect(await emu.stop()).toBe(0)
  } finally {
    unrelated.kill('SIGKILL')
  }
})

// A data folder written line by line: one `create`, then one `put` per id.
const journalOf = (dir: string) => path.join(dir, 'db', 'journal-000001.jsonl')
const put = (id: string) => encodeRecord([{ op: 'put', c: 'books', doc: { _id: id, by: 'hand' } }])
function writeJournal(dir: string, ids: string[]): string {
  mkdirSync(path.join(dir, 'db'), { recursive: true })
  writeFileSync(journalOf(dir), encodeRecord([{ op: 'create', c: 'books' }]) + ids.map(put).join(''))
  return journalOf(dir)
}
/** Damages the given 1-based lines of a file in place: a bit flip (checksum mismatch) or garbage. */
function damage(file: string, lines: number[], how: 'flip' | 'garbage' = 'flip'): void {
  const text = readFileSync(file, 'utf8').split('\n')
  for (const n of lines) text[n - 1] = how === 'flip' ? text[n - 1].replace('"hand"', '"HAND"') : 'not a record at all'
  writeFileSync(file, text.join('\n'))
}
const copiesOf = (file: string) => readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${path.basename(file)}.damaged-`))
const ids = (n: number) => Array.from({ length: n }, (_x, i) => `b${i}`)
// The tests below start the emulator several times each: more than jest's default 5 s on a busy machine.

test('a torn last record is dropped and logged, the rest replays, and writing goes on', async () => {
  const file = journalOf(dataDir) // the folder the kill -9 tests left
  appendFileSync(file, put('torn').slice(0, 30))
  const emu = await startEmulator({ dataDir })
  try {
    expect(emu.output()).toMatch(/recovery: dropped torn last record \(30 bytes\) of .*journal-000001\.jsonl/)
    expect(emu.output()).not.toMatch(/damaged/)
    const all = await allIds(emu, 'stream')
    expect(all.has('torn')).toBe(false)
    expect(all.size).toBeGreaterThanOrEqual(400)
    await database(emu).collection('stream').add({ data: { _id: 'after-torn' } })
  } finally {
    await emu.stop()
  }
  const again = await startEmulator({ dataDir })
  try {
    expect((await allIds(again, 'stream')).has('after-torn')).toBe(true)
    expect(again.output()).not.toMatch(/recovery: dropped/)
  } finally {
    await again.stop()
  }
})

test('one damaged record: the start goes on, it is reported with file and line, the file is kept aside, and compaction leaves a clean journal', async () => {
  const dir = tempDir()
  const file = writeJournal(dir, ids(10))
  damage(file, [4]) // line 4 holds b2
  const emu = await startEmulator({ dataDir: dir })
  try {
    expect(emu.output()).toContain(`recovery: dropped damaged record ${file}:4 (checksum mismatch); the damaged file is kept as ${file}.damaged-`)
    const all = await allIds(emu, 'books')
    expect([...all].sort()).toEqual(ids(10).filter((id) => id !== 'b2').sort())
  } finally {
    await emu.stop()
  }
  const [copy] = copiesOf(file)
  expect(readFileSync(path.join(dir, 'db', copy), 'utf8')).toContain('"HAND"')
  const again = await startEmulator({ dataDir: dir })
  try {
    expect(again.output()).not.toMatch(/recovery: dropped/)
    expect(copiesOf(file)).toEqual([copy])
  } finally {
    await again.stop()
  }
}, 30_000)

test('more than a few damaged records stop the start, naming each file:line and the copy; --repair drops them, loads the rest and keeps the copy', async () => {
  const dir = tempDir()
  const file = writeJournal(dir, ids(20))
  damage(file, [3, 7, 8])
  damage(file, [12], 'garbage')
  const before = readFileSync(file)

  const refused = await runEmulatorToExit(['--port', '0', '--data', dir])
  expect(refused.code).toBe(1)
  expect(refused.stdout).not.toMatch(/ready at/)
  const message = refused.stderr.trim()
  expect(message.split('\n')).toHaveLength(1)
  expect(message).toMatch(/^bookcase emulator: 4 damaged records in the database: /)
  for (const line of [3, 7, 8, 12]) expect(message).toContain(`${file}:${line} (checksum mismatch)`)
  expect(message).toMatch(/start with --repair to drop the damaged records/)
  const [copy] = copiesOf(file)
  expect(message).toContain(path.join(dir, 'db', copy))
  expect(readFileSync(file).equals(before)).toBe(true) // nothing dropped yet
  expect(readFileSync(path.join(dir, 'db', copy)).equals(before)).toBe(true)

  // Refused again: still one copy.
  expect((await runEmulatorToExit(['--port', '0', '--data', dir])).code).toBe(1)
  expect(copiesOf(file)).toEqual([copy])

  const repaired = await startEmulator({ dataDir: dir, args: ['--repair'] })
  try {
    expect(repaired.output().match(/recovery: dropped damaged record/g)).toHaveLength(4)
    const lost = new Set(['b1', 'b5', 'b6', 'b10']) // lines 3, 7, 8 and 12
    expect([...(await allIds(repaired, 'books'))].sort()).toEqual(ids(20).filter((id) => !lost.has(id)).sort())
  } finally {
    await repaired.stop()
  }
  expect(copiesOf(file)).toEqual([copy])
  expect(readFileSync(path.join(dir, 'db', copy)).equals(before)).toBe(true)
  const plain = await startEmulator({ dataDir: dir })
  try {
    expect(plain.output()).not.toMatch(/recovery: dropped/)
    expect((await allIds(plain, 'books')).size).toBe(16)
  } finally {
    await plain.stop()
  }
}, 30_000)

test('damage in the snapshot (an unreadable header, a bad document line) is reported with its file and line; the journal after it still replays', async () => {
  const dir = tempDir()
  writeJournal(dir, ids(5))
  // Compact the journal into a snapshot (a tiny compaction threshold and one write), then write on.
  const first = await startEmulator({ dataDir: dir, env: { BOOKCASE_COMPACT_BYTES: '1' } })
  await database(first).collection('books').add({ data: { _id: 'compacted' } })
  expect(await first.stop()).toBe(0)
  const second = await startEmulator({ dataDir: dir })
  await database(second).collection('books').add({ data: { _id: 'in-the-new-journal' } })
  expect(await second.stop()).toBe(0)

  const snapshot = path.join(dir, 'db', 'snapshot.jsonl')
  const lines = readFileSync(snapshot, 'utf8').split('\n')
  const b3 = lines.findIndex((l) => l.includes('"b3"')) + 1
  lines[0] = '{"journal": 2' // torn header
  lines[b3 - 1] = lines[b3 - 1].replace('"hand"', '"HAND"')
  writeFileSync(snapshot, lines.join('\n'))

  const emu = await startEmulator({ dataDir: dir })
  try {
    expect(emu.output()).toContain(`recovery: dropped damaged record ${snapshot}:1 (unreadable snapshot header)`)
    expect(emu.output()).toContain(`recovery: dropped damaged record ${snapshot}:${b3} (checksum mismatch)`)
    const all = await allIds(emu, 'books')
    expect(all.has('b3')).toBe(false)
    for (const id of ['b0', 'b4', 'compacted', 'in-the-new-journal']) expect(all.has(id)).toBe(true)
    expect(copiesOf(snapshot)).toHaveLength(1)
  } finally {
    await emu.stop()
  }
  expect(existsSync(path.join(dir, 'db', 'journal-000001.jsonl'))).toBe(false)
}, 30_000)
