// Exporting the whole shelf: every book, as its owner sees it, written by transfer/ (loaded here, lazily,
// so only exports pay for the spreadsheet library) as CSV and .xlsx into the reader's exports folder,
// each export overwriting the last. The client cannot read a file the function uploaded (the storage
// permission is per uploader), so each file is answered with a temporary URL to download it from.
import type { ExportFile } from '../../../../typings/api'
import { command, find } from '../db/client'
import { COLLECTIONS, type BookDocument } from '../db/documents'
import { tempFileUrls } from '../storage/client'
import { uploadTo } from '../storage/fileIds'
import { exportPath, type ExportExtension } from '../storage/paths'
import { todayOf } from './days'
import { ownBook } from './policy'

/** Documents per query: the most the server SDK reads at once. */
const PAGE = 1000
/** How long the download links stay valid: the page downloads at once. */
export const EXPORT_URL_MAX_AGE_SECONDS = 600

/** Every book of the reader, newest first, one indexed range query (owner_added) per thousand. */
async function allOwnBooks(openid: string): Promise<BookDocument[]> {
  const _ = command()
  const books: BookDocument[] = []
  for (;;) {
    const last = books[books.length - 1]
    const filter = last ? { _openid: openid, addedKey: _.lt(last.addedKey) } : { _openid: openid }
    const page = await find<BookDocument>(COLLECTIONS.books, filter, { orderBy: [['addedKey', 'desc']], limit: PAGE })
    books.push(...page)
    if (page.length < PAGE) return books
  }
}

export async function exportShelf(openid: string, now: Date): Promise<{ count: number; csv: ExportFile; xlsx: ExportFile }> {
  const books = (await allOwnBooks(openid)).map(ownBook)
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
