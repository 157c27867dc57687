// What recovery does with records it cannot read (a torn last record is not damage: journal.ts cuts
// it off). Damage is never erased silently: every bad record is reported with its file and line,
// each damaged file is first copied aside (`<file>.damaged-<time>`, which no compaction removes),
// and more than a few bad records stop the start until the user asks for --repair.
import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'
import { writeFileDurably } from '../durable-file'
import { StartupError } from '../errors'
import type { BadRecord } from './journal'

/**
 * Up to this many bad records are dropped with a report, without asking. A crash cannot garble a
 * record that was acknowledged, and it can leave at most a line or two of unacknowledged garbage
 * (a batch whose pages reached the disk out of order); an isolated bit flip is one line. More than
 * three means a damaged region (a bad sector holds dozens of lines, a truncated or foreign file
 * many more): then a person should look before anything is dropped.
 */
export const TOLERATED_BAD_RECORDS = 3
const LISTED = 5

const DAMAGED = '.damaged-'

/** Whether `file` (a path in the db folder) is a kept copy, which the store must leave alone. */
export const isDamagedCopy = (file: string) => path.basename(file).includes(DAMAGED)

/**
 * Copies each damaged file aside, then throws a StartupError when there are too many bad records
 * and `repair` is off; otherwise returns the lines to log about what is dropped.
 */
export function handleDamage(bad: BadRecord[], repair: boolean): string[] {
  const copies = new Map<string, string>()
  for (const file of new Set(bad.map((b) => b.file))) copies.set(file, keepCopy(file))
  const where = (b: BadRecord) => `${b.file}:${b.line} (${b.reason})`
  if (bad.length > TOLERATED_BAD_RECORDS && !repair) {
    const listed = bad.slice(0, LISTED).map(where).join(', ')
    const more = bad.length > LISTED ? ` and ${bad.length - LISTED} more` : ''
    throw new StartupError(
      `${bad.length} damaged records in the database: ${listed}${more}; copies of the damaged files are kept ` +
        `(${[...copies.values()].join(', ')}); start with --repair to drop the damaged records and load the rest (the copies stay)`,
    )
  }
  return bad.map((b) => `recovery: dropped damaged record ${where(b)}; the damaged file is kept as ${copies.get(b.file)}`)
}

/** Copies `file` to `<file>.damaged-<time>`, unless an identical copy is already there (a refused start tried again). */
function keepCopy(file: string): string {
  const content = readFileSync(file)
  const dir = path.dirname(file)
  const prefix = path.basename(file) + DAMAGED
  for (const name of readdirSync(dir)) {
    const candidate = path.join(dir, name)
    if (name.startsWith(prefix) && statSync(candidate).size === content.length && readFileSync(candidate).equals(content)) return candidate
  }
  // Colons are not allowed in Windows file names.
  const copy = path.join(dir, prefix + new Date().toISOString().replace(/[:.]/g, '-'))
  writeFileDurably(copy, content)
  return copy
}
