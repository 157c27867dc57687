// wx.cloud: callFunction goes to the emulator's client gateway as the current identity, and resolves or
// rejects with exactly what the gateway answers (the shapes wx.cloud.callFunction has in WeChat). The
// storage calls go to its client storage (emulator/client-storage/) with local temp files (../temp-files).
import { createClientDatabase, type ClientDbTransport } from '../../../client-db/client'
import { ClientStorageError, createClientStorage, type StorageTransport } from '../../../client-storage/client'
import type { TempUrlRequest } from '../../../client-storage/protocol'
import { buildCallRequest, CALL_FUNCTION_PATH, classifyReply, unreachable } from '../../../gateway/protocol'
import { addTempFile, readLocalFile } from '../temp-files'
import { asyncApi, loud, taskApi, WxError } from './async-api'
import type { ShimContext } from './context'

/** The client database's requests go to the emulator that served the page. */
const fetchTransport: ClientDbTransport = async (path, headers, body) => {
  const response = await fetch(path, { method: 'POST', headers, body })
  return { status: response.status, text: await response.text() }
}

const storageTransport: StorageTransport = async ({ method, path, headers, body }) => {
  const response = await fetch(path, { method, headers, body: body as BodyInit | undefined })
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { status: response.status, body: bytes, text: () => new TextDecoder().decode(bytes) }
}

/** A storage failure as WeChat reports it: errCode and errMsg. */
const storageCall = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ClientStorageError) throw new WxError({ errCode: error.errCode, errMsg: error.errMsg })
    throw error
  }
}

export function createCloud(ctx: ShimContext) {
  let env = ''
  // wx.cloud.database(): emulator/client-db/, as the current reader.
  const database = createClientDatabase(fetchTransport, () => ctx.openid())
  const storage = createClientStorage(storageTransport, () => ctx.openid())
  const cloud = {
    database: () => database,
    init(options: { env?: string | { functions?: string }; traceUser?: boolean } = {}) {
      env = typeof options.env === 'string' ? options.env : (options.env?.functions ?? '')
      console.info(`[preview] wx.cloud.init: using the local emulator${env ? ` (env "${env}" ignored)` : ''}`)
    },
    callFunction: asyncApi('cloud.callFunction', async (options: { name: string; data?: unknown; config?: unknown }) => {
      const { headers, body } = buildCallRequest(options.name, options.data, { openid: ctx.openid() })
      let response: Response
      try {
        response = await fetch(CALL_FUNCTION_PATH, { method: 'POST', headers, body })
      } catch (error) {
        throw new WxError(unreachable(error))
      }
      const outcome = classifyReply(response.status, await response.json().catch(() => undefined))
      if (!outcome.ok) throw new WxError({ errCode: outcome.errCode, errMsg: outcome.errMsg })
      return { result: outcome.result, requestID: outcome.requestID }
    }),
    // fetch reports no upload progress: the task hears 100% once the file is stored.
    uploadFile: taskApi('cloud.uploadFile', async (options: { cloudPath: string; filePath: string; config?: unknown }, report) => {
      const bytes = readLocalFile('cloud.uploadFile', options.filePath)
      const result = await storageCall(() => storage.uploadFile(options.cloudPath, bytes))
      report({ progress: 100, totalBytesSent: bytes.length, totalBytesExpectedToSend: bytes.length })
      return result
    }),
    downloadFile: taskApi('cloud.downloadFile', async (options: { fileID: string; config?: unknown }, report) => {
      const bytes = await storageCall(() => storage.downloadFile(options.fileID))
      report({ progress: 100, totalBytesWritten: bytes.length, totalBytesExpectedToWrite: bytes.length })
      return { tempFilePath: addTempFile(bytes, options.fileID), statusCode: 200 }
    }),
    getTempFileURL: asyncApi('cloud.getTempFileURL', (options: { fileList: TempUrlRequest['fileList'] }) =>
      storageCall(() => storage.getTempFileURL(options.fileList)),
    ),
    deleteFile: asyncApi('cloud.deleteFile', (options: { fileList: string[] }) => storageCall(() => storage.deleteFile(options.fileList))),
  }
  return loud(cloud, 'wx.cloud')
}
