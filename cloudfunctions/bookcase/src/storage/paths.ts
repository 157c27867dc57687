// Every cloud-storage path the function hands out or reads, named in one place. Each reader's files live
// under their own folder, `readers/<folder>/`, whose name is derived from the OpenID with a keyed hash
// (never the raw OpenID: a friend sees the folder inside a cover's temporary URL).
//   readers/<folder>/imports/<jobId>.<csv|txt|xlsx>   the file an import job reads
//   readers/<folder>/covers/<bookId>-<random>.<ext>   a photographed cover
//   readers/<folder>/exports/bookcase.<csv|xlsx>      the latest export (each export overwrites it)
import { createHmac, randomBytes } from 'crypto'

export type ImportExtension = 'csv' | 'txt' | 'xlsx'
export type CoverExtension = 'jpg' | 'png' | 'webp'
export type ExportExtension = 'csv' | 'xlsx'

/** The per-environment key of the folder hash: READER_FOLDER_SALT (cloudbaserc.json; set a random value
 * before the first deploy and never change it), else the environment id. Read per call so a test or an
 * instance's environment decides. */
function folderKey(env: NodeJS.ProcessEnv = process.env): string {
  return env.READER_FOLDER_SALT || env.TCB_ENV || env.SCF_NAMESPACE || 'bookcase'
}

/** The reader's folder name: 132 bits of HMAC-SHA256, URL- and cloud-path-safe. */
export function readerFolder(openid: string): string {
  return 'r' + createHmac('sha256', folderKey()).update(`bookcase/folder/v1\n${openid}`).digest('base64url').slice(0, 22)
}

const readerRoot = (openid: string) => `readers/${readerFolder(openid)}`

export const importPath = (openid: string, jobId: string, extension: ImportExtension) => `${readerRoot(openid)}/imports/${jobId}.${extension}`

export const exportPath = (openid: string, extension: ExportExtension) => `${readerRoot(openid)}/exports/bookcase.${extension}`

/** A fresh path for a new cover of one book: random, so a replaced cover never shares a URL (or a CDN
 * cache entry) with the new one. */
export const newCoverPath = (openid: string, bookId: string, extension: CoverExtension) =>
  `${readerRoot(openid)}/covers/${bookId}-${randomBytes(12).toString('base64url')}.${extension}`

const COVER_FILE = /^([A-Za-z0-9_-]{1,64})-[A-Za-z0-9_-]{16}\.(jpg|png|webp)$/

/** The book a path from newCoverPath belongs to, when it lies in this reader's covers folder; else null. */
export function coverPathBook(cloudPath: string, openid: string): string | null {
  const folder = `${readerRoot(openid)}/covers/`
  if (!cloudPath.startsWith(folder)) return null
  return COVER_FILE.exec(cloudPath.slice(folder.length))?.[1] ?? null
}
