// wx.cloud.database() as page code sees it under miniprogram-simulate: the page-test bridge's client
// database (tests/support/wx-cloud.ts, the preview's own builder over node:http) as the harness's
// current reader, against the built emulator with Bookcase's rules except `books` in READONLY (all
// read, the creator writes), the mode the function's is_private check exists for.
import { mkdtempSync, readFileSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { ROOT } from '../support/emulator'
import { createHarness } from '../support/simulate'
import { dataAs } from '../support/wx-cloud'
import { newReader, seedBooks, useEmulator } from './context'

const rules = path.join(mkdtempSync(path.join(tmpdir(), 'bookcase-rules-')), 'security-rules.json')
const own = JSON.parse(readFileSync(path.join(ROOT, 'database/security-rules.json'), 'utf8')) as Record<string, unknown>
writeFileSync(rules, JSON.stringify({ ...own, books: 'READONLY' }))
const emulator = useEmulator(() => ({ env: { BOOKCASE_SECURITY_RULES: rules } }))

interface ClientDb {
  collection(name: string): {
    where(q: unknown): { get(): Promise<{ data: Record<string, unknown>[]; errMsg: string }> }
    doc(id: string): { update(o: { data: unknown }): Promise<{ stats: { updated: number } }> }
  }
}
const database = () => (globalThis as unknown as { wx: { cloud: { database(): ClientDb } } }).wx.cloud.database()

test("a page's wx.cloud.database() acts as the current reader: B reads A's private book, only A changes it", async () => {
  const a = newReader('client-db-a')
  const b = newReader('client-db-b')
  const [book] = await seedBooks(emulator.url, a, [{ title: '私密', is_private: true, note: '只给自己' }])
  const harness = createHarness(emulator.url, b)

  const seen = await database().collection('books').where({ _openid: a }).get()
  expect(seen.errMsg).toBe('collection.get:ok')
  expect(seen.data).toEqual([expect.objectContaining({ _id: book.id, is_private: true, note: '只给自己' })])
  expect(typeof (seen.data[0].createdAt as Date).getTime).toBe('function')
  expect((await database().collection('books').doc(book.id).update({ data: { note: 'B was here' } })).stats.updated).toBe(0)

  harness.cloud.setOpenid(a)
  expect((await database().collection('books').doc(book.id).update({ data: { note: '改过' } })).stats.updated).toBe(1)
  expect((await dataAs(emulator.url, a, { action: 'getBook', id: book.id })).note).toBe('改过')

  harness.cloud.setOpenid(undefined)
  await expect(database().collection('books').doc(book.id).update({ data: { note: 'x' } })).rejects.toMatchObject({ errCode: -502003 })
})
