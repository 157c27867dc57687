// Import jobs (`import_jobs`): startImport opens one and hands out the one storage path its file must be
// uploaded to; importBooks runs it slice by slice. Only the reader who started a job can see or run it:
// every query carries `_openid`, so another reader's job id is simply not found.
import { randomBytes } from 'crypto'
import type { ImportFormat, ImportProgress, ImportSkip } from '../../../../typings/api'
import { command, count, find, findOne, insert, removeWhere, updateWhere } from '../db/client'
import { COLLECTIONS, type ImportJobDocument } from '../db/documents'
import { AppError, invalidArgument } from '../errors'
import { deleteFiles } from '../storage/client'
import { fileIdOf } from '../storage/fileIds'
import { importPath, type ImportExtension } from '../storage/paths'
import { DAY_MS } from './days'

const JOBS = COLLECTIONS.importJobs
/** ImportProgress.skipped keeps the first this many skipped rows. */
export const SKIPS_KEPT = 200
/** How long a slice holds its job: longer than the function's timeout (cloudbaserc.json), so a slice
 * cut off by the timeout frees the job soon after without ever overlapping a live one. */
const LEASE_MS = 20_000

/** Jobs one reader may open in 24 hours: far more than a person tries, few enough that no client can
 * fill the collection. */
export const JOBS_PER_DAY = 50
/** A job this old is gone, with any upload it still has: its progress was shown long ago. */
const JOB_LIFETIME_MS = 7 * DAY_MS

/** 128 random bits: a job id cannot be guessed, and is checked against its owner anyway. */
const newJobId = () => 'j' + randomBytes(16).toString('base64url')

/** The extension a file name must end with to be imported; INVALID_ARGUMENT otherwise. */
export function importExtensionOf(fileName: string): ImportExtension {
  const match = /\.(csv|txt|xlsx)$/i.exec(fileName)
  if (!match) throw invalidArgument('fileName: expected a .csv, .txt or .xlsx file')
  return match[1].toLowerCase() as ImportExtension
}

export async function createImportJob(openid: string, fileName: string, isPrivate: boolean, now: Date): Promise<ImportJobDocument> {
  const extension = importExtensionOf(fileName)
  const _ = command()
  if ((await count(JOBS, { _openid: openid, createdAt: _.gt(new Date(now.getTime() - DAY_MS)) })) >= JOBS_PER_DAY) {
    throw new AppError('RATE_LIMITED', 'too many imports started today; try again tomorrow')
  }
  await sweepOldJobs(openid, now)
  const _id = newJobId()
  const job: ImportJobDocument = {
    _id,
    _openid: openid,
    cloudPath: importPath(openid, _id, extension),
    fileName,
    is_private: isPrivate,
    state: 'waiting',
    format: null,
    total: 0,
    processed: 0,
    added: 0,
    duplicates: 0,
    skippedCount: 0,
    skipped: [],
    leaseUntil: new Date(0),
    leaseId: '',
    createdAt: now,
    updatedAt: now,
  }
  if ((await insert(JOBS, job)) !== 'inserted') throw new Error('a fresh random job id was taken')
  return job
}

/** Removes the reader's jobs older than JOB_LIFETIME_MS and deletes the uploads of those that never
 * finished (a finished job's upload is already gone). */
async function sweepOldJobs(openid: string, now: Date): Promise<void> {
  const _ = command()
  const old = { _openid: openid, createdAt: _.lt(new Date(now.getTime() - JOB_LIFETIME_MS)) }
  const stale = await find<ImportJobDocument>(JOBS, old, { limit: 100, fields: { cloudPath: true, state: true } })
  if (stale.length === 0) return
  const uploads = await Promise.all(stale.filter((job) => job.state !== 'done').map((job) => fileIdOf(job.cloudPath)))
  await deleteFiles(uploads)
  await removeWhere(JOBS, { _openid: openid, _id: _.in(stale.map((job) => job._id)) })
}

export const findOwnJob = (openid: string, jobId: string) => findOne<ImportJobDocument>(JOBS, { _id: jobId, _openid: openid })

/** Takes the job for one slice, unless another call holds it: the lease id on success, else null. */
export async function leaseJob(job: ImportJobDocument, now: Date): Promise<string | null> {
  const leaseId = randomBytes(9).toString('base64url')
  const _ = command()
  const taken = await updateWhere(
    JOBS,
    { _id: job._id, _openid: job._openid, processed: job.processed, leaseUntil: _.lte(now) },
    { leaseId, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  )
  return taken > 0 ? leaseId : null
}

/** Frees the job without recording anything (no file yet, or the slice failed). */
export async function releaseJob(job: ImportJobDocument, leaseId: string): Promise<void> {
  await updateWhere(JOBS, { _id: job._id, _openid: job._openid, leaseId }, { leaseId: '', leaseUntil: new Date(0) })
}

export interface SliceRecord {
  format: ImportFormat
  total: number
  processed: number
  added: number
  duplicates: number
  skips: ImportSkip[]
}

/** Records a slice's outcome and frees the job; answers the job as it now stands. Only the holder of the
 * lease can record, so a slice that outlived its lease changes nothing. */
export async function recordSlice(job: ImportJobDocument, leaseId: string, slice: SliceRecord, now: Date): Promise<ImportJobDocument> {
  const processed = Math.min(job.processed + slice.processed, slice.total)
  const changes = {
    state: processed >= slice.total ? ('done' as const) : ('running' as const),
    format: slice.format,
    total: slice.total,
    processed,
    added: job.added + slice.added,
    duplicates: job.duplicates + slice.duplicates,
    skippedCount: job.skippedCount + slice.skips.length,
    skipped: [...job.skipped, ...slice.skips].slice(0, SKIPS_KEPT),
    leaseUntil: new Date(0),
    leaseId: '',
    updatedAt: now,
  } satisfies Partial<ImportJobDocument>
  const recorded = await updateWhere(JOBS, { _id: job._id, _openid: job._openid, leaseId }, changes)
  if (recorded === 0) return (await findOwnJob(job._openid, job._id)) ?? job
  return { ...job, ...changes }
}

/** The job as its owner's progress. */
export function importProgress(job: ImportJobDocument): ImportProgress {
  return {
    jobId: job._id,
    state: job.state,
    format: job.format,
    total: job.total,
    processed: job.processed,
    added: job.added,
    duplicates: job.duplicates,
    skippedCount: job.skippedCount,
    skipped: job.skipped.map((skip) => ({ ...skip })),
  }
}
