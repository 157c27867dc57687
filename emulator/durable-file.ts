// Crash-safe file writes, the one way the emulator replaces a whole file (the store's snapshot,
// --export-on-exit, stored files): write a temp file in the same folder, fsync it, rename it over the
// target, fsync the folder. A crash at any point leaves either the old file or the new one, never
// half of one, and once this returns the new file survives a power cut.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'fs'
import { randomBytes } from 'crypto'
import path from 'path'

export type WriteChunk = (chunk: string | Uint8Array) => void

/** Temp files are named `<file>.<random>.tmp`; a crash can leave one behind, never a torn target. */
export const TEMP_SUFFIX = '.tmp'

/**
 * Replaces `file` with `content`: a string, bytes, or a function that streams chunks through the
 * `write` it is given (for output too large to build in memory). If anything throws, the temp file
 * is removed and `file` is left as it was.
 */
export function writeFileDurably(file: string, content: string | Uint8Array | ((write: WriteChunk) => void)): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`
  const fd = openSync(temp, 'wx')
  try {
    const write: WriteChunk = (chunk) => writeFully(fd, typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    if (typeof content === 'function') content(write)
    else write(content)
    fsyncSync(fd)
    closeSync(fd)
    renameSync(temp, file)
  } catch (error) {
    try {
      closeSync(fd)
    } catch {
      // already closed
    }
    rmSync(temp, { force: true })
    throw error
  }
  syncDirectory(path.dirname(file))
}

function writeFully(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset)
}

/** Creates `dir` and any missing parents, and makes their names durable too. */
export function makeDirectoryDurably(dir: string): void {
  const first = mkdirSync(dir, { recursive: true })
  if (first === undefined) return
  // Each new folder's name lives in its parent: sync from the deepest new folder's parent up to the
  // parent of the first one created.
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    syncDirectory(d)
    if (d === path.dirname(first) || d === path.dirname(d)) break
  }
}

/**
 * Makes a rename or a new file's name durable: fsync the folder that holds it. Windows cannot open a
 * folder as a file (and NTFS journals the rename itself), so there it is a no-op.
 */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
