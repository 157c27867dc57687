// Exporting the whole shelf: every book, as its owner sees it, written by transfer/ (loaded here, lazily,
// so only exports pay for the spreadsheet library) as CSV and .xlsx into the reader's exports folder,
// each export overwriting the last. The client cannot read a file the function uploaded (the storage
// permission is per uploader), so each file is answered with a temporary URL to download it from.
import type { ExportFile } from '../../../../typings/api'
import { BOOK_METADATA_FIELDS, READER_FIELDS, type BookDocument } from '../db/documents'
import { tempFileUrls } from '../storage/client'
import { uploadTo } from '../storage/fileIds'
import { exportPath } from '../storage/paths'
import { todayOf } from './days'
import { ownBook } from './policy'
import { allOwnBooks } from './shelfScan'

/** How long the download links stay valid: the page downloads at once. */
export const EXPORT_URL_MAX_AGE_SECONDS = 600

/** What the owner's view of a book is built from (domain/policy.ts ownBook); not the derived keys. */
const VIEW_FIELDS = [...BOOK_METADATA_FIELDS, ...READER_FIELDS, 'source', 'createdAt', 'updatedAt', 'loan', 'loans', 'coverFileId'] as const

export async function exportShelf(openid: string, now: Date): Promise<{ count: number; csv: ExportFile; xlsx: ExportFile }> {
  const books = (await allOwnBooks(openid, VIEW_FIELDS)).map((doc) => ownBook(doc as BookDocument))
  const { writeCsv, writeXlsx } = await import('../transfer/exportFile')
  const name = `我的书架-${todayOf(now)}`
  const files = [
    { extension: 'csv', content: writeCsv(books) },
    { extension: 'xlsx', content: await writeXlsx(books) },
  ] as const
  const fileIDs = await Promise.all(files.map((file) => uploadTo(exportPath(openid, file.extension), file.content)))
  // Both links in one call: one round trip fewer.
  const links = await tempFileUrls(fileIDs, EXPORT_URL_MAX_AGE_SECONDS)
  const [csv, xlsx] = files.map((file, i): ExportFile => {
    const link = links.get(fileIDs[i])
    if (!link) throw new Error(`the export just uploaded to ${fileIDs[i]} has no temporary URL`)
    return { fileID: fileIDs[i], fileName: `${name}.${file.extension}`, tempFileURL: link.url, maxAge: link.maxAge, size: file.content.length }
  })
  return { count: books.length, csv, xlsx }
}
