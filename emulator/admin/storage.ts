// storage.* actions (emulator/README.md, "Storage"): upload metadata with an upload URL back into the emulator,
// temp download URLs, batch delete.
import { MAX_FILES_PER_CALL } from '../client-storage/protocol'
import type { Bucket } from '../storage/bucket'
import { DEFAULT_MAX_AGE_SECONDS, signedUrl } from '../storage/routes'
import { invalidParam } from '../errors'
import type { ActionHandler } from './context'

const UPLOAD_URL_TTL_SECONDS = 600

/** The platform takes at most 50 files per temp-URL or delete call, from a function as from a client. */
function fileList<T>(list: unknown, name: string): T[] {
  const files = Array.isArray(list) ? (list as T[]) : []
  if (files.length > MAX_FILES_PER_CALL) throw invalidParam(`${name} holds at most ${MAX_FILES_PER_CALL} files`)
  return files
}

export function storageActions(bucket: Bucket, baseUrl: () => string): Record<string, ActionHandler> {
  return {
    'storage.getUploadMetadata': async ({ body }) => {
      if (typeof body.path !== 'string') throw invalidParam('path is required')
      const cloudPath = bucket.checkPath(body.path)
      return {
        data: {
          url: signedUrl(baseUrl(), bucket, 'upload', cloudPath, UPLOAD_URL_TTL_SECONDS),
          token: 'local',
          authorization: 'local',
          fileId: bucket.fileIdOf(cloudPath),
          // Sent back by the SDK as an HTTP header, so it must be ASCII (COS's are opaque ids).
          cosFileId: encodeURIComponent(cloudPath),
        },
      }
    },

    'storage.batchGetDownloadUrl': async ({ body }) => {
      const list = fileList<{ fileid: string; max_age?: number }>(body.file_list, 'file_list')
      const download_list = list.map(({ fileid, max_age }) => {
        const cloudPath = bucket.pathOfFileId(fileid)
        if (!bucket.exists(cloudPath)) return { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' }
        const maxAge = Number(max_age) > 0 ? Number(max_age) : DEFAULT_MAX_AGE_SECONDS
        return { fileID: fileid, code: 'SUCCESS', maxAge, tempFileURL: signedUrl(baseUrl(), bucket, 'download', cloudPath, maxAge) }
      })
      return { data: { download_list } }
    },

    'storage.batchDeleteFile': async ({ body }) => {
      const list = fileList<string>(body.fileid_list, 'fileid_list')
      const delete_list = list.map((fileid) => ({
        fileID: fileid,
        code: bucket.remove(bucket.pathOfFileId(fileid)) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST',
      }))
      return { data: { delete_list } }
    },
  }
}
