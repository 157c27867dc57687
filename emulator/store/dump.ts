// --import / --export-on-exit: the whole database as one JSON file
// `{"collections": {"<name>": [<relaxed EJSON documents>]}}`, readable and diffable.
import { EJSON } from 'bson'
import { readFileSync } from 'fs'
import { writeFileDurably } from '../durable-file'
import type { Database } from './database'
import type { Doc } from './types'

export interface DumpFile {
  collections: Record<string, unknown[]>
}

export function exportDatabase(db: Database, file: string): number {
  const out: DumpFile = { collections: {} }
  let n = 0
  for (const { name, docs } of db.contents()) {
    out.collections[name] = docs.map((doc) => EJSON.serialize(doc, { relaxed: true }))
    n += docs.length
  }
  writeFileDurably(file, JSON.stringify(out, null, 2) + '\n')
  return n
}

/** Replaces the contents of every collection named in the file (others are left alone), durably, as one write. */
export async function importDatabase(db: Database, file: string): Promise<number> {
  const dump = JSON.parse(readFileSync(file, 'utf8')) as DumpFile
  if (!dump || typeof dump.collections !== 'object') throw new Error(`${file}: expected {"collections": {...}}`)
  const contents = Object.entries(dump.collections).map(([name, docs]) => ({
    name,
    docs: docs.map((raw) => {
      const doc = EJSON.deserialize(raw as Doc, { relaxed: true }) as Doc
      if (doc._id === undefined) throw new Error(`${file}: a document in ${name} has no _id`)
      return doc
    }),
  }))
  return db.replaceContents(contents)
}
