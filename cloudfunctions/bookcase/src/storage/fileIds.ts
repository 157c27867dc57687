// File ids ↔ cloud paths. A file id is `cloud://<env>.<bucket>/<cloudPath>`, and the SDK offers no call
// that names the bucket, so the function learns its own file-id prefix from the answer to one tiny upload
// (once per warm instance) and from then on can name any of its paths as a file id, and tell whether a
// file id a client sends is in this environment's bucket at all.
import { uploadFile } from './client'

const PROBE_PATH = 'bookcase/bucket-probe.txt'
const PROBE_TEXT = 'Uploaded by the bookcase function to learn its bucket file-id prefix; safe to keep.\n'

let prefix: Promise<string> | undefined

/** `cloud://<env>.<bucket>/`, learned on first use. A failed probe is not remembered. */
function filePrefix(): Promise<string> {
  prefix ??= uploadFile(PROBE_PATH, Buffer.from(PROBE_TEXT)).then(
    (fileID) => {
      if (!fileID.endsWith(`/${PROBE_PATH}`)) throw new Error(`unexpected file id shape from uploadFile: ${fileID.slice(0, 200)}`)
      return fileID.slice(0, -PROBE_PATH.length)
    },
    (error: unknown) => {
      prefix = undefined
      throw error
    },
  )
  return prefix
}

/** Uploads `content` to `cloudPath` and answers its file id; the answer also teaches the prefix, sparing
 * the probe. */
export async function uploadTo(cloudPath: string, content: Buffer): Promise<string> {
  const fileID = await uploadFile(cloudPath, content)
  if (prefix === undefined && fileID.endsWith(`/${cloudPath}`)) prefix = Promise.resolve(fileID.slice(0, -cloudPath.length))
  return fileID
}

export async function fileIdOf(cloudPath: string): Promise<string> {
  return (await filePrefix()) + cloudPath
}

/** The cloud path of a file id in this environment's bucket; null for anything else. */
export async function cloudPathOf(fileID: string): Promise<string | null> {
  const own = await filePrefix()
  return fileID.startsWith(own) && fileID.length > own.length ? fileID.slice(own.length) : null
}
