// The client storage routes (wire shape: ./protocol): uploads, temp URLs, deletes and file reads from a
// Mini Program, each checked against the bucket's permission (./permission) for the caller and the
// file's uploader, which the bucket keeps. Every route is 'same-origin' (http/guards.ts), as the other
// client routes are.
import type { IncomingMessage, ServerResponse } from 'http'
import { z } from 'zod'
import { HttpError } from '../errors'
import { IDENTITY_HEADERS } from '../gateway/protocol'
import { headerValue } from '../http/headers'
import type { RequestLog } from '../request-log'
import { readBody, readJson, sendJson, type EmulatorServer } from '../server'
import type { Bucket } from '../storage/bucket'
import { DEFAULT_MAX_AGE_SECONDS, MAX_UPLOAD_BYTES, sendStoredFile, signedUrl, storeUpload } from '../storage/routes'
import { cloudPathProblem } from './cloud-path'
import type { StoragePermission } from './permission'
import {
  DELETE_PATH,
  FILE_PATH,
  itemOutcome,
  MAX_FILES_PER_CALL,
  STORAGE_ERRORS,
  storageFail,
  TEMP_URL_PATH,
  UPLOAD_PATH,
  type DeleteItem,
  type DeleteOk,
  type StorageApi,
  type StorageFail,
  type TempFileItem,
  type TempUrlOk,
  type UploadOk,
} from './protocol'

const MAX_LIST_BODY_BYTES = 256 * 1024
const fileId = z.string().min(1).max(4096)
const tempUrlSchema = z.strictObject({
  fileList: z
    .array(z.union([fileId, z.strictObject({ fileID: fileId, maxAge: z.number().int().positive().max(1e9).optional() })]))
    .min(1, 'fileList must be a non-empty array')
    .max(MAX_FILES_PER_CALL, `fileList holds at most ${MAX_FILES_PER_CALL} files`),
})
const deleteSchema = z.strictObject({
  fileList: z.array(fileId).min(1, 'fileList must be a non-empty array').max(MAX_FILES_PER_CALL, `fileList holds at most ${MAX_FILES_PER_CALL} files`),
})

/** <image> needs an image type; anything else is served as bytes (never as HTML or SVG, which could run script). */
const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' }
const contentTypeOf = (cloudPath: string) => IMAGE_TYPES[/\.([A-Za-z0-9]+)$/.exec(cloudPath)?.[1].toLowerCase() ?? ''] ?? 'application/octet-stream'

/** A reply that refuses the whole call, carried by the thrown error up to the route's edge. */
class Refusal extends Error {
  constructor(
    readonly reply: StorageFail,
    readonly status = 200,
  ) {
    super(reply.errMsg)
  }
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')

export function mountClientStorage(server: EmulatorServer, bucket: Bucket, permission: StoragePermission, requests: RequestLog): void {
  /** The cloud path a fileID names in this bucket, or undefined (not a file id, another environment's). */
  const pathOf = (fileID: string): string | undefined => {
    try {
      const cloudPath = bucket.pathOfFileId(fileID)
      return bucket.fileIdOf(cloudPath) === fileID ? cloudPath : undefined
    } catch {
      return undefined
    }
  }
  /** Why `openid` may not read or write the file at `cloudPath` (0: it may); missing files first. */
  const problem = (access: 'read' | 'write', openid: string | undefined, cloudPath: string | undefined) => {
    if (cloudPath === undefined || !bucket.exists(cloudPath)) return STORAGE_ERRORS.FILE_NOT_EXISTS
    return permission.allows(access, openid, bucket.ownerOf(cloudPath)) ? 0 : STORAGE_ERRORS.PERMISSION_DENIED
  }

  /** Runs one call as the caller, logs it, and answers its reply (or its refusal) as JSON. */
  const route =
    (api: StorageApi, run: (req: IncomingMessage, url: URL, openid: string | undefined) => Promise<object>) =>
    async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
      const started = performance.now()
      const openid = headerValue(req, IDENTITY_HEADERS.openid)
      let status = 200
      let reply: object
      try {
        reply = await run(req, url, openid)
      } catch (error) {
        if (!(error instanceof Refusal)) throw error
        ;({ reply, status } = error)
      }
      requests.add({
        kind: 'client-storage',
        name: api,
        target: openid ?? '(no identity)',
        ms: performance.now() - started,
        error: 'errCode' in reply ? (reply as StorageFail).errMsg : undefined,
      })
      sendJson(res, status, reply)
    }

  server.route(
    'POST',
    UPLOAD_PATH,
    route('cloud.uploadFile', async (req, url, openid): Promise<UploadOk> => {
      const api = 'cloud.uploadFile'
      const cloudPath = url.searchParams.get('cloudPath') ?? ''
      const bad = cloudPathProblem(bucket, cloudPath)
      if (bad) throw new Refusal(storageFail(api, STORAGE_ERRORS.INVALID_PARAM, bad))
      if (openid === undefined) throw new Refusal(storageFail(api, STORAGE_ERRORS.PERMISSION_DENIED, 'uploadFile needs a signed-in reader'))
      let content: Buffer
      try {
        content = await readBody(req, MAX_UPLOAD_BYTES)
      } catch (error) {
        if (error instanceof HttpError && error.status === 413) {
          throw new Refusal(storageFail(api, STORAGE_ERRORS.FILE_TOO_LARGE, `a file is at most ${MAX_UPLOAD_BYTES} bytes`), 413)
        }
        throw error
      }
      // Checked once the bytes are in, so nothing written meanwhile changes who owns the path.
      const uploader = bucket.exists(cloudPath) ? bucket.ownerOf(cloudPath) : openid
      if (!permission.allows('write', openid, uploader)) throw new Refusal(storageFail(api, STORAGE_ERRORS.PERMISSION_DENIED, `cannot write ${cloudPath}`))
      try {
        storeUpload(bucket, cloudPath, content, openid)
      } catch (error) {
        if (error instanceof HttpError) throw new Refusal(storageFail(api, STORAGE_ERRORS.REQUEST_FAIL, error.message))
        throw error
      }
      return { fileID: bucket.fileIdOf(cloudPath), statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
    }),
  )

  server.route(
    'POST',
    TEMP_URL_PATH,
    route('cloud.getTempFileURL', async (req, _url, openid): Promise<TempUrlOk> => {
      const parsed = tempUrlSchema.safeParse(await readJson(req, MAX_LIST_BODY_BYTES))
      if (!parsed.success) throw new Refusal(storageFail('cloud.getTempFileURL', STORAGE_ERRORS.INVALID_PARAM, issues(parsed.error)))
      // Temp URLs point at the host the caller used, so a page on localhost gets same-origin URLs.
      const base = `http://${req.headers.host}`
      const fileList = parsed.data.fileList.map((entry): TempFileItem => {
        const { fileID, maxAge = DEFAULT_MAX_AGE_SECONDS } = typeof entry === 'string' ? { fileID: entry } : entry
        const cloudPath = pathOf(fileID)
        const code = problem('read', openid, cloudPath)
        const tempFileURL = code === 0 ? signedUrl(base, bucket, 'download', cloudPath!, maxAge) : ''
        return { fileID, tempFileURL, ...itemOutcome(code), maxAge }
      })
      return { fileList, errMsg: 'cloud.getTempFileURL:ok' }
    }),
  )

  server.route(
    'POST',
    DELETE_PATH,
    route('cloud.deleteFile', async (req, _url, openid): Promise<DeleteOk> => {
      const parsed = deleteSchema.safeParse(await readJson(req, MAX_LIST_BODY_BYTES))
      if (!parsed.success) throw new Refusal(storageFail('cloud.deleteFile', STORAGE_ERRORS.INVALID_PARAM, issues(parsed.error)))
      const fileList = parsed.data.fileList.map((fileID): DeleteItem => {
        const cloudPath = pathOf(fileID)
        const code = problem('write', openid, cloudPath)
        if (code === 0) bucket.remove(cloudPath!)
        return { fileID, ...itemOutcome(code) }
      })
      return { fileList, errMsg: 'cloud.deleteFile:ok' }
    }),
  )

  // downloadFile and <image src="cloud://…">: the bytes, or a failing status an <img> notices.
  server.route('GET', FILE_PATH, async (req, res, url) => {
    const api = 'cloud.downloadFile'
    const started = performance.now()
    const fromHeader = headerValue(req, IDENTITY_HEADERS.openid)
    const fromQuery = url.searchParams.get('openid') ?? undefined
    if (fromHeader !== undefined && fromQuery !== undefined && fromHeader !== fromQuery) throw new HttpError(400, 'two different identities')
    const openid = fromHeader ?? fromQuery
    const fileID = url.searchParams.get('fileID') ?? ''
    const cloudPath = pathOf(fileID)
    const code = problem('read', openid, cloudPath)
    const failure = code === 0 ? undefined : storageFail(api, code, fileID)
    requests.add({ kind: 'client-storage', name: api, target: openid ?? '(no identity)', ms: performance.now() - started, error: failure?.errMsg })
    const notFound = () => new Refusal(storageFail(api, STORAGE_ERRORS.FILE_NOT_EXISTS, fileID), 404)
    try {
      if (failure) throw new Refusal(failure, code === STORAGE_ERRORS.FILE_NOT_EXISTS ? 404 : 403)
      await sendStoredFile(bucket, res, cloudPath!, contentTypeOf(cloudPath!), notFound)
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      sendJson(res, error.status, error.reply)
    }
  })
}
