// Durability: an emulator killed with SIGKILL mid-stream loses no acknowledged write; a torn or
// corrupt journal record is dropped on restart, never fatal.
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { crc32 } from 'zlib'
import { connectSdk, startEmulator, type EmulatorHandle } from '../../support/emulator'

const dataDir = mkdtempSync(path.join(tmpdir(), 'bookcase-crash-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

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

test('a torn last record and a corrupt record are dropped on restart, the rest replays', async () => {
  const journal = readdirSync(path.join(dataDir, 'db')).find((f) => f.startsWith('journal-'))!
  const file = path.join(dataDir, 'db', journal)
  const record = (json: string) => `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
  const put = (id: string) => JSON.stringify([{ op: 'put', c: 'stream', doc: { _id: id, by: 'hand' } }])
  // A record whose checksum no longer matches (bit rot), then a good one, then a torn one.
  appendFileSync(file, record(put('corrupt')).replace('"hand"', '"HAND"'))
  appendFileSync(file, record(put('after-corrupt')))
  appendFileSync(file, record(put('torn')).slice(0, 30))

  const emu = await startEmulator({ dataDir })
  try {
    expect(emu.output()).toMatch(/recovery: dropped torn last record/)
    expect(emu.output()).toMatch(/recovery: dropped record \d+ .*checksum mismatch/)
    const ids = await allIds(emu, 'stream')
    expect(ids.has('after-corrupt')).toBe(true)
    expect(ids.has('corrupt')).toBe(false)
    expect(ids.has('torn')).toBe(false)
    // Writing after the repair works, and survives another restart.
    await database(emu).collection('stream').add({ data: { _id: 'after-repair' } })
  } finally {
    await emu.stop()
  }
  const again = await startEmulator({ dataDir })
  try {
    expect((await allIds(again, 'stream')).has('after-repair')).toBe(true)
    expect(again.output()).not.toMatch(/recovery: dropped/)
  } finally {
    await again.stop()
  }
})
