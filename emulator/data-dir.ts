// The data folder: created if missing, checked for access, and owned by one emulator at a time.
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs'
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

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Two emulators appending to one journal would corrupt it, so a data folder has one owner at a time:
 * `<data>/emulator.pid`. A pid file left by a killed emulator (its process is gone) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'emulator.pid')
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(file, 'utf8'))
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new StartupError(`data folder ${dir} is in use by another emulator (pid ${owner})`)
      }
      rmSync(file, { force: true })
    }
  }
}
