// wx.cloud for page tests: callFunction goes over real HTTP to the emulator's client gateway as the
// current test reader, and resolves or rejects exactly as wx.cloud.callFunction does. Node's `http`
// is used because the jsdom environment has no fetch (tests/support/gateway.ts's nodeHttpTransport).
// wx.cloud.database() is the preview's own client builder (emulator/client-db/client.ts) over the same transport.
//
// Files (emulator/README.md, "Client storage"): wx.cloud.uploadFile / downloadFile / getTempFileURL /
// deleteFile are the preview's own client (emulator/client-storage/client.ts) over node:http, as the
// current reader, so permissions and errors are the emulator's. Promise style without callbacks;
// with success/fail/complete they are called and an UploadTask/DownloadTask-like object comes back
// (onProgressUpdate reports 100% once done, abort() is a no-op). Files the page "has" live in a
// bridge-held temp file system, under WeChat-like paths (`http://tmp/…`, wx.env.USER_DATA_PATH `http://usr/…`).
//
// What the test controls, on the returned WxCloudBridge:
//   bridge.chooseFiles(file, …)   queues what the reader picks at the next wx.chooseMessageFile:
//                                 `{fixture: 'tests/fixtures/import/x.csv'}` or `{content: Buffer, name}`;
//                                 several files for one call go in one chooseFiles(a, b) call. Nothing
//                                 queued: the call fails with 'chooseMessageFile:fail cancel', as when
//                                 the reader backs out.
//   bridge.chooseMedia(file, …)   the same for wx.chooseMedia (images; `width`/`height` optional).
//   bridge.tempFile(path)         the bytes at a temp path (a download, a chosen or compressed file); throws if none.
//   bridge.addTempFile(content, name?)  puts bytes in the temp file system and answers their path.
//   bridge.files                  what the page did with files, in order:
//                                   chosen:     {api: 'chooseMessageFile' | 'chooseMedia', options}
//                                   storage:    {api: 'cloud.uploadFile', cloudPath, filePath} / 'cloud.downloadFile'
//                                               {fileID} / 'cloud.getTempFileURL' / 'cloud.deleteFile' {fileList}
//                                   opened:     {api: 'openDocument', filePath, fileType, showMenu}
//                                   shared:     {api: 'shareFileMessage', filePath, fileName}
//                                   downloaded: {api: 'downloadFile', url, statusCode, tempFilePath}
//                                   compressed: {api: 'compressImage', src, quality}
//   bridge.failNext(api, errMsg)  makes the next call of that wx API (e.g. 'shareFileMessage',
//                                 'openDocument', 'cloud.uploadFile') fail with errMsg, without doing anything.
// wx.compressImage passes the bytes through to a new temp path. wx.downloadFile GETs its url for real
// (the function's temp URLs point at the emulator). wx.getFileSystemManager() offers readFile(Sync),
// writeFile(Sync), getFileInfo and unlink(Sync) on the temp file system (encodings utf8, base64, hex,
// binary/latin1, utf16le; none: an ArrayBuffer, as in WeChat).
import { readFileSync } from 'fs'
import http from 'http'
import path from 'path'
import { nodeHttpTransport } from './gateway'
import { createClientDatabase } from '../../emulator/client-db/client'
import { ClientStorageError, createClientStorage, type StorageTransport } from '../../emulator/client-storage/client'
import type { ActionData, ActionName, ApiRequest, ApiResult } from '../../typings/api'
import { buildCallRequest, CALL_FUNCTION_PATH, callOk, classifyReply, unreachable, type CallOutcome } from '../../emulator/gateway/protocol'

/** A file the reader picks: bytes, or a fixture read from disk (relative to the repository root, or absolute). */
export type PickedFile = ({ content: Buffer } | { fixture: string }) & {
  /** Default: the fixture's file name, else 'file'. */
  name?: string
  /** chooseMedia only; default 100 × 100. */
  width?: number
  height?: number
}

export type FileActivity =
  | { api: 'chooseMessageFile' | 'chooseMedia'; options: Record<string, unknown> }
  | { api: 'cloud.uploadFile'; cloudPath: string; filePath: string }
  | { api: 'cloud.downloadFile'; fileID: string }
  | { api: 'cloud.getTempFileURL' | 'cloud.deleteFile'; fileList: unknown[] }
  | { api: 'openDocument'; filePath: string; fileType?: string; showMenu?: boolean }
  | { api: 'shareFileMessage'; filePath: string; fileName?: string }
  | { api: 'downloadFile'; url: string; statusCode?: number; tempFilePath?: string }
  | { api: 'compressImage'; src: string; quality?: number }

export interface WxCloudBridge {
  /** Which reader the next calls come from; undefined sends no identity at all. */
  setOpenid(openid: string | undefined): void
  /** Points the bridge at another gateway (e.g. a stopped emulator, for the offline state). */
  setBaseUrl(url: string): void
  /** Every call made so far: function name and data, in order. */
  readonly calls: { name: string; data: Record<string, unknown> }[]
  /** Calls sent but not yet answered: functions, storage and the file APIs (not the database). */
  pending(): number
  /** Queues the files the reader picks at the next wx.chooseMessageFile (one call takes them all). */
  chooseFiles(...files: PickedFile[]): void
  /** Queues the images the reader picks (or shoots) at the next wx.chooseMedia. */
  chooseMedia(...files: PickedFile[]): void
  /** The bytes at a temp path; throws when there is no such file. */
  tempFile(filePath: string): Buffer
  /** Puts bytes in the temp file system; answers their `http://tmp/…` path. */
  addTempFile(content: Buffer, name?: string): string
  /** What the page did with files, in order (see the top of this file). */
  readonly files: FileActivity[]
  /** The next call of `api` ('shareFileMessage', 'cloud.uploadFile', …) fails with `errMsg` and does nothing. */
  failNext(api: string, errMsg: string): void
}

interface CallFunctionParam {
  name: string
  data?: Record<string, unknown>
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void }

const hasCallbacks = (options: Callbacks) => Boolean(options.success || options.fail || options.complete)

/** WeChat's convention: callbacks are called when given; the promise is returned either way (callers may ignore it). */
function settle<T>(options: Callbacks, promise: Promise<T>): Promise<T> {
  promise.then(
    (res) => {
      options.success?.(res)
      options.complete?.(res)
    },
    (err) => {
      options.fail?.(err)
      options.complete?.(err)
    },
  )
  return promise
}

/** node:http for storage: binary bodies both ways, any method. */
function nodeStorageTransport(baseUrl: () => string): StorageTransport {
  return ({ method, path: target, headers, body }) =>
    new Promise((resolve, reject) => {
      const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
      const req = http.request(`${baseUrl()}${target}`, { method, headers: { ...headers, ...(bytes ? { 'content-length': bytes.length } : {}) } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const content = Buffer.concat(chunks)
          resolve({ status: res.statusCode ?? 0, body: new Uint8Array(content), text: () => content.toString('utf8') })
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(bytes)
    })
}

/** A plain GET of an absolute URL (wx.downloadFile). */
function httpGet(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

const ROOT = path.resolve(__dirname, '../..')
export const USER_DATA_PATH = 'http://usr'

type Encoding = 'utf8' | 'utf-8' | 'base64' | 'hex' | 'binary' | 'latin1' | 'utf16le' | 'ucs2' | 'ascii'

/** The temp file system: WeChat-like paths to bytes. */
class TempFiles {
  private readonly files = new Map<string, Buffer>()
  private counter = 0

  add(content: Buffer, name = 'file'): string {
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]
    const filePath = `http://tmp/${++this.counter}-${Math.random().toString(36).slice(2, 10)}${extension ? `.${extension}` : ''}`
    this.files.set(filePath, content)
    return filePath
  }

  write(filePath: string, content: Buffer): void {
    this.files.set(filePath, content)
  }

  has(filePath: string): boolean {
    return this.files.has(filePath)
  }

  read(filePath: string): Buffer {
    const content = this.files.get(filePath)
    if (!content) throw new Error(`no such file or directory ${filePath}`)
    return content
  }

  remove(filePath: string): void {
    if (!this.files.delete(filePath)) throw new Error(`no such file or directory ${filePath}`)
  }
}

function pickedContent(file: PickedFile): { content: Buffer; name: string } {
  if ('content' in file) return { content: file.content, name: file.name ?? 'file' }
  const full = path.isAbsolute(file.fixture) ? file.fixture : path.join(ROOT, file.fixture)
  return { content: readFileSync(full), name: file.name ?? path.basename(full) }
}

const decodeAs = (content: Buffer, encoding: Encoding | undefined): string | ArrayBuffer =>
  encoding === undefined
    ? new Uint8Array(content).buffer
    : content.toString(encoding === 'utf-8' ? 'utf8' : encoding)

const encodeFrom = (data: string | ArrayBuffer | Uint8Array, encoding: Encoding | undefined): Buffer =>
  typeof data === 'string' ? Buffer.from(data, encoding === 'utf-8' || encoding === undefined ? 'utf8' : encoding) : Buffer.from(data instanceof Uint8Array ? data : new Uint8Array(data))

/** jsdom has no fetch: calls go over node:http. */
const post = nodeHttpTransport()

/** POSTs one call to the gateway as `openid` (no identity header when undefined) and classifies the answer. */
async function postCall<T>(baseUrl: string, openid: string | undefined, name: string, data: unknown): Promise<CallOutcome<T> & { text: string }> {
  const { headers, body } = buildCallRequest(name, data, openid === undefined ? undefined : { openid })
  const reply = await post(`${baseUrl}${CALL_FUNCTION_PATH}`, headers, body)
  let parsed: unknown
  try {
    parsed = JSON.parse(reply.text)
  } catch {
    parsed = undefined
  }
  return { ...classifyReply<T>(reply.status, parsed), text: reply.text }
}

/**
 * One `bookcase` call as `openid`, for setting up and checking state around a page test (the
 * pages themselves always go through wx.cloud). Throws when the call itself fails.
 */
export async function callAs<A extends ActionName>(
  baseUrl: string,
  openid: string | undefined,
  request: ApiRequest<A>,
): Promise<ApiResult<ActionData<A>>> {
  const outcome = await postCall<ApiResult<ActionData<A>>>(baseUrl, openid, 'bookcase', request)
  if (!outcome.ok || outcome.result === undefined) throw new Error(`call failed: ${outcome.text}`)
  return outcome.result
}

/** Like callAs, for a call that must succeed: its data, or a thrown error naming the failure. */
export async function dataAs<A extends ActionName>(baseUrl: string, openid: string, request: ApiRequest<A>): Promise<ActionData<A>> {
  const result = await callAs(baseUrl, openid, request)
  if (!result.ok) throw new Error(`${request.action} failed: ${JSON.stringify(result.error)}`)
  return result.data
}

/** Installs `wx.cloud` and the file APIs on the global `wx` (which miniprogram-simulate created) and returns their controls. */
export function installWxCloud(baseUrl: string, openid: string | undefined): WxCloudBridge {
  let url = baseUrl
  let currentOpenid = openid
  let inFlight = 0
  const calls: WxCloudBridge['calls'] = []
  const files: FileActivity[] = []
  const temp = new TempFiles()
  const queues = { chooseMessageFile: [] as PickedFile[][], chooseMedia: [] as PickedFile[][] }
  const failures = new Map<string, string[]>()

  async function callOnce(name: string, data: Record<string, unknown>): Promise<unknown> {
    let outcome: CallOutcome
    try {
      outcome = await postCall(url, currentOpenid, name, data)
    } catch (error) {
      throw unreachable(error)
    }
    if (!outcome.ok) throw { errCode: outcome.errCode, errMsg: outcome.errMsg }
    return callOk(outcome.result, outcome.requestID)
  }

  /** Runs one wx API call: a queued failure first, then `run`, its answer carrying `errMsg: "<api>:ok"`. */
  function wxCall<T extends object>(api: string, options: Callbacks, run: () => Promise<T>): Promise<T & { errMsg: string }> {
    const queued = failures.get(api)?.shift()
    inFlight++
    const promise = (queued !== undefined ? Promise.reject({ errMsg: queued }) : run())
      .then((res) => ({ ...res, errMsg: `${api}:ok` }))
      .catch((error: unknown) => {
        if (error instanceof ClientStorageError) throw { errCode: error.errCode, errMsg: error.errMsg }
        if (error && typeof error === 'object' && 'errMsg' in error) throw error
        throw { errMsg: `${api}:fail ${error instanceof Error ? error.message : String(error)}` }
      })
      .finally(() => inFlight--)
    settle(options, promise)
    // Without callbacks the caller awaits it; with them, a rejection is theirs to see in fail().
    if (hasCallbacks(options)) promise.catch(() => undefined)
    return promise
  }

  /** What wx.cloud.uploadFile/downloadFile return with callbacks: a task whose progress reports 100% when done. */
  function task(promise: Promise<unknown>, total: () => number) {
    const listeners: ((progress: object) => void)[] = []
    promise.then(
      () => listeners.forEach((listener) => listener({ progress: 100, totalBytesSent: total(), totalBytesExpectedToSend: total(), totalBytesWritten: total() })),
      () => undefined,
    )
    return {
      onProgressUpdate: (listener: (progress: object) => void) => void listeners.push(listener),
      offProgressUpdate: (listener: (progress: object) => void) => void listeners.splice(listeners.indexOf(listener) >>> 0, 1),
      abort: () => undefined,
    }
  }

  const readTemp = (api: string, filePath: string): Buffer => {
    if (!temp.has(filePath)) throw { errMsg: `${api}:fail file not found: ${filePath}` }
    return temp.read(filePath)
  }

  // wx.cloud.database(): the preview's own client builder, over node:http, as the current test reader.
  const database = createClientDatabase((target, headers, body) => post(`${url}${target}`, headers, body), () => currentOpenid)
  // Storage: the preview's own client, over node:http, as the current test reader.
  const storage = createClientStorage(
    nodeStorageTransport(() => url),
    () => currentOpenid,
  )
  const cloud = {
    init() {},
    database: () => database,
    callFunction(param: CallFunctionParam): Promise<unknown> {
      const data = param.data ?? {}
      calls.push({ name: param.name, data })
      inFlight++
      return settle(param, callOnce(param.name, data).finally(() => inFlight--))
    },
    uploadFile(options: { cloudPath: string; filePath: string; config?: unknown } & Callbacks) {
      files.push({ api: 'cloud.uploadFile', cloudPath: options.cloudPath, filePath: options.filePath })
      let size = 0
      const promise = wxCall('cloud.uploadFile', options, async () => {
        const content = readTemp('cloud.uploadFile', options.filePath)
        size = content.length
        return storage.uploadFile(options.cloudPath, content)
      })
      return hasCallbacks(options) ? task(promise, () => size) : promise
    },
    downloadFile(options: { fileID: string; config?: unknown } & Callbacks) {
      files.push({ api: 'cloud.downloadFile', fileID: options.fileID })
      let size = 0
      const promise = wxCall('cloud.downloadFile', options, async () => {
        const content = Buffer.from(await storage.downloadFile(options.fileID))
        size = content.length
        return { tempFilePath: temp.add(content, options.fileID), statusCode: 200 }
      })
      return hasCallbacks(options) ? task(promise, () => size) : promise
    },
    getTempFileURL(options: { fileList: Parameters<typeof storage.getTempFileURL>[0] } & Callbacks) {
      files.push({ api: 'cloud.getTempFileURL', fileList: options.fileList })
      return wxCall('cloud.getTempFileURL', options, () => storage.getTempFileURL(options.fileList))
    },
    deleteFile(options: { fileList: string[] } & Callbacks) {
      files.push({ api: 'cloud.deleteFile', fileList: options.fileList })
      return wxCall('cloud.deleteFile', options, () => storage.deleteFile(options.fileList))
    },
  }

  const pick = (api: 'chooseMessageFile' | 'chooseMedia', options: Record<string, unknown>) => {
    files.push({ api, options: { ...options } })
    const picked = queues[api].shift()
    if (!picked || picked.length === 0) throw { errMsg: `${api}:fail cancel` }
    const count = typeof options.count === 'number' ? options.count : picked.length
    return picked.slice(0, count).map((file) => ({ ...pickedContent(file), width: file.width ?? 100, height: file.height ?? 100 }))
  }

  const fileSystem = {
    readFile(options: { filePath: string; encoding?: Encoding } & Callbacks) {
      return wxCall('readFile', options, async () => ({ data: decodeAs(readTemp('readFile', options.filePath), options.encoding) }))
    },
    readFileSync(filePath: string, encoding?: Encoding) {
      if (!temp.has(filePath)) throw new Error(`readFileSync:fail no such file or directory, open ${filePath}`)
      return decodeAs(temp.read(filePath), encoding)
    },
    writeFile(options: { filePath: string; data: string | ArrayBuffer; encoding?: Encoding } & Callbacks) {
      return wxCall('writeFile', options, async () => (temp.write(options.filePath, encodeFrom(options.data, options.encoding)), {}))
    },
    writeFileSync(filePath: string, data: string | ArrayBuffer, encoding?: Encoding) {
      temp.write(filePath, encodeFrom(data, encoding))
    },
    getFileInfo(options: { filePath: string } & Callbacks) {
      return wxCall('getFileInfo', options, async () => ({ size: readTemp('getFileInfo', options.filePath).length }))
    },
    unlink(options: { filePath: string } & Callbacks) {
      return wxCall('unlink', options, async () => (readTemp('unlink', options.filePath), temp.remove(options.filePath), {}))
    },
    unlinkSync(filePath: string) {
      temp.remove(filePath)
    },
  }

  const fileApis = {
    env: { USER_DATA_PATH },
    getFileSystemManager: () => fileSystem,
    chooseMessageFile(options: { count?: number; type?: string; extension?: string[] } & Callbacks) {
      return wxCall('chooseMessageFile', options, async () => ({
        tempFiles: pick('chooseMessageFile', options).map(({ content, name }) => ({
          path: temp.add(content, name),
          size: content.length,
          name,
          type: 'file',
          time: Math.floor(Date.now() / 1000),
        })),
      }))
    },
    chooseMedia(options: { count?: number; mediaType?: string[]; sourceType?: string[]; sizeType?: string[] } & Callbacks) {
      return wxCall('chooseMedia', options, async () => ({
        tempFiles: pick('chooseMedia', options).map(({ content, name, width, height }) => ({
          tempFilePath: temp.add(content, name),
          size: content.length,
          width,
          height,
          duration: 0,
          thumbTempFilePath: '',
          fileType: 'image',
        })),
        type: 'image',
      }))
    },
    compressImage(options: { src: string; quality?: number } & Callbacks) {
      files.push({ api: 'compressImage', src: options.src, quality: options.quality })
      return wxCall('compressImage', options, async () => ({ tempFilePath: temp.add(readTemp('compressImage', options.src), options.src) }))
    },
    openDocument(options: { filePath: string; fileType?: string; showMenu?: boolean } & Callbacks) {
      files.push({ api: 'openDocument', filePath: options.filePath, fileType: options.fileType, showMenu: options.showMenu })
      return wxCall('openDocument', options, async () => (readTemp('openDocument', options.filePath), {}))
    },
    shareFileMessage(options: { filePath: string; fileName?: string } & Callbacks) {
      files.push({ api: 'shareFileMessage', filePath: options.filePath, fileName: options.fileName })
      return wxCall('shareFileMessage', options, async () => (readTemp('shareFileMessage', options.filePath), {}))
    },
    downloadFile(options: { url: string; filePath?: string } & Callbacks) {
      const record: FileActivity & { api: 'downloadFile' } = { api: 'downloadFile', url: options.url }
      files.push(record)
      return wxCall('downloadFile', options, async () => {
        const { status, body } = await httpGet(options.url)
        const tempFilePath = options.filePath ?? temp.add(body, new URL(options.url).pathname)
        if (options.filePath) temp.write(options.filePath, body)
        Object.assign(record, { statusCode: status, tempFilePath })
        // As in WeChat, an HTTP error status still succeeds; the page checks statusCode.
        return options.filePath ? { filePath: tempFilePath, statusCode: status } : { tempFilePath, statusCode: status }
      })
    },
  }
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  Object.assign(wx, fileApis)
  wx.cloud = cloud

  return {
    setOpenid: (next) => (currentOpenid = next),
    setBaseUrl: (next) => (url = next),
    calls,
    pending: () => inFlight,
    chooseFiles: (...picked) => void queues.chooseMessageFile.push(picked),
    chooseMedia: (...picked) => void queues.chooseMedia.push(picked),
    tempFile: (filePath) => temp.read(filePath),
    addTempFile: (content, name) => temp.add(content, name),
    files,
    failNext: (api, errMsg) => void failures.set(api, [...(failures.get(api) ?? []), errMsg]),
  }
}
