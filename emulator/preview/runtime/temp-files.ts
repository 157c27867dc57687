// The preview's local files: what wx.chooseMessageFile, chooseMedia, compressImage, downloadFile and
// the file system manager hand pages, under WeChat-like paths (`http://tmp/…`; writeFile's
// `wx.env.USER_DATA_PATH` is `http://usr`), held as bytes in memory so synchronous reads work too. An
// <image> or a download uses the file through a blob: URL made on demand.

export const USER_DATA_PATH = 'http://usr'

interface TempFile {
  bytes: Uint8Array
  type: string
  objectUrl?: string
}

const files = new Map<string, TempFile>()
let counter = 0

export const isLocalPath = (path: string): boolean => path.startsWith('http://tmp/') || path.startsWith(`${USER_DATA_PATH}/`)

/** Keeps `bytes` under a new temp path that ends in the name's extension, as WeChat's do. */
export function addTempFile(bytes: Uint8Array, name = '', type = ''): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase()
  const path = `http://tmp/${++counter}-${Math.random().toString(36).slice(2, 10)}${extension ? `.${extension}` : ''}`
  files.set(path, { bytes, type })
  return path
}

/** Writes `bytes` at a path of the page's choosing (file system manager writes). */
export function writeLocalFile(path: string, bytes: Uint8Array): void {
  const old = files.get(path)
  if (old?.objectUrl) URL.revokeObjectURL(old.objectUrl)
  files.set(path, { bytes, type: '' })
}

/** The file at a local path; throws WeChat's "no such file" when there is none. */
function existingFile(api: string, path: string): TempFile {
  const file = files.get(path)
  if (!file) throw new Error(`${api}:fail no such file or directory ${path}`)
  return file
}

/** The bytes at a local path; throws WeChat's "no such file" when there are none. */
export function readLocalFile(api: string, path: string): Uint8Array {
  return existingFile(api, path).bytes
}

export function removeLocalFile(api: string, path: string): void {
  const file = existingFile(api, path)
  if (file.objectUrl) URL.revokeObjectURL(file.objectUrl)
  files.delete(path)
}

/** A blob: URL for a local file (made once per file), or undefined when there is no such file. */
export function localFileUrl(path: string): string | undefined {
  const file = files.get(path)
  if (!file) return undefined
  file.objectUrl ??= URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }))
  return file.objectUrl
}
