// A photographed cover for one of the reader's books: the function names where it goes
// (prepareCoverUpload, inside the reader's own folder), the page uploads there, and setCover checks
// the file and stores its id (deleting the previous photo). Temporary URLs are never stored.
import type { Book } from '../../typings/api'
import { call } from './api'
import { extensionOf } from './files-choose'
import { uploadToCloud } from './upload'

type CoverExtension = 'jpg' | 'png' | 'webp'

/** The extension prepareCoverUpload takes for a photo's temp path; anything else is sent as jpg (what
 * the camera and compressImage produce). */
function coverExtension(path: string): CoverExtension {
  const extension = extensionOf(path)
  return extension === 'png' || extension === 'webp' ? extension : 'jpg'
}

/** Uploads the photo at `photoPath` as the book's cover; resolves with the updated book. */
export async function uploadCover(bookId: string, photoPath: string): Promise<Book> {
  const { cloudPath } = await call('prepareCoverUpload', { id: bookId, extension: coverExtension(photoPath) })
  const fileID = await uploadToCloud(cloudPath, photoPath)
  return call('setCover', { id: bookId, fileID })
}

/** Removes the book's photographed cover (the function deletes the file). */
export function removeCover(bookId: string): Promise<Book> {
  return call('setCover', { id: bookId, fileID: null })
}
