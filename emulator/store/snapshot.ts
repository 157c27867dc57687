// Compaction's output: the whole database as one file of mutation lines (same encoding as the
// journal), written to a temp file, fsync'ed, then renamed over the previous snapshot, so a crash at
// any point leaves either the old snapshot or the new one, never half of one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'fs'
import path from 'path'
import { encodeRecord, parseRecordLines } from './journal'
import type { Collection } from './collection'
import type { Mutation } from './types'

export interface SnapshotHeader {
  /** The journal generation that continues this snapshot. */
  journal: number
}

export function writeSnapshot(file: string, header: SnapshotHeader, collections: Iterable<Collection>): void {
  const temp = `${file}.tmp`
  const fd = openSync(temp, 'w')
  try {
    const chunk: string[] = [JSON.stringify(header) + '\n']
    let size = 0
    const push = (m: Mutation) => {
      const line = encodeRecord([m])
      chunk.push(line)
      size += line.length
      if (size > 1 << 20) {
        writeSync(fd, chunk.join(''))
        chunk.length = 0
        size = 0
      }
    }
    for (const c of collections) {
      push({ op: 'create', c: c.name })
      for (const doc of c.values()) push({ op: 'put', c: c.name, doc })
    }
    writeSync(fd, chunk.join(''))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, file)
  syncDirectory(path.dirname(file))
}

export function readSnapshot(file: string): { header: SnapshotHeader; mutations: Mutation[]; dropped: string[] } {
  if (!existsSync(file)) return { header: { journal: 1 }, mutations: [], dropped: [] }
  const text = readFileSync(file, 'utf8')
  const newline = text.indexOf('\n')
  const header = JSON.parse(text.slice(0, newline)) as SnapshotHeader
  const { records, dropped } = parseRecordLines(text.slice(newline + 1), file)
  return { header, mutations: records.flat(), dropped }
}

/** Makes a rename durable: fsync the directory that holds it. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
