// The HTTP side of storage: the PUT upload URL and the GET temp-file URL that the admin API hands out.
import { createReadStream } from 'fs'
import type { IncomingMessage, ServerResponse } from 'http'
import { HttpError } from '../errors'
import { readBody, type EmulatorServer } from '../server'
import type { Bucket } from './bucket'

export const UPLOAD_PREFIX = '/_/storage/upload/'
export const DOWNLOAD_PREFIX = '/_/storage/file/'
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

export function signedUrl(base: string, bucket: Bucket, purpose: 'upload' | 'download', cloudPath: string, ttlSeconds: number): string {
  const expires = Date.now() + ttlSeconds * 1000
  const prefix = purpose === 'upload' ? UPLOAD_PREFIX : DOWNLOAD_PREFIX
  // Temp URLs carry the path raw, as the platform's do (the SDK encodeURI()s them before a GET);
  // the upload URL is used as is, so it is encoded. Bucket.checkPath keeps out % ? #.
  const shown = purpose === 'upload' ? encodeURI(cloudPath) : cloudPath
  return `${base}${prefix}${shown}?expires=${expires}&sign=${bucket.sign(purpose, cloudPath, expires)}`
}

function verified(bucket: Bucket, purpose: 'upload' | 'download', prefix: string, url: URL): string {
  const cloudPath = bucket.checkPath(decodeURIComponent(url.pathname.slice(prefix.length)))
  const expires = Number(url.searchParams.get('expires'))
  if (!bucket.verify(purpose, cloudPath, expires, url.searchParams.get('sign') ?? '')) {
    throw new HttpError(403, 'signature invalid or expired')
  }
  return cloudPath
}

/** COS answers an upload with an empty 200; failures as XML, which the SDK parses (reference §4.4). */
function cosError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' })
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId></RequestId><TraceId></TraceId></Error>`)
}

export function mountStorageRoutes(server: EmulatorServer, bucket: Bucket): void {
  server.route('PUT', UPLOAD_PREFIX, async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    let cloudPath: string
    try {
      cloudPath = verified(bucket, 'upload', UPLOAD_PREFIX, url)
    } catch {
      return cosError(res, 403, 'AccessDenied', 'signature invalid or expired')
    }
    bucket.write(cloudPath, await readBody(req, MAX_UPLOAD_BYTES))
    res.writeHead(200, { 'content-length': 0 })
    res.end()
  })

  server.route('GET', DOWNLOAD_PREFIX, (_req: IncomingMessage, res: ServerResponse, url: URL) => {
    const cloudPath = verified(bucket, 'download', DOWNLOAD_PREFIX, url)
    if (!bucket.exists(cloudPath)) throw new HttpError(404, 'no such file')
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    createReadStream(bucket.filePath(cloudPath)).pipe(res)
  })
}
