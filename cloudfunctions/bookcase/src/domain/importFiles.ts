// Reading an import job's file: only from the path the job handed out (never a path a client names),
// at most LIMITS.importBytes, parsed by transfer/ — which is loaded here, lazily, so that only imports
// pay for the CSV, encoding and spreadsheet libraries. The parsed rows and the shelf's dedupe keys are
// kept for the job's next slices in this warm instance: a cache, never the truth (a cold instance reads
// the file again, and keys are reread whenever another instance may have run a slice meanwhile).
import type { ImportJobDocument } from '../db/documents'
import { invalidArgument } from '../errors'
import { deleteFiles, downloadFile } from '../storage/client'
import { fileIdOf } from '../storage/fileIds'
import type { ImportFile } from '../transfer/importFile'
import { LIMITS } from '../validation/fields'
import { loadShelfKeys, type ShelfKeys } from './shelfKeys'

interface WarmJob {
  file: ImportFile
  shelf?: ShelfKeys
  /** The job's `processed` when `shelf` was last known right. */
  shelfAt: number
}

/** Jobs kept per warm instance: a few, since each may hold ten thousand rows. */
const WARM_JOBS = 2
const warm = new Map<string, WarmJob>()

/** The job's file, parsed; null while nothing has been uploaded to its path. A file that cannot be read
 * as an import answers INVALID_ARGUMENT, its message starting with the reason (unknown_format,
 * too_large, too_many_rows, unreadable), and is deleted, so the job waits for another upload. */
export async function readJobFile(job: ImportJobDocument): Promise<ImportFile | null> {
  const cached = warm.get(job._id)
  if (cached) return cached.file
  const fileID = await fileIdOf(job.cloudPath)
  const content = await downloadFile(fileID)
  if (content === null) return null
  if (content.length > LIMITS.importBytes) return refuse(fileID, 'too_large', `the file is over ${LIMITS.importBytes} bytes`)
  const { readImportFile, ImportFileError } = await import('../transfer/importFile')
  let file: ImportFile
  try {
    file = await readImportFile(content, job.fileName)
  } catch (error) {
    if (error instanceof ImportFileError) return refuse(fileID, error.code, error.message)
    throw error
  }
  if (file.rows.length > LIMITS.importRows) return refuse(fileID, 'too_many_rows', `the file has over ${LIMITS.importRows} rows`)
  warm.delete(job._id)
  warm.set(job._id, { file, shelfAt: -1 })
  while (warm.size > WARM_JOBS) warm.delete(warm.keys().next().value!)
  return file
}

async function refuse(fileID: string, code: string, message: string): Promise<never> {
  await deleteFiles([fileID])
  throw invalidArgument(`${code}: ${message}`.slice(0, 200))
}

/** The dedupe keys of the reader's shelf for the job's next slice (after readJobFile), read from the
 * database unless this instance ran the job's last slice. */
export async function jobShelfKeys(job: ImportJobDocument): Promise<ShelfKeys> {
  const entry = warm.get(job._id)
  if (entry?.shelf && entry.shelfAt === job.processed) return entry.shelf
  const shelf = await loadShelfKeys(job._openid)
  if (entry) Object.assign(entry, { shelf, shelfAt: job.processed })
  return shelf
}

/** After a recorded slice: the kept keys are right for the job as it now stands. */
export function shelfKeysSettled(job: ImportJobDocument): void {
  const entry = warm.get(job._id)
  if (entry) entry.shelfAt = job.processed
}

/** Forgets the job and deletes its file from storage once the import is done: an upload is only ever
 * read by its own job. A failed delete leaves the file, which is logged, not fatal. */
export async function discardJobFile(job: ImportJobDocument): Promise<void> {
  warm.delete(job._id)
  await deleteFiles([await fileIdOf(job.cloudPath)]).catch((error: unknown) => console.warn(`[import] could not delete the file of ${job._id}`, error))
}
