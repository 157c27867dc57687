// Cloud storage: files under <data>/storage/files/<cloudPath>, addressed by `cloud://` file ids, and
// short-lived signed URLs (upload and download) served by the emulator itself. Each file's uploader
// (the openid of a client upload; none for a function's) is kept beside them in <data>/storage/owners.json,
// which storage permissions read as `resource.openid` (emulator/README.md, "Storage").
import { createHmac, randomBytes, timingSafeEqual } from 'crypto'
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'fs'
import path from 'path'
import { makeDirectoryDurably, TEMP_SUFFIX, writeFileDurably } from '../durable-file'
import { invalidParam, StartupError } from '../errors'
import { canonicalUrlPath } from './url-path'

/** Reads the owners file: cloud path → openid. A missing file is no owners; a damaged one stops the start. */
function readOwners(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map()
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object')
    const entries = Object.entries(raw as Record<string, unknown>)
    if (entries.some(([, owner]) => typeof owner !== 'string')) throw new Error('an owner is not a string')
    return new Map(entries as [string, string][])
  } catch (error) {
    throw new StartupError(`${file}: unreadable file owners (${(error as Error).message}); move it aside to start with every file ownerless`)
  }
}

export class Bucket {
  readonly root: string
  /** Signs URLs; a restart invalidates outstanding temp URLs, as an expiry would. */
  private readonly secret = randomBytes(32)
  private readonly ownersFile: string
  /** Cloud path → the openid that uploaded it from a client; absent for a function's upload. */
  private readonly owners: Map<string, string>

  constructor(
    dataDir: string,
    private readonly envId: string,
  ) {
    this.root = path.join(dataDir, 'storage', 'files')
    this.ownersFile = path.join(dataDir, 'storage', 'owners.json')
    this.owners = readOwners(this.ownersFile)
  }

  /** The bucket part of a file id looks like the platform's `<hex>-<env>-<appid>`; its exact shape does not matter to the SDK. */
  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${Buffer.from(this.envId.slice(0, 2)).toString('hex')}-${this.envId}-1300000000/${cloudPath}`
  }

  /** The cloud path inside a file id, validated. */
  pathOfFileId(fileId: string): string {
    const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
    if (!match) throw invalidParam(`not a cloud file id: ${fileId}`)
    return this.checkPath(match[1])
  }

  /**
   * Refuses paths that would leave the bucket folder, and characters that don't survive a raw temp URL
   * (emulator/README.md, "Storage"): % ? # \, control characters (URL parsers drop tabs and
   * newlines) and lone surrogates, which no URL can encode.
   */
  checkPath(cloudPath: string): string {
    const normalized = path.posix.normalize(cloudPath)
    const outside = normalized.startsWith('..') || path.posix.isAbsolute(normalized)
    if (!cloudPath || cloudPath.length > 1024 || outside || /[%?#\\]|\p{Cc}|\p{Cs}/u.test(cloudPath)) {
      throw invalidParam(`invalid cloud path: ${cloudPath}`)
    }
    return normalized
  }

  private fileOf(cloudPath: string): string {
    return path.join(this.root, this.checkPath(cloudPath))
  }

  exists(cloudPath: string): boolean {
    const file = this.fileOf(cloudPath)
    return existsSync(file) && statSync(file).isFile()
  }

  /**
   * Writes a file crash-safely (durable-file.ts): a reader sees the old content or the new, never part of
   * it. `owner` is the uploading client's openid; a function's upload (none) leaves the file ownerless.
   * The file is written before its owner, so a crash in between leaves it ownerless, which no client reads.
   */
  write(cloudPath: string, content: Buffer, owner?: string): void {
    const file = this.fileOf(cloudPath)
    makeDirectoryDurably(path.dirname(file))
    writeFileDurably(file, content)
    this.setOwner(this.checkPath(cloudPath), owner)
  }

  /** The openid of the client that uploaded the file, or undefined (a function's upload, or no such file). */
  ownerOf(cloudPath: string): string | undefined {
    return this.owners.get(this.checkPath(cloudPath))
  }

  /** The stored files in path order, at most `limit` (for the data viewer), and how many there are in all. */
  list(limit: number): { files: { cloudPath: string; size: number; uploader?: string }[]; total: number } {
    const paths: string[] = []
    const walk = (dir: string, prefix: string) => {
      if (!existsSync(dir)) return
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        else if (entry.isFile() && !entry.name.endsWith(TEMP_SUFFIX)) paths.push(`${prefix}${entry.name}`)
      }
    }
    walk(this.root, '')
    const files = paths.slice(0, limit).map((cloudPath) => ({ cloudPath, size: statSync(path.join(this.root, cloudPath)).size, uploader: this.owners.get(cloudPath) }))
    return { files, total: paths.length }
  }

  private setOwner(key: string, owner: string | undefined): void {
    if (this.owners.get(key) === owner) return
    if (owner === undefined) this.owners.delete(key)
    else this.owners.set(key, owner)
    makeDirectoryDurably(path.dirname(this.ownersFile))
    writeFileDurably(this.ownersFile, JSON.stringify(Object.fromEntries(this.owners)))
  }

  filePath(cloudPath: string): string {
    return this.fileOf(cloudPath)
  }

  remove(cloudPath: string): boolean {
    if (!this.exists(cloudPath)) return false
    unlinkSync(this.fileOf(cloudPath))
    this.setOwner(this.checkPath(cloudPath), undefined)
    return true
  }

  /**
   * Signs a path as a URL spells it (percent-encoded, in any of the spellings clients use: see
   * url-path.ts), so that a request can be verified before its path is decoded.
   */
  sign(purpose: 'upload' | 'download', urlPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${canonicalUrlPath(urlPath)}\n${expires}`).digest('hex')
  }

  /** Whether `signature` is this bucket's, unexpired, for the path exactly as the request's URL carries it. */
  verify(purpose: 'upload' | 'download', urlPath: string, expires: number, signature: string): boolean {
    if (!Number.isFinite(expires) || expires < Date.now()) return false
    const expected = Buffer.from(this.sign(purpose, urlPath, expires))
    const given = Buffer.from(signature)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
}
