// importBooks {jobId}: imports the next bounded slice of the caller's own job (another reader's job id:
// NOT_FOUND) and answers where the job stands; the page calls again until the state is 'done'. While no
// file is at the job's path the state stays 'waiting'; a file that vanishes mid-import is NOT_FOUND. A call
// that finds another slice of the same job running answers the progress as it is, importing nothing.
import { discardJobFile, jobShelfKeys, readJobFile, shelfKeysSettled } from '../domain/importFiles'
import { findOwnJob, importProgress, leaseJob, recordSlice, releaseJob } from '../domain/importJobs'
import { importSlice, sliceLimitsFromEnv, sliceTiming } from '../domain/importSlice'
import { notFound } from '../errors'
import type { Action } from './types'

export const importBooks: Action<'importBooks'> = async (event, { openid, now }) => {
  const job = await findOwnJob(openid, event.jobId)
  if (!job) throw notFound('no such import job')
  if (job.state === 'done') return importProgress(job)
  const leaseId = await leaseJob(job, now)
  if (!leaseId) return importProgress(job)
  try {
    const file = await readJobFile(job)
    if (!file) {
      await releaseJob(job, leaseId)
      // Read before, gone now (the reader deleted it): the rest can never be imported.
      if (job.state === 'running') throw notFound('the import file is gone; start the import again')
      return importProgress(job)
    }
    const limits = sliceLimitsFromEnv()
    const rows = file.rows.slice(job.processed, job.processed + limits.rows)
    const shelf = await jobShelfKeys(job)
    const slice = await importSlice(openid, rows, job.is_private, now, sliceTiming(now.getTime(), limits), shelf)
    const next = await recordSlice(job, leaseId, { format: file.format, total: file.rows.length, ...slice }, now)
    if (next.state === 'done') await discardJobFile(next)
    else shelfKeysSettled(next)
    return importProgress(next)
  } catch (error) {
    await releaseJob(job, leaseId)
    throw error
  }
}
