// The data folder's lock: one live holder at a time, refused with the folder and the holder's pid;
// released with its holder; a pid file from older versions means nothing. The socket-file variant
// (macOS) runs here too, including the stale file a killed holder leaves.
import { spawn } from 'child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'
import { lockAddress, lockDataDir } from '../../../emulator/data-dir'
import { StartupError } from '../../../emulator/errors'

let dir: string
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'bookcase-lock-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const platforms: NodeJS.Platform[] = process.platform === 'win32' ? ['win32'] : process.platform === 'linux' ? ['linux', 'darwin'] : ['darwin']

describe.each(platforms)('lock as on %s', (platform) => {
  test('a second holder is refused with the folder and the pid; after release the folder can be locked again', async () => {
    const release = await lockDataDir(dir, platform)
    const refusal = lockDataDir(dir, platform)
    await expect(refusal).rejects.toBeInstanceOf(StartupError)
    await expect(refusal).rejects.toThrow(`data folder ${dir} is in use by another emulator (pid ${process.pid})`)
    release()
    const again = await lockDataDir(dir, platform)
    again()
  })

  test('a leftover emulator.pid naming a live process does not block, and is removed', async () => {
    writeFileSync(path.join(dir, 'emulator.pid'), String(process.pid))
    const release = await lockDataDir(dir, platform)
    expect(existsSync(path.join(dir, 'emulator.pid'))).toBe(false)
    release()
  })
})

;(process.platform === 'win32' ? test.skip : test)('a socket file left by a holder killed with SIGKILL is stale: the next lock takes over', async () => {
  const address = lockAddress(dir, 'darwin')
  const holder = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(address)}, () => console.log('listening'))`])
  await new Promise((resolve) => holder.stdout.once('data', resolve))
  await expect(lockDataDir(dir, 'darwin')).rejects.toThrow(/is in use by another emulator/)
  holder.kill('SIGKILL')
  await new Promise((resolve) => holder.once('exit', resolve))
  expect(existsSync(address)).toBe(true)
  const release = await lockDataDir(dir, 'darwin')
  release()
})
