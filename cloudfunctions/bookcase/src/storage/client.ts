// The only module that touches wx-server-sdk's storage API, as db/client.ts is for the database. It
// smooths the SDK's loose shapes into a few typed calls and keeps to the platform's batch limits
// (getTempFileURL and deleteFile take at most 50 files per call: emulator/README.md, "Storage").
import * as cloud from 'wx-server-sdk'
import { chunks, unique } from '../lists'

/** The platform's cap on files per getTempFileURL / deleteFile call. */
export const FILES_PER_CALL = 50

/** What getTempFileURL reports for a file that exists (STORAGE_FILE_NONEXIST is reported per item). */
const STATUS_OK = 0

export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  const result = await cloud.uploadFile({ cloudPath, fileContent: content })
  return result.fileID
}

/** A file's bytes, or null when no file is stored under that id. */
export async function downloadFile(fileID: string): Promise<Buffer | null> {
  // Asking for a temp URL first tells "not there" apart from a failure without parsing error texts.
  if ((await existingFiles([fileID])).size === 0) return null
  const result = await cloud.downloadFile({ fileID })
  return result.fileContent
}

// The d.ts types the promise as `Promise | void` (the callback style returns nothing).
type TempFileUrlResult = Exclude<Awaited<ReturnType<typeof cloud.getTempFileURL>>, void>

export interface TempFileUrl {
  url: string
  maxAge: number
}

/** A temporary URL for each file that exists (files that do not are absent from the map), in batches. */
export async function tempFileUrls(fileIDs: readonly string[], maxAgeSeconds: number): Promise<Map<string, TempFileUrl>> {
  const urls = new Map<string, TempFileUrl>()
  const batches = chunks(unique(fileIDs), FILES_PER_CALL).map(async (batch) => {
    const result = (await cloud.getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) })) as TempFileUrlResult
    for (const item of result.fileList) {
      if (item.status === STATUS_OK && item.tempFileURL) urls.set(item.fileID, { url: item.tempFileURL, maxAge: item.maxAge || maxAgeSeconds })
    }
  })
  await Promise.all(batches)
  return urls
}

/** Those of the files that exist, asked as temporary URLs (a missing file is reported per item). */
export async function existingFiles(fileIDs: readonly string[]): Promise<Set<string>> {
  return new Set((await tempFileUrls(fileIDs, 60)).keys())
}

/** Deletes the files (a missing one is not an error: it is gone either way), in batches. */
export async function deleteFiles(fileIDs: readonly string[]): Promise<void> {
  await Promise.all(chunks(unique(fileIDs), FILES_PER_CALL).map((batch) => cloud.deleteFile({ fileList: batch })))
}
