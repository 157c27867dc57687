// Durability: an append-only journal of mutation records, one per line (record-codec.ts). A write is
// acknowledged only after its record is fdatasync'ed. Group commit: records that arrive while a flush
// is in flight are written together by the next flush (one write + one fdatasync for all of them),
// so concurrent writers share the cost of the sync.
import { closeSync, existsSync, openSync, readFileSync, ftruncateSync, fstatSync } from 'fs'
import { open, type FileHandle } from 'fs/promises'
import path from 'path'
import { syncDirectory } from '../durable-file'
import { decodeLines, encodeRecord, type JournalRecord } from './record-codec'

export type { JournalRecord } from './record-codec'

/** A record that could not be read: which file, which line (1-based), and why. */
export interface BadRecord {
  file: string
  line: number
  reason: string
}

export interface ReplayResult {
  records: JournalRecord[]
  bad: BadRecord[]
  /** Bytes of a torn last record (no final newline: the process died mid-write), cut off the file. */
  tornBytes: number
}

/**
 * Reads a journal file. A torn last line is the normal trace of a crash mid-append (that record was
 * never acknowledged): it is cut off the file. A bad line anywhere else is returned in `bad`; the
 * caller decides what to do with the damage.
 */
export function readJournal(file: string): ReplayResult {
  if (!existsSync(file)) return { records: [], bad: [], tornBytes: 0 }
  const buffer = readFileSync(file)
  const complete = buffer.lastIndexOf(0x0a) + 1
  const tornBytes = buffer.length - complete
  if (tornBytes > 0) {
    const fd = openSync(file, 'r+')
    try {
      ftruncateSync(fd, complete)
    } finally {
      closeSync(fd)
    }
  }
  const { records, bad } = decodeLines(buffer.toString('utf8', 0, complete), 1)
  return { records, bad: bad.map((b) => ({ file, ...b })), tornBytes }
}

interface Pending {
  text: string
  resolve: () => void
  reject: (error: Error) => void
}

export class Journal {
  private pending: Pending[] = []
  private flushing: Promise<void> | null = null
  private bytes: number

  private constructor(
    readonly file: string,
    private handle: FileHandle,
  ) {
    this.bytes = fstatSync(handle.fd).size
  }

  static async open(file: string): Promise<Journal> {
    const handle = await open(file, 'a')
    // A new journal's name must be on disk before the first record acknowledged in it.
    syncDirectory(path.dirname(file))
    return new Journal(file, handle)
  }

  get size(): number {
    return this.bytes
  }

  /** Resolves once the record is on disk. */
  append(record: JournalRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ text: encodeRecord(record), resolve, reject })
      if (!this.flushing) this.flushing = this.flushLoop()
    })
  }

  /** Resolves when everything appended so far is on disk. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing
  }

  async close(): Promise<void> {
    await this.flush()
    await this.handle.close()
  }

  private async flushLoop(): Promise<void> {
    // Let the writes of the current tick join this batch.
    await new Promise<void>((resolve) => setImmediate(resolve))
    while (this.pending.length > 0) {
      const batch = this.pending
      this.pending = []
      const data = batch.map((p) => p.text).join('')
      try {
        await this.handle.write(data)
        await this.handle.datasync()
        this.bytes += Buffer.byteLength(data)
        for (const p of batch) p.resolve()
      } catch (error) {
        for (const p of batch) p.reject(error as Error)
      }
    }
    this.flushing = null
  }
}
