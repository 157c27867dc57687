// Reading an import job's file: only from the path the job handed out (never a path a client names),
// at most LIMITS.importBytes, parsed by transfer/ — which is loaded here, lazily, so that only imports
// pay for the CSV, encoding and spreadsheet libraries. Parsed rows are kept for the job's next slices in
// this warm instance: a cache, never the truth (a cold instance reads the file again).
import type { ImportJobDocument } from '../db/documents'
import { invalidArgument } from '../errors'
import { deleteFiles, downloadFile } from '../storage/client'
import { fileIdOf } from '../storage/fileIds'
import type { ImportFile } from '../transfer/importFile'
import { LIMITS } from '../validation/fields'

/** Parsed files kept per warm instance: a few, since each may hold ten thousand rows. */
const CACHED_FILES = 2
const cache = new Map<string, ImportFile>()

/** The job's file, parsed; null while nothing has been uploaded to its path. A file that cannot be read
 * as an import answers INVALID_ARGUMENT, its message starting with the reason (unknown_format,
 * too_large, too_many_rows, unreadable), and is deleted, so the job waits for another upload. */
export async function readJobFile(job: ImportJobDocument): Promise<ImportFile | null> {
  const cached = cache.get(job._id)
  if (cached) return cached
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
  remember(job._id, file)
  return file
}

async function refuse(fileID: string, code: string, message: string): Promise<never> {
  await deleteFiles([fileID])
  throw invalidArgument(`${code}: ${message}`.slice(0, 200))
}

function remember(jobId: string, file: ImportFile): void {
  cache.delete(jobId)
  cache.set(jobId, file)
  while (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!)
}

/** Forgets the job's file and deletes it from storage once the import is done: an upload is only ever
 * read by its own job. A failed delete leaves the file, which is logged, not fatal. */
export async function discardJobFile(job: ImportJobDocument): Promise<void> {
  cache.delete(job._id)
  await deleteFiles([await fileIdOf(job.cloudPath)]).catch((error: unknown) => console.warn(`[import] could not delete the file of ${job._id}`, error))
}
