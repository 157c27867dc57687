// The HTTP side of storage: the PUT upload URL and the GET temp-file URL that the admin API hands out
// (emulator/README.md, "Storage").
import { open } from 'fs/promises'
import type { IncomingMessage, ServerResponse } from 'http'
import { pipeline } from 'stream/promises'
import { HttpError } from '../errors'
import { readBody, sendText, type EmulatorServer } from '../server'
import type { Bucket } from './bucket'
import { formFile } from './form-upload'

export const UPLOAD_PREFIX = '/_/storage/upload/'
export const DOWNLOAD_PREFIX = '/_/storage/file/'
/** The largest file an upload may carry, from a function or a client (the platform's cap is UNVERIFIED). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
/** A temp URL's lifetime when the caller names none. */
export const DEFAULT_MAX_AGE_SECONDS = 7200

type Purpose = 'upload' | 'download'

/** A signed URL for a cloud path that Bucket.checkPath accepted. */
export function signedUrl(base: string, bucket: Bucket, purpose: Purpose, cloudPath: string, ttlSeconds: number): string {
  const expires = Date.now() + ttlSeconds * 1000
  const prefix = purpose === 'upload' ? UPLOAD_PREFIX : DOWNLOAD_PREFIX
  // Temp URLs carry the path raw, as the platform's do (the SDK encodeURI()s them before a GET);
  // the upload URL is used as is, so it is encoded. Either way the signature covers the encoded path.
  const encoded = encodeURI(cloudPath)
  const shown = purpose === 'upload' ? encoded : cloudPath
  return `${base}${prefix}${shown}?expires=${expires}&sign=${bucket.sign(purpose, encoded, expires)}`
}

/**
 * The cloud path a signed request names. The signature is checked first, on the path exactly as the
 * request spells it, so nothing decodes a path the emulator did not sign (403); a signed path that still
 * fails to decode or to pass Bucket.checkPath is a 400.
 */
function authorizedPath(bucket: Bucket, purpose: Purpose, prefix: string, url: URL): string {
  const encoded = url.pathname.slice(prefix.length)
  const expires = Number(url.searchParams.get('expires'))
  if (!bucket.verify(purpose, encoded, expires, url.searchParams.get('sign') ?? '')) {
    throw new HttpError(403, 'signature invalid or expired')
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(encoded)
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in the file path')
  }
  try {
    return bucket.checkPath(decoded)
  } catch (error) {
    throw new HttpError(400, (error as Error).message)
  }
}

// COS error codes the SDK sees in `[<Code>]: <Message>` (it parses any body it gets back as XML). 409 is
// the emulator's own: COS keys are flat and never conflict.
const COS_CODES: Record<number, string> = { 400: 'InvalidArgument', 403: 'AccessDenied', 409: 'PathConflict', 413: 'EntityTooLarge' }

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** COS answers an upload with an empty 200, and a failure as XML, which the SDK parses (emulator/README.md, "Storage"). */
function cosError(res: ServerResponse, error: HttpError): void {
  const code = COS_CODES[error.status] ?? 'InvalidRequest'
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xmlText(error.message)}</Message><RequestId></RequestId><TraceId></TraceId></Error>`
  sendText(res, error.status, body, 'application/xml')
}

/** What the file system says when a stored file is where a folder should be, or the other way round. */
const IN_THE_WAY = new Set(['EISDIR', 'ENOTDIR', 'EEXIST'])

/** How an upload's bytes arrive: the PUT's body (wx-server-sdk 4), or a COS form's file part (older majors). */
type ReadContent = (req: IncomingMessage, maxBytes: number) => Promise<Buffer>

/** Stores an upload's bytes (`owner`: the uploading client's openid); a file or folder in the way is a 409. */
export function storeUpload(bucket: Bucket, cloudPath: string, content: Buffer, owner?: string): void {
  try {
    bucket.write(cloudPath, content, owner)
  } catch (error) {
    // COS keys `a` and `a/b` can coexist; the emulator's files and folders can't, so say so.
    const code = (error as NodeJS.ErrnoException).code ?? ''
    if (IN_THE_WAY.has(code)) throw new HttpError(409, `a stored file or folder is in the way of ${cloudPath}`)
    // COS has no such limit; the disk does (255 bytes a name on most file systems).
    if (code === 'ENAMETOOLONG') throw new HttpError(400, `a segment of ${cloudPath} is longer than the emulator's file system allows`)
    throw error
  }
}

async function upload(bucket: Bucket, req: IncomingMessage, url: URL, read: ReadContent): Promise<void> {
  const cloudPath = authorizedPath(bucket, 'upload', UPLOAD_PREFIX, url)
  storeUpload(bucket, cloudPath, await read(req, MAX_UPLOAD_BYTES))
}

async function download(bucket: Bucket, res: ServerResponse, url: URL): Promise<void> {
  await sendStoredFile(bucket, res, authorizedPath(bucket, 'download', DOWNLOAD_PREFIX, url))
}

/**
 * Streams a stored file; the file is opened before the 200 goes out, so a vanished file is a 404, not a
 * broken answer. `onMissing` names that failure (default: a plain 404).
 */
export async function sendStoredFile(
  bucket: Bucket,
  res: ServerResponse,
  cloudPath: string,
  contentType = 'application/octet-stream',
  onMissing: () => Error = () => new HttpError(404, 'no such file'),
): Promise<void> {
  const file = bucket.exists(cloudPath) ? await open(bucket.filePath(cloudPath), 'r').catch(() => undefined) : undefined
  if (!file) throw onMissing()
  try {
    const { size } = await file.stat()
    res.writeHead(200, { 'content-type': contentType, 'content-length': size })
    // A client that goes away mid-download is nobody's failure; the answer can only be cut off.
    await pipeline(file.createReadStream({ autoClose: false }), res).catch(() => res.destroy())
  } finally {
    await file.close()
  }
}

export function mountStorageRoutes(server: EmulatorServer, bucket: Bucket): void {
  const uploadRoute = (read: ReadContent) => async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    try {
      await upload(bucket, req, url, read)
    } catch (error) {
      if (error instanceof HttpError) return cosError(res, error)
      throw error
    }
    res.writeHead(200, { 'content-length': 0 })
    res.end()
  }
  server.route('PUT', UPLOAD_PREFIX, uploadRoute(readBody), { guard: 'same-origin' })
  // A cross-site HTML form could send this POST without a preflight; the guard refuses its Origin,
  // and it could not know a signed URL anyway.
  server.route('POST', UPLOAD_PREFIX, uploadRoute(formFile), { guard: 'same-origin' })

  // Signed URLs are fetched by the SDK, by the preview's <image> and by wx.downloadFile: never cross-site.
  server.route('GET', DOWNLOAD_PREFIX, (_req: IncomingMessage, res: ServerResponse, url: URL) => download(bucket, res, url), { guard: 'same-origin' })
}
