// The client storage's wire shape, declared once: the routes wx.cloud.uploadFile, getTempFileURL,
// deleteFile and downloadFile reach locally, and what <image src="cloud://…"> loads. The handler
// (handler.ts), the client (client.ts, used by the preview's wx shim and the page-test bridge) and the
// tests all go through this file, so it imports nothing from Node: it is bundled into the browser runtime.
// Our own wire, as for the client database; the real client SDK's is not emulated (emulator/README.md,
// "Client storage").
//
// Identity: the gateway's IDENTITY_HEADERS (no openid header: a caller who is not signed in). The file
// route also takes it as an `openid` query parameter, because an <img> cannot send headers.
//
//   POST UPLOAD_PATH?cloudPath=<encoded>   body: the file's bytes (application/octet-stream)
//        → {fileID, statusCode: 200, errMsg: "cloud.uploadFile:ok"}
//   POST TEMP_URL_PATH    {fileList: (fileID | {fileID, maxAge})[]}  (1 to MAX_FILES_PER_CALL)
//        → {fileList: [{fileID, tempFileURL, status, errMsg, maxAge}], errMsg: "cloud.getTempFileURL:ok"}
//   POST DELETE_PATH      {fileList: fileID[]}                         (1 to MAX_FILES_PER_CALL)
//        → {fileList: [{fileID, status, errMsg}], errMsg: "cloud.deleteFile:ok"}
//   GET  FILE_PATH?fileID=<encoded>[&openid=<encoded>]
//        → the file's bytes (downloadFile, <image>)
// A refusal of the whole call is JSON `{errCode, errMsg: "<api>:fail <errCode> <text>. <message>"}`:
// HTTP 200 for the POST routes, 403 / 404 / 400 for the file route (an <img> needs a failing status),
// 413 for an upload over MAX_UPLOAD_BYTES. A request the routes cannot read at all (bad JSON) is a 400 `{error}`.

export const UPLOAD_PATH = '/client/storage/uploadFile'
export const TEMP_URL_PATH = '/client/storage/getTempFileURL'
export const DELETE_PATH = '/client/storage/deleteFile'
export const FILE_PATH = '/client/storage/file'

/** getTempFileURL and deleteFile take at most this many files per call, as on the platform. */
export const MAX_FILES_PER_CALL = 50
/** A cloud path's limit in UTF-8 bytes (emulator/README.md, "Client storage"). */
export const MAX_CLOUD_PATH_BYTES = 850

/** The errCodes a client storage call fails with, and the SDK's text for each (wx-server-sdk's error table). */
export const STORAGE_ERRORS = {
  INVALID_PARAM: -501007,
  REQUEST_FAIL: -503001,
  PERMISSION_DENIED: -503002,
  FILE_NOT_EXISTS: -503003,
  /** UNVERIFIED: the number and text of the platform's size cap. */
  FILE_TOO_LARGE: -403001,
} as const
export type StorageErrorCode = (typeof STORAGE_ERRORS)[keyof typeof STORAGE_ERRORS]

const ERROR_TEXTS: Record<StorageErrorCode, string> = {
  [-501007]: 'invalid parameters',
  [-503001]: 'storage request fail',
  [-503002]: 'storage permission denied',
  [-503003]: 'storage file not exists',
  [-403001]: 'file size exceeds the limit',
}

export type StorageApi = 'cloud.uploadFile' | 'cloud.getTempFileURL' | 'cloud.deleteFile' | 'cloud.downloadFile'

export interface StorageFail {
  errCode: number
  errMsg: string
}

export interface UploadOk {
  fileID: string
  statusCode: 200
  errMsg: 'cloud.uploadFile:ok'
}

/** One getTempFileURL item: status 0 and errMsg 'ok', or the item's errCode and its text. */
export interface TempFileItem {
  fileID: string
  tempFileURL: string
  status: number
  errMsg: string
  maxAge: number
}

export interface DeleteItem {
  fileID: string
  status: number
  errMsg: string
}

export interface TempUrlRequest {
  fileList: (string | { fileID: string; maxAge?: number })[]
}

export interface DeleteRequest {
  fileList: string[]
}

export interface TempUrlOk {
  fileList: TempFileItem[]
  errMsg: 'cloud.getTempFileURL:ok'
}

export interface DeleteOk {
  fileList: DeleteItem[]
  errMsg: 'cloud.deleteFile:ok'
}

/** A refused call, worded as wx-server-sdk words storage failures. */
export function storageFail(api: StorageApi, errCode: StorageErrorCode, message?: string): StorageFail {
  return { errCode, errMsg: `${api}:fail ${errCode} ${ERROR_TEXTS[errCode]}${message ? `. ${message}` : ''}` }
}

/** The status and errMsg of one item of a batch: 0 and 'ok', or the code and its text. */
export function itemOutcome(errCode: StorageErrorCode | 0): { status: number; errMsg: string } {
  return errCode === 0 ? { status: 0, errMsg: 'ok' } : { status: errCode, errMsg: ERROR_TEXTS[errCode] }
}

export const isStorageFail = (body: unknown): body is StorageFail =>
  !!body && typeof body === 'object' && typeof (body as StorageFail).errCode === 'number' && typeof (body as StorageFail).errMsg === 'string'

export const isCloudFileId = (src: string): boolean => /^cloud:\/\//.test(src)

export function uploadTarget(cloudPath: string): string {
  return `${UPLOAD_PATH}?cloudPath=${encodeURIComponent(cloudPath)}`
}

/** The file route for `fileID`; with `openid`, for an <img>, which cannot send the identity header. */
export function fileTarget(fileID: string, openid?: string): string {
  return `${FILE_PATH}?fileID=${encodeURIComponent(fileID)}${openid === undefined ? '' : `&openid=${encodeURIComponent(openid)}`}`
}
