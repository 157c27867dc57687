// wx.cloud's storage calls against the emulator's client storage (wire: ./protocol), as the current
// reader. Used by the preview's wx shim (bundled for the browser: nothing from Node here) and by the
// page-test bridge; each wraps the answers in WeChat's calling convention and temp file paths itself.
import { IDENTITY_HEADERS } from '../gateway/protocol'
import {
  DELETE_PATH,
  fileTarget,
  isStorageFail,
  STORAGE_ERRORS,
  storageFail,
  TEMP_URL_PATH,
  uploadTarget,
  type DeleteOk,
  type DeleteRequest,
  type StorageApi,
  type TempUrlOk,
  type TempUrlRequest,
  type UploadOk,
} from './protocol'

export interface StorageHttpRequest {
  method: 'GET' | 'POST'
  /** Path and query on the emulator. */
  path: string
  headers: Record<string, string>
  body?: Uint8Array | string
}

/** An answer: its status, its raw body, and that body as UTF-8 text (each environment decodes its own way). */
export interface StorageHttpAnswer {
  status: number
  body: Uint8Array
  text(): string
}

/** Sends one request to the emulator and answers it. Rejects only when nothing answered. */
export type StorageTransport = (request: StorageHttpRequest) => Promise<StorageHttpAnswer>

/** A failed call, with WeChat's fields: errCode and `errMsg: "<api>:fail …"`. */
export class ClientStorageError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg)
  }
}

export interface ClientStorage {
  uploadFile(cloudPath: string, content: Uint8Array): Promise<Omit<UploadOk, 'errMsg'>>
  getTempFileURL(fileList: TempUrlRequest['fileList']): Promise<Omit<TempUrlOk, 'errMsg'>>
  deleteFile(fileList: DeleteRequest['fileList']): Promise<Omit<DeleteOk, 'errMsg'>>
  /** The file's bytes. */
  downloadFile(fileID: string): Promise<Uint8Array>
}

export function createClientStorage(transport: StorageTransport, openid: () => string | undefined): ClientStorage {
  const headers = (contentType: string): Record<string, string> => {
    const who = openid()
    return { 'content-type': contentType, ...(who === undefined ? {} : { [IDENTITY_HEADERS.openid]: who }) }
  }

  async function send(api: StorageApi, request: StorageHttpRequest): Promise<StorageHttpAnswer> {
    try {
      return await transport(request)
    } catch (error) {
      throw new ClientStorageError(-1, `${api}:fail ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  /** The JSON answer of a call; a refusal (any status) rejects with its errCode and errMsg. */
  async function call<T>(api: StorageApi, request: StorageHttpRequest): Promise<T> {
    return answerOf<T>(api, await send(api, request))
  }

  function answerOf<T>(api: StorageApi, answer: StorageHttpAnswer): T {
    const { status } = answer
    let parsed: unknown
    try {
      parsed = JSON.parse(answer.text())
    } catch {
      parsed = undefined
    }
    if (isStorageFail(parsed)) throw new ClientStorageError(parsed.errCode, parsed.errMsg)
    if (status !== 200 || !parsed || typeof parsed !== 'object') {
      const reason = parsed && typeof (parsed as { error?: unknown }).error === 'string' ? (parsed as { error: string }).error : `HTTP ${status}`
      throw new ClientStorageError(-1, `${api}:fail ${reason}`)
    }
    const { errMsg: _ok, ...rest } = parsed as { errMsg?: string }
    return rest as T
  }

  /** A target built from the caller's text; text no URL can carry (a lone surrogate) fails as the server would refuse it. */
  const target = (api: StorageApi, build: () => string): string => {
    try {
      return build()
    } catch {
      const { errCode, errMsg } = storageFail(api, STORAGE_ERRORS.INVALID_PARAM, 'not well-formed Unicode')
      throw new ClientStorageError(errCode, errMsg)
    }
  }

  const json = <T>(api: StorageApi, path: string, value: unknown) =>
    call<T>(api, { method: 'POST', path, headers: headers('application/json'), body: JSON.stringify(value) })

  return {
    uploadFile: async (cloudPath, content) =>
      call('cloud.uploadFile', {
        method: 'POST',
        path: target('cloud.uploadFile', () => uploadTarget(cloudPath)),
        headers: headers('application/octet-stream'),
        body: content,
      }),
    getTempFileURL: (fileList) => json<Omit<TempUrlOk, 'errMsg'>>('cloud.getTempFileURL', TEMP_URL_PATH, { fileList }),
    deleteFile: (fileList) => json<Omit<DeleteOk, 'errMsg'>>('cloud.deleteFile', DELETE_PATH, { fileList }),
    async downloadFile(fileID) {
      const api = 'cloud.downloadFile'
      const answer = await send(api, { method: 'GET', path: target(api, () => fileTarget(fileID)), headers: headers('application/octet-stream') })
      if (answer.status === 200) return answer.body
      answerOf(api, answer) // a refusal: the same JSON failure the other calls answer, thrown
      throw new ClientStorageError(-1, `${api}:fail HTTP ${answer.status}`)
    },
  }
}
