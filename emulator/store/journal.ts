// Durability: an append-only journal of mutation records, one per line: `<crc32 hex> <EJSON>\n`.
// A write is acknowledged only after its record is fdatasync'ed. Group commit: records that arrive
// while a flush is in flight are written together by the next flush (one write + one fdatasync for
// all of them), so concurrent writers share the cost of the sync.
import { closeSync, existsSync, openSync, readFileSync, ftruncateSync, fstatSync } from 'fs'
import { open, type FileHandle } from 'fs/promises'
import { crc32 } from 'zlib'
import { EJSON } from 'bson'
import type { Mutation } from './types'

export type JournalRecord = Mutation[]

export function encodeRecord(record: JournalRecord): string {
  const json = EJSON.stringify(record, { relaxed: false })
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
}

export interface ReplayResult {
  records: JournalRecord[]
  /** Human-readable notes about what was dropped (torn tail, bad checksum). */
  dropped: string[]
}

/**
 * Reads a journal file. A torn last line (no newline: the process died mid-write) is cut off the
 * file; a line whose checksum does not match is skipped. Neither is fatal: both are reported.
 */
export function readJournal(file: string): ReplayResult {
  const result: ReplayResult = { records: [], dropped: [] }
  if (!existsSync(file)) return result
  const buffer = readFileSync(file)
  const lastNewline = buffer.lastIndexOf(0x0a)
  const complete = lastNewline + 1
  if (complete < buffer.length) {
    result.dropped.push(`torn last record (${buffer.length - complete} bytes) in ${file}`)
    const fd = openSync(file, 'r+')
    try {
      ftruncateSync(fd, complete)
    } finally {
      closeSync(fd)
    }
  }
  const parsed = parseRecordLines(buffer.subarray(0, complete).toString('utf8'), file)
  result.records = parsed.records
  result.dropped.push(...parsed.dropped)
  return result
}

/** Parses complete `<crc> <EJSON>` lines; a line with a bad checksum or bad JSON is skipped and reported. */
export function parseRecordLines(text: string, source: string): ReplayResult {
  const result: ReplayResult = { records: [], dropped: [] }
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  lines.forEach((line, i) => {
    const json = line.slice(9)
    if (line[8] !== ' ' || parseInt(line.slice(0, 8), 16) !== crc32(json)) {
      result.dropped.push(`record ${i + 1} of ${source}: checksum mismatch`)
      return
    }
    try {
      // Relaxed parsing: numbers come back as JS numbers (canonical writing keeps Dates exact).
      result.records.push(EJSON.parse(json, { relaxed: true }) as JournalRecord)
    } catch {
      result.dropped.push(`record ${i + 1} of ${source}: not parseable`)
    }
  })
  return result
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
    return new Journal(file, await open(file, 'a'))
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
