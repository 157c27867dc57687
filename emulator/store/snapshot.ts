// Compaction's output: the whole database as one file, a header line `{"journal": <generation>}`
// then one mutation line per collection and per document (record-codec.ts, as in the journal),
// written crash-safely (durable-file.ts): a crash leaves the old snapshot or the new one.
import { existsSync, readFileSync } from 'fs'
import { writeFileDurably } from '../durable-file'
import type { Collection } from './collection'
import type { BadRecord } from './journal'
import { decodeLines, encodeRecord } from './record-codec'
import type { Mutation } from './types'

export interface SnapshotHeader {
  /** The journal generation that continues this snapshot. */
  journal: number
}

const CHUNK_BYTES = 1 << 20

export function writeSnapshot(file: string, header: SnapshotHeader, collections: Iterable<Collection>): void {
  writeFileDurably(file, (write) => {
    const chunk: string[] = [JSON.stringify(header) + '\n']
    let size = 0
    const push = (m: Mutation) => {
      const line = encodeRecord([m])
      chunk.push(line)
      size += line.length
      if (size > CHUNK_BYTES) {
        write(chunk.join(''))
        chunk.length = 0
        size = 0
      }
    }
    for (const c of collections) {
      push({ op: 'create', c: c.name })
      for (const doc of c.values()) push({ op: 'put', c: c.name, doc })
    }
    write(chunk.join(''))
  })
}

export interface SnapshotContents {
  /** Undefined when there is no snapshot, or when its header line is unreadable (then reported in `bad`). */
  header?: SnapshotHeader
  mutations: Mutation[]
  bad: BadRecord[]
}

export function readSnapshot(file: string): SnapshotContents {
  if (!existsSync(file)) return { mutations: [], bad: [] }
  const text = readFileSync(file, 'utf8')
  const newline = text.indexOf('\n')
  const header = parseHeader(newline < 0 ? text : text.slice(0, newline))
  const bad: BadRecord[] = header ? [] : [{ file, line: 1, reason: 'unreadable snapshot header' }]
  // The writer ends every line with a newline; a snapshot is renamed into place whole, so a missing
  // last newline is damage too (counted as a bad last line), not a torn append.
  const body = newline < 0 ? '' : text.slice(newline + 1)
  const complete = body.endsWith('\n') || body === '' ? body : body + '\n'
  const decoded = decodeLines(complete, 2)
  bad.push(...decoded.bad.map((b) => ({ file, ...b })))
  return { header, mutations: decoded.records.flat(), bad }
}

function parseHeader(line: string): SnapshotHeader | undefined {
  try {
    const header = JSON.parse(line) as Partial<SnapshotHeader> | null
    return header && Number.isSafeInteger(header.journal) && header.journal! > 0 ? (header as SnapshotHeader) : undefined
  } catch {
    return undefined
  }
}
