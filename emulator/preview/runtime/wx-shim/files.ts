// Files in and out of the page: WeChat's pickers as the browser's file chooser, compressImage as a canvas
// re-encode, openDocument and shareFileMessage as browser downloads, downloadFile as a fetch, and the
// file system manager over the preview's local files (../temp-files).
import { assetUrl, onThisOrigin } from '../assets'
import { h } from '../dom'
import { addTempFile, localFileUrl, readLocalFile, removeLocalFile, USER_DATA_PATH, writeLocalFile } from '../temp-files'
import { chooseFiles, downloadBytes } from '../ui/file-chooser'
import { asyncApi } from './async-api'
import type { ShimContext } from './context'
import { decodeBytes, encodeText, type FileEncoding } from './encoding'

/** What wx.openDocument opens; anything else (csv, txt) fails there as on a phone. */
const DOCUMENT_TYPES = new Set(['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'])

const extensionOf = (path: string) => /\.([A-Za-z0-9]{1,8})$/.exec(path)?.[1]?.toLowerCase()

/** Reads picked files into local files. */
async function keep(files: File[]): Promise<{ path: string; file: File }[]> {
  return Promise.all(files.map(async (file) => ({ path: addTempFile(new Uint8Array(await file.arrayBuffer()), file.name, file.type), file })))
}

async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  try {
    const bitmap = await createImageBitmap(blob)
    const size = { width: bitmap.width, height: bitmap.height }
    bitmap.close()
    return size
  } catch {
    return { width: 0, height: 0 }
  }
}

/** JPEG at `quality` (0–100), scaled to fit the compressed size if given; undefined when the image cannot be drawn. */
async function reencode(bytes: Uint8Array, quality: number, width?: number, height?: number): Promise<Uint8Array | undefined> {
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as BlobPart]))
    const scale = width ? width / bitmap.width : height ? height / bitmap.height : 1
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(bitmap.width * scale))
    canvas.height = Math.max(1, Math.round(bitmap.height * scale))
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    bitmap.close()
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', Math.min(100, Math.max(1, quality)) / 100))
    return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined
  } catch {
    return undefined
  }
}

/** Downloads a local file in the browser, under `fileName`. */
function download(api: string, filePath: string, fileName: string): void {
  readLocalFile(api, filePath)
  downloadBytes(localFileUrl(filePath)!, fileName)
}

function showImage(layer: HTMLElement, src: string): void {
  const mask = h('div', { class: 'pv-image-preview', role: 'dialog', 'aria-label': '图片预览', onclick: () => mask.remove() }, h('img', { src: assetUrl(src), alt: '' }))
  layer.append(mask)
}

export function createFiles(ctx: ShimContext) {
  const fileSystem = {
    readFile: asyncApi('readFile', ({ filePath, encoding }: { filePath: string; encoding?: FileEncoding }) => ({
      data: decodeBytes(readLocalFile('readFile', filePath), encoding),
    })),
    readFileSync: (filePath: string, encoding?: FileEncoding) => decodeBytes(readLocalFile('readFileSync', filePath), encoding),
    writeFile: asyncApi('writeFile', ({ filePath, data, encoding }: { filePath: string; data: string | ArrayBuffer; encoding?: FileEncoding }) => {
      writeLocalFile(filePath, encodeText(data, encoding))
      return {}
    }),
    writeFileSync: (filePath: string, data: string | ArrayBuffer, encoding?: FileEncoding) => writeLocalFile(filePath, encodeText(data, encoding)),
    getFileInfo: asyncApi('getFileInfo', ({ filePath }: { filePath: string }) => ({ size: readLocalFile('getFileInfo', filePath).length })),
    unlink: asyncApi('unlink', ({ filePath }: { filePath: string }) => (removeLocalFile('unlink', filePath), {})),
    unlinkSync: (filePath: string) => removeLocalFile('unlinkSync', filePath),
  }

  return {
    env: { USER_DATA_PATH },
    getFileSystemManager: () => fileSystem,

    chooseMessageFile: asyncApi('chooseMessageFile', async (options: { count?: number; type?: 'all' | 'video' | 'image' | 'file'; extension?: string[] }) => {
      const accept =
        options.type === 'image' ? 'image/*' : options.type === 'video' ? 'video/*' : options.extension?.length ? options.extension.map((e) => `.${e.replace(/^\./, '')}`).join(',') : undefined
      const count = options.count ?? 1
      const picked = await chooseFiles(ctx.layer, { accept, multiple: count > 1 })
      if (!picked) throw new Error('chooseMessageFile:fail cancel')
      const kept = await keep(picked.slice(0, count))
      return {
        tempFiles: kept.map(({ path, file }) => ({
          path,
          size: file.size,
          name: file.name,
          type: file.type.startsWith('image/') ? 'image' : file.type.startsWith('video/') ? 'video' : 'file',
          time: Math.floor(file.lastModified / 1000),
        })),
      }
    }),

    chooseMedia: asyncApi('chooseMedia', async (options: { count?: number; mediaType?: string[]; sourceType?: string[]; sizeType?: string[] }) => {
      const count = options.count ?? 9
      const cameraOnly = options.sourceType?.length === 1 && options.sourceType[0] === 'camera'
      const picked = await chooseFiles(ctx.layer, { accept: 'image/*', multiple: count > 1, capture: cameraOnly ? 'environment' : undefined })
      if (!picked) throw new Error('chooseMedia:fail cancel')
      const kept = await keep(picked.slice(0, count))
      const tempFiles = await Promise.all(
        kept.map(async ({ path, file }) => ({ tempFilePath: path, size: file.size, ...(await imageSize(file)), duration: 0, thumbTempFilePath: '', fileType: 'image' })),
      )
      return { tempFiles, type: 'image' }
    }),

    compressImage: asyncApi('compressImage', async (options: { src: string; quality?: number; compressedWidth?: number; compressedHeight?: number }) => {
      const bytes = readLocalFile('compressImage', options.src)
      const compressed = await reencode(bytes, options.quality ?? 80, options.compressedWidth, options.compressedHeight)
      // An image the browser cannot draw passes through unchanged.
      return { tempFilePath: compressed ? addTempFile(compressed, 'compressed.jpg', 'image/jpeg') : addTempFile(bytes, options.src) }
    }),

    openDocument: asyncApi('openDocument', (options: { filePath: string; fileType?: string; showMenu?: boolean }) => {
      const fileType = (options.fileType ?? extensionOf(options.filePath) ?? '').toLowerCase()
      if (!DOCUMENT_TYPES.has(fileType)) throw new Error(`openDocument:fail filetype not supported: ${fileType || 'unknown'}`)
      download('openDocument', options.filePath, `document.${fileType}`)
      return {}
    }),

    shareFileMessage: asyncApi('shareFileMessage', (options: { filePath: string; fileName?: string }) => {
      download('shareFileMessage', options.filePath, options.fileName ?? options.filePath.split('/').pop()!)
      console.info(`[preview] wx.shareFileMessage: ${options.fileName ?? options.filePath} downloaded instead of sent to a chat`)
      return {}
    }),

    downloadFile: asyncApi('downloadFile', async (options: { url: string; header?: Record<string, string>; filePath?: string }) => {
      const response = await fetch(onThisOrigin(options.url), { headers: options.header })
      const bytes = new Uint8Array(await response.arrayBuffer())
      if (options.filePath) {
        writeLocalFile(options.filePath, bytes)
        return { filePath: options.filePath, statusCode: response.status }
      }
      // As in WeChat, an HTTP error status still succeeds; the page checks statusCode.
      return { tempFilePath: addTempFile(bytes, new URL(options.url, location.href).pathname, response.headers.get('content-type') ?? ''), statusCode: response.status }
    }),

    previewImage: asyncApi('previewImage', (options: { urls: string[]; current?: string }) => {
      showImage(ctx.layer, options.current ?? options.urls[0])
      return {}
    }),
  }
}
