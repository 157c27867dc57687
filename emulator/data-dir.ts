// The data folder: created if missing, checked for access, and owned by one emulator at a time.
import { createHash } from 'crypto'
import { accessSync, constants, mkdirSync, realpathSync, rmSync } from 'fs'
import net from 'net'
import { tmpdir } from 'os'
import path from 'path'
import { StartupError } from './errors'

export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK)
  } catch (error) {
    throw new StartupError(`cannot use data folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

/*
 * Two emulators appending to one journal would corrupt it, so a data folder has one owner at a time.
 * The lock must be released by the operating system when its holder dies, however it dies: a pid
 * file cannot tell a dead emulator from a live one when the dead one is not yet reaped (a zombie
 * still answers kill(pid, 0)) or when its pid now belongs to an unrelated process (after a reboot).
 * Node has no flock(2), and the npm packages that add it are native add-ons to compile on every
 * machine (and fs-ext has no Windows support), so the lock is a listening socket, which only a live
 * process can hold: the kernel closes it as the process exits, before it even becomes a zombie.
 *   - Linux: an abstract-namespace Unix socket named after a hash of the folder's real path: no file
 *     to leave behind, and a second listen fails with EADDRINUSE while the holder lives.
 *   - Windows: a named pipe, which the system likewise removes with its last handle.
 *   - elsewhere (macOS): a socket file in the data folder. A dead holder leaves the file behind, so
 *     EADDRINUSE is checked by connecting: refused means stale (removed, then listened again).
 * The holder answers a connection with its pid, which the refused emulator names in its error.
 * (Abstract sockets are per network namespace: two containers sharing one data folder through a
 * bind mount are not kept apart. Nor are two machines sharing it over a network file system.)
 */

/** The socket address that stands for `dir`'s lock on `platform`. Exported for the unit test of the socket-file variant. */
export function lockAddress(dir: string, platform: NodeJS.Platform = process.platform): string {
  const real = realpathSync(dir)
  // Windows paths are case-insensitive: one folder, one name, however it is spelled.
  const key = platform === 'win32' ? real.toLowerCase() : real
  const name = `bookcase-emulator-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`
  if (platform === 'linux') return `\0${name}`
  if (platform === 'win32') return `\\\\?\\pipe\\${name}`
  // A socket path must fit in sun_path (104 bytes on macOS): a deep data folder gets its lock in the temp folder.
  const inFolder = path.join(real, 'emulator.lock')
  return Buffer.byteLength(inFolder) < 100 ? inFolder : path.join(tmpdir(), `${name}.lock`)
}

const isSocketFile = (address: string) => !address.startsWith('\0') && !address.startsWith('\\\\')

/**
 * Takes the data folder's lock; returns its release. Refuses with a StartupError naming the folder
 * when another live emulator holds it.
 */
export async function lockDataDir(dir: string, platform: NodeJS.Platform = process.platform): Promise<() => void> {
  const address = lockAddress(dir, platform)
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await listen(address)
      // Older versions locked with a pid file; one they left behind means nothing now.
      rmSync(path.join(dir, 'emulator.pid'), { force: true })
      return () => server.close()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    }
    const owner = await askOwner(address)
    // Nobody answers: the holder died just now, or (socket file) long ago. Try again.
    if (owner === 'gone' && attempt < 3) {
      if (isSocketFile(address)) rmSync(address, { force: true })
      continue
    }
    throw new StartupError(`data folder ${dir} is in use by another emulator${typeof owner === 'number' ? ` (pid ${owner})` : ''}`)
  }
}

function listen(address: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {}) // a client that hangs up early is no concern of the lock
      socket.end(`${process.pid}\n`)
    })
    server.once('error', reject)
    server.listen(address, () => {
      server.off('error', reject)
      server.on('error', () => {}) // nothing a connection does can take the lock away
      // The lock never keeps the process alive on its own.
      server.unref()
      resolve(server)
    })
  })
}

/** Asks the lock's holder for its pid: a number, 'gone' when nobody listens (a stale socket file), or 'unknown'. */
function askOwner(address: string): Promise<number | 'gone' | 'unknown'> {
  return new Promise((resolve) => {
    let answer = ''
    const socket = net.connect(address)
    socket.setTimeout(1000, () => socket.destroy())
    socket.on('data', (chunk) => (answer += chunk.toString()))
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? 'gone' : 'unknown'))
    socket.on('close', () => {
      const pid = Number(answer.trim())
      resolve(Number.isSafeInteger(pid) && pid > 0 ? pid : 'unknown')
    })
  })
}
