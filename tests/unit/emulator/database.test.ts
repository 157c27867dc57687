// The durable store directly: journal records, torn tails, compaction, transactions and the lock.
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { Database } from '../../../emulator/store/database'
import { Journal, readJournal } from '../../../emulator/store/journal'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bookcase-db-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const put = (c: string, doc: Record<string, unknown>) => [{ op: 'put' as const, c, doc }]

describe('journal', () => {
  test('concurrent appends are all acknowledged, one record per line, and read back with their types', async () => {
    const file = path.join(tempDir(), 'j.jsonl')
    const journal = await Journal.open(file)
    await Promise.all(Array.from({ length: 200 }, (_x, i) => journal.append(put('c', { _id: `d${i}`, at: new Date(i), n: i + 0.5 }))))
    await journal.close()
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(200)
    const { records, bad, tornBytes } = readJournal(file)
    expect(bad).toEqual([])
    expect(tornBytes).toBe(0)
    expect(records[7]).toEqual(put('c', { _id: 'd7', at: new Date(7), n: 7.5 }))
  })

  test('a torn tail is cut off the file; a bad checksum is skipped and returned with its line', async () => {
    const file = path.join(tempDir(), 'j.jsonl')
    const journal = await Journal.open(file)
    await journal.append(put('c', { _id: 'a' }))
    await journal.append(put('c', { _id: 'b' }))
    await journal.close()
    const text = readFileSync(file, 'utf8')
    const [first, second] = text.split('\n')
    rmSync(file)
    appendFileSync(file, `${first.replace('"a"', '"A"')}\n${second}\n${second.slice(0, 20)}`)
    const { records, bad, tornBytes } = readJournal(file)
    expect(records).toEqual([put('c', { _id: 'b' })])
    expect(tornBytes).toBe(20)
    expect(bad).toEqual([{ file, line: 1, reason: 'checksum mismatch' }])
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true)
  })
})

describe('database', () => {
  test('data survives close and reopen, and compaction into a snapshot', async () => {
    const dir = tempDir()
    const db = await Database.open(dir, { compactBytes: 2000 })
    await db.createCollection('c')
    for (let i = 0; i < 50; i++) await db.insert(undefined, { collection: 'c', docs: [{ _id: `d${i}`, i }] })
    await db.remove(undefined, { collection: 'c', filter: { _id: 'd0' }, multi: false })
    await db.update(undefined, { collection: 'c', filter: { _id: 'd1' }, data: { i: 100 }, multi: false, upsert: false, replace: true })
    await db.close()
    const files = readdirSync(path.join(dir, 'db'))
    expect(files).toContain('snapshot.jsonl')
    expect(files.filter((f) => f.startsWith('journal-'))).toHaveLength(1)

    const again = await Database.open(dir)
    expect(await again.count(undefined, { collection: 'c', filter: {} })).toBe(49)
    expect(await again.find(undefined, { collection: 'c', filter: { _id: { $in: ['d0', 'd1'] } } })).toEqual([{ _id: 'd1', i: 100 }])
    await again.close()
  })

  test('a failing write is undone entirely', async () => {
    const db = await Database.open(tempDir())
    await db.createCollection('c')
    await db.insert(undefined, { collection: 'c', docs: [{ _id: 'a' }] })
    await expect(db.insert(undefined, { collection: 'c', docs: [{ _id: 'b' }, { _id: 'a' }] })).rejects.toThrow(/E11000/)
    expect(await db.find(undefined, { collection: 'c', filter: {} })).toEqual([{ _id: 'a' }])
    await db.close()
  })

  test('a transaction is isolated until it ends, and one left open is aborted after its timeout', async () => {
    const db = await Database.open(tempDir(), { transactionTimeoutMs: 100 })
    await db.createCollection('c')
    await db.insert(undefined, { collection: 'c', docs: [{ _id: 'a', n: 0 }] })
    const tx = await db.startTransaction()
    await db.update(tx, { collection: 'c', filter: { _id: 'a' }, data: { $set: { n: 1 } }, multi: false, upsert: false, replace: false })
    let outsideSaw: unknown
    const outside = db.find(undefined, { collection: 'c', filter: { _id: 'a' } }).then(([doc]) => (outsideSaw = doc.n))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(outsideSaw).toBeUndefined() // still waiting for the transaction
    await outside // released by the automatic abort
    expect(outsideSaw).toBe(0)
    await expect(db.commitTransaction(tx)).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
    await db.close()
  })

  test('a committed transaction is one journal record: replay is all or nothing', async () => {
    const dir = tempDir()
    const db = await Database.open(dir)
    await db.createCollection('c')
    const tx = await db.startTransaction()
    await db.insert(tx, { collection: 'c', docs: [{ _id: 'x' }] })
    await db.insert(tx, { collection: 'c', docs: [{ _id: 'y' }] })
    await db.commitTransaction(tx)
    await db.close()
    const journal = readdirSync(path.join(dir, 'db')).find((f) => f.startsWith('journal-'))!
    const { records } = readJournal(path.join(dir, 'db', journal))
    expect(records[records.length - 1]).toHaveLength(2)
  })

  test('when the journal cannot be written, the write fails and later writes are refused', async () => {
    const db = await Database.open(tempDir())
    await db.createCollection('c')
    // Pull the file out from under the journal.
    await (db as unknown as { journal: { handle: { close(): Promise<void> } } }).journal.handle.close()
    await expect(db.insert(undefined, { collection: 'c', docs: [{ _id: 'a' }] })).rejects.toMatchObject({ code: 'SYS_ERR' })
    await expect(db.insert(undefined, { collection: 'c', docs: [{ _id: 'b' }] })).rejects.toThrow(/restart the emulator/)
    expect(await db.find(undefined, { collection: 'c', filter: {} })).toEqual([{ _id: 'a' }])
  })
})
