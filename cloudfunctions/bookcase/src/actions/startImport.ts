// startImport {fileName, is_private?}: opens an import job owned by the caller and hands out the one
// storage path its file must be uploaded to (wx.cloud.uploadFile); importBooks then reads it from there.
import { createImportJob } from '../domain/importJobs'
import type { Action } from './types'

export const startImport: Action<'startImport'> = async (event, { openid, now }) => {
  const job = await createImportJob(openid, event.fileName, event.is_private ?? false, now)
  return { jobId: job._id, cloudPath: job.cloudPath }
}
