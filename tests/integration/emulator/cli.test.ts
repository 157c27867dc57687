// The CLI as a user meets it: /health, one-line startup errors, Ctrl-C, restart on the same data,
// --import / --export-on-exit, --seed.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs'
import net from 'net'
import { tmpdir } from 'os'
import path from 'path'
import { ROOT, connectSdk, runEmulatorToExit as runCli, startEmulator } from '../../support/emulator'

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'bookcase-cli-'))
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's d.ts types calls as `Promise | void`
const sdk = (url: string): any => connectSdk(url).database()

test('GET /health answers 200 with JSON once ready', async () => {
  const emu = await startEmulator()
  try {
    const res = await fetch(`${emu.url}/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', env: 'bookcase-local' })
    expect(emu.output().match(/Bookcase emulator ready at/g)).toHaveLength(1)
  } finally {
    expect(await emu.stop()).toBe(0)
  }
})

test('a busy port is a one-line error', async () => {
  const blocker = net.createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => blocker.once('listening', resolve))
  const port = (blocker.address() as net.AddressInfo).port
  const dir = tempDir()
  dirs.push(dir)
  try {
    const { code, stdout, stderr } = await runCli(['--port', String(port), '--data', dir])
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toEqual([`bookcase emulator: port ${port} is already in use (another emulator?); choose another with --port or PORT`])
    expect(stdout).not.toMatch(/ready at/)
  } finally {
    blocker.close()
  }
})

test('an unusable data folder is a one-line error', async () => {
  const dir = tempDir()
  dirs.push(dir)
  const file = path.join(dir, 'not-a-folder')
  writeFileSync(file, 'x')
  const { code, stderr } = await runCli(['--port', '0', '--data', path.join(file, 'data')])
  expect(code).toBe(1)
  expect(stderr.trim().split('\n')).toHaveLength(1)
  expect(stderr).toMatch(/^bookcase emulator: cannot use data folder .*not-a-folder\/data: ENOTDIR/)
})

test('a data folder in use by another emulator is a one-line error', async () => {
  const emu = await startEmulator()
  try {
    const { code, stderr } = await runCli(['--port', '0', '--data', emu.dataDir])
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(`bookcase emulator: data folder ${emu.dataDir} is in use by another emulator (pid ${emu.child.pid})`)
  } finally {
    await emu.stop()
  }
})

test('an invalid port is a one-line error', async () => {
  const { code, stderr } = await runCli(['--port', 'eighty'])
  expect(code).toBe(1)
  expect(stderr).toMatch(/^bookcase emulator: invalid port: eighty/)
})

test('Ctrl-C flushes; a restart on the same data folder has every document; --export-on-exit and --import round-trip', async () => {
  const dataDir = tempDir()
  const exportDir = tempDir()
  dirs.push(dataDir, exportDir)
  const exportFile = path.join(exportDir, 'export.json')

  const first = await startEmulator({ dataDir, args: ['--export-on-exit', exportFile] })
  const db = sdk(first.url)
  await db.collection('books').add({ data: [{ _id: 'b1', title: '三体', at: new Date('2008-01-01T00:00:00Z') }, { _id: 'b2', title: '活着', n: 1.5 }] })
  await db.createCollection('extra')
  await db.collection('extra').add({ data: { _id: 'e1', tags: ['a'] } })
  expect(await first.stop()).toBe(0)
  expect(first.output()).toMatch(/exported 3 documents/)

  const dump = JSON.parse(readFileSync(exportFile, 'utf8'))
  expect(dump.collections.books).toEqual(
    expect.arrayContaining([{ _id: 'b1', title: '三体', at: { $date: '2008-01-01T00:00:00Z' } }, { _id: 'b2', title: '活着', n: 1.5 }]),
  )

  const second = await startEmulator({ dataDir })
  try {
    const db2 = sdk(second.url)
    expect((await db2.collection('books').doc('b1').get()).data).toEqual({ _id: 'b1', title: '三体', at: new Date('2008-01-01T00:00:00Z') })
    expect((await db2.collection('extra').count()).total).toBe(1)
    // Numbers replay as numbers: queries on them still match after a restart.
    expect((await db2.collection('books').where({ n: 1.5 }).count()).total).toBe(1)
  } finally {
    await second.stop()
  }

  // Importing into a fresh folder gives the same data.
  const third = await startEmulator({ args: ['--import', exportFile] })
  try {
    const db3 = sdk(third.url)
    expect((await db3.collection('books').doc('b2').get()).data).toEqual({ _id: 'b2', title: '活着', n: 1.5 })
    expect((await db3.collection('extra').doc('e1').get()).data).toEqual({ _id: 'e1', tags: ['a'] })
  } finally {
    await third.stop()
  }
})

const functionBuilt = existsSync(path.join(ROOT, 'cloudfunctions/bookcase/index.js'))
;(functionBuilt ? test : test.skip)('--seed loads the demo shelf through the bookcase function', async () => {
  const emu = await startEmulator({ seed: true })
  try {
    expect(emu.output()).toMatch(/seeded the demo shelf: \d+ books/)
    const db = sdk(emu.url)
    expect((await db.collection('books').where({ _openid: 'o-demo-reader-a' }).count()).total).toBeGreaterThanOrEqual(5)
    expect((await db.collection('books').where({ _openid: 'o-demo-reader-b' }).count()).total).toBeGreaterThanOrEqual(5)
    expect((await db.collection('shelves').where({ isPublic: true }).count()).total).toBe(2)
  } finally {
    await emu.stop()
  }
  // The emulator is ready only once the demo shelf is in: some 25 function calls, 2-3 s on an idle
  // machine, longer on a loaded one.
}, 30_000)
