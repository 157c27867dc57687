// Exporting the whole shelf: every book, as its owner sees it, written by transfer/ (loaded here, lazily,
// so only exports pay for the spreadsheet library) as CSV and .xlsx into the reader's exports folder,
// each export overwriting the last. The client cannot read a file the function uploaded (the storage
// permission is per uploader), so each file is answered with a temporary URL to download it from.
import type { ExportFile } from '../../../../typings/api'
import { BOOK_METADATA_FIELDS, READER_FIELDS, type BookDocument } from '../db/documents'
import { tempFileUrls } from '../storage/client'
import { uploadTo } from '../storage/fileIds'
import { exportPath, type ExportExtension } from '../storage/paths'
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
  const [csv, xlsx] = await Promise.all([
    store(openid, 'csv', writeCsv(books), name),
    writeXlsx(books).then((content) => store(openid, 'xlsx', content, name)),
  ])
  return { count: books.length, csv, xlsx }
}

async function store(openid: string, extension: ExportExtension, content: Buffer, name: string): Promise<ExportFile> {
  const fileID = await uploadTo(exportPath(openid, extension), content)
  const link = (await tempFileUrls([fileID], EXPORT_URL_MAX_AGE_SECONDS)).get(fileID)
  if (!link) throw new Error(`the export just uploaded to ${fileID} has no temporary URL`)
  return { fileID, fileName: `${name}.${extension}`, tempFileURL: link.url, maxAge: link.maxAge, size: content.length }
}
