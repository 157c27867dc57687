// Photographed covers (storage/paths.ts names the files): a fresh upload path per new photo, setting
// or removing a book's cover (the replaced file is deleted), and temporary URLs for the covers a friend
// may see. A book stores the file id, never a temporary URL.
import { command, updateWhere } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { invalidArgument, notFound } from '../errors'
import { deleteFiles, downloadFile, tempFileUrls } from '../storage/client'
import { cloudPathOf } from '../storage/fileIds'
import { coverPathBook, newCoverPath, type CoverExtension } from '../storage/paths'
import { findOwnBook } from './books'

/** How long a friend's cover URL stays valid: long enough for a page that stays open a while. */
export const SHARED_COVER_MAX_AGE_SECONDS = 3600
/** The largest cover photo kept: wx.chooseMedia's compressed photos are far smaller. */
export const MAX_COVER_BYTES = 5 * 1024 * 1024

/** The first bytes of each image type a cover may be. Any of them is accepted whatever the path's
 * extension says, which the client guesses from a temp file's name. */
const IMAGE_SIGNATURES: Record<CoverExtension, (bytes: Buffer) => boolean> = {
  jpg: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  png: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  webp: (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
}

const noSuchBook = () => notFound('no such book on your shelf')

/** Where the client is to upload a new cover of one of the caller's books. */
export async function coverUploadPath(openid: string, bookId: string, extension: CoverExtension): Promise<string> {
  if (!(await findOwnBook(openid, bookId))) throw noSuchBook()
  return newCoverPath(openid, bookId, extension)
}

/** Refuses any file id but one from coverUploadPath for this reader's book, in this environment's
 * bucket, holding a JPEG, PNG or WebP image within MAX_COVER_BYTES; a file that is not one is deleted
 * (the reader's own upload, to a path only this book uses). */
async function assertUploadedCover(openid: string, bookId: string, fileID: string): Promise<void> {
  const cloudPath = await cloudPathOf(fileID)
  if (cloudPath === null || coverPathBook(cloudPath, openid) !== bookId) {
    throw invalidArgument('fileID: not a cover path handed out for this book by prepareCoverUpload')
  }
  const content = await downloadFile(fileID)
  if (content === null) throw invalidArgument('fileID: no file has been uploaded there')
  const isImage = Object.values(IMAGE_SIGNATURES).some((matches) => matches(content))
  const problem = content.length > MAX_COVER_BYTES ? `over ${MAX_COVER_BYTES} bytes` : isImage ? null : 'not a JPEG, PNG or WebP image'
  if (problem) {
    await discardCoverFiles([fileID])
    throw invalidArgument(`fileID: the uploaded cover is ${problem}`)
  }
}

/** Deletes cover files that are no longer used. A failure leaves an orphan file, which is logged rather
 * than failing the reader's action. */
export async function discardCoverFiles(fileIDs: readonly string[]): Promise<void> {
  if (fileIDs.length === 0) return
  await deleteFiles(fileIDs).catch((error: unknown) => console.warn(`[covers] could not delete ${fileIDs.length} old cover file(s)`, error))
}

/** Sets (a file id) or removes (null) the cover of the caller's book and deletes the file it replaces.
 * The update is conditional on the cover it read, so concurrent calls never orphan a file unnoticed. */
export async function setOwnCover(openid: string, bookId: string, fileID: string | null, now: Date): Promise<BookDocument> {
  if (fileID !== null) await assertUploadedCover(openid, bookId, fileID)
  const _ = command()
  for (let attempt = 0; attempt < 3; attempt++) {
    const book = await findOwnBook(openid, bookId)
    if (!book) throw noSuchBook()
    const previous = book.coverFileId
    if (previous === (fileID ?? undefined)) return book
    const updated = await updateWhere(
      COLLECTIONS.books,
      { _id: bookId, _openid: openid, coverFileId: previous ?? _.exists(false) },
      { coverFileId: fileID ?? _.remove(), updatedAt: now },
    )
    if (updated === 0) continue // another call changed the cover (or removed the book) meanwhile: look again
    if (previous) await discardCoverFiles([previous])
    const next: BookDocument = { ...book, updatedAt: now }
    if (fileID === null) delete next.coverFileId
    else next.coverFileId = fileID
    return next
  }
  throw new Error(`the cover of ${bookId} kept changing under concurrent calls`)
}

/** Temporary URLs for the given cover file ids (those that exist), one batched call per 50. */
export async function sharedCoverUrls(fileIDs: readonly string[]): Promise<ReadonlyMap<string, string>> {
  if (fileIDs.length === 0) return new Map()
  const links = await tempFileUrls(fileIDs, SHARED_COVER_MAX_AGE_SECONDS)
  return new Map([...links].map(([fileID, link]) => [fileID, link.url]))
}
