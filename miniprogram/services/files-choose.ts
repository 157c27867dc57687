// The reader picking a file: a spreadsheet sent to a chat (import) or a photo (cover). Each resolves
// with null when the reader backs out, so pages need no error path for a cancel.

export interface ChosenFile {
  /** A local temp path the upload and download APIs take. */
  path: string
  name: string
  size: number
}

/** The files importBooks reads. */
export const IMPORT_EXTENSIONS = ['csv', 'txt', 'xlsx']

/** One file from a chat (wx.chooseMessageFile, type 'file'). */
export function chooseChatFile(extension: string[]): Promise<ChosenFile | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension,
      success: (res) => {
        const file = res.tempFiles[0]
        resolve(file ? { path: file.path, name: file.name, size: file.size } : null)
      },
      fail: () => resolve(null),
    })
  })
}

export type PhotoSource = 'camera' | 'album'

/** Above this a photo is recompressed before upload (a cover is shown at most 240 × 336 rpx). */
const COMPRESS_ABOVE_BYTES = 300 * 1024

/** One compressed photo (wx.chooseMedia), recompressed when still large. */
export async function choosePhoto(source: PhotoSource): Promise<{ path: string; size: number } | null> {
  const photo = await new Promise<{ path: string; size: number } | null>((resolve) => {
    wx.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: [source],
      success: (res) => {
        const file = res.tempFiles[0]
        resolve(file ? { path: file.tempFilePath, size: file.size } : null)
      },
      fail: () => resolve(null),
    })
  })
  if (!photo || photo.size <= COMPRESS_ABOVE_BYTES) return photo
  return new Promise((resolve) => {
    wx.compressImage({
      src: photo.path,
      quality: 80,
      success: (res) => resolve({ path: res.tempFilePath, size: photo.size }),
      // Compression is an optimisation: the original still uploads.
      fail: () => resolve(photo),
    })
  })
}

/** The lower-case extension of a file name or path ('' when it has none). */
export function extensionOf(nameOrPath: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(nameOrPath)
  return match ? match[1].toLowerCase() : ''
}
