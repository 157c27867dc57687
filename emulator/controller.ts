// The hub: wires the configuration, the store, the admin API, the function runner, the client
// gateway, storage, the data viewer and the preview into one HTTP server.
import { existsSync, readFileSync } from 'fs'
import path from 'path'
import { databaseActions } from './admin/database'
import { functionActions } from './admin/functions'
import { aggregateAction, legacyActions } from './admin/legacy'
import { adminHandler } from './admin/router'
import { storageActions } from './admin/storage'
import { loadProjectConfig } from './config'
import { lockDataDir, prepareDataDir } from './data-dir'
import { StartupError } from './errors'
import { ENV_ID } from './functions/environment'
import { FunctionRunner } from './functions/runner'
import { LEGACY_ADMIN_PATH } from './http/admin-proxy'
import { clientDatabaseHandler } from './client-db/handler'
import { Permissions } from './client-db/permissions'
import { CLIENT_DATABASE_PATH } from './client-db/protocol'
import { mountClientStorage } from './client-storage/handler'
import { StoragePermission } from './client-storage/permission'
import { callFunctionHandler } from './gateway/call-function'
import { CALL_FUNCTION_PATH } from './gateway/protocol'
import { RequestLog } from './request-log'
import { previewHandler } from './preview/host'
import { previewSite } from './preview/site'
import { seedDemoShelf } from './seed/seed'
import { EmulatorServer, sendJson } from './server'
import { Bucket } from './storage/bucket'
import { mountStorageRoutes } from './storage/routes'
import { Database } from './store/database'
import { exportDatabase, importDatabase } from './store/dump'
import type { IndexSpecs } from './store/types'
import { mountDataViewer } from './viewer/data-viewer'

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port: number
  dataDir: string
  /** The project's folder (Bookcase's or `--project`'s): cloudbaserc.json and database/indexes.json live here. */
  projectDir: string
  /** Bookcase's own folder (scripts/, the preview runtime, .build/); the preview is built from there. */
  toolDir: string
  /** The Mini Program the preview shows (project.config.json's miniprogramRoot). */
  miniprogramRoot: string
  /** Where functions live when cloudbaserc.json names no root (project.config.json's cloudfunctionRoot). */
  cloudfunctionRoot: string
  /** Functions root; default cloudbaserc.json's functionRoot, else cloudfunctionRoot. */
  functionsDir?: string
  importFile?: string
  exportOnExit?: string
  /** 'auto': seed only a database that starts empty. */
  seed: 'auto' | 'always' | 'never'
  preview: boolean
  /** The emulator's own environment (function variables declared in cloudbaserc.json are overridden from it). */
  env: NodeJS.ProcessEnv
  /** The bundled worker bootstrap (.build/emulator/worker.js). */
  workerFile: string
  log: (message: string) => void
  /** Journal size that triggers compaction (default 64 MB); tests make it small. */
  compactBytes?: number
  /** --repair: start even when many records are damaged, dropping them (copies of the damaged files are kept). */
  repair?: boolean
}

function readIndexes(projectDir: string): IndexSpecs {
  const file = path.join(projectDir, 'database', 'indexes.json')
  if (!existsSync(file)) return {}
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  return Object.fromEntries(Object.entries(raw).filter(([name, specs]) => !name.startsWith('/') && Array.isArray(specs))) as IndexSpecs
}

export class Emulator {
  readonly server = new EmulatorServer()
  readonly requests = new RequestLog()
  private ready = false
  url = ''

  private constructor(
    readonly options: EmulatorOptions,
    readonly db: Database,
    readonly runner: FunctionRunner,
    private readonly permissions: Permissions,
    private readonly bucket: Bucket,
    private readonly storagePermission: StoragePermission,
    private readonly unlock: () => void,
  ) {}

  static async start(options: EmulatorOptions): Promise<Emulator> {
    prepareDataDir(options.dataDir)
    const unlock = await lockDataDir(options.dataDir)
    const indexes = readIndexes(options.projectDir)
    let db: Database
    try {
      db = await Database.open(options.dataDir, { indexes, compactBytes: options.compactBytes, repair: options.repair, log: (m) => options.log(m) })
    } catch (error) {
      unlock()
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'ENOTDIR') {
        throw new StartupError(`cannot use data folder ${options.dataDir}: ${code}`)
      }
      throw error
    }
    const wasEmpty = db.countDocuments() === 0
    let permissions: Permissions
    let bucket: Bucket
    let storagePermission: StoragePermission
    try {
      // The client database's permissions (emulator/README.md, "Client database"); tests name another file.
      permissions = Permissions.load(options.env.BOOKCASE_SECURITY_RULES ?? path.join(options.projectDir, 'database', 'security-rules.json'))
      // The bucket's client permission (emulator/README.md, "Client storage"), beside the database's.
      storagePermission = StoragePermission.load(options.env.BOOKCASE_STORAGE_RULES ?? path.join(options.projectDir, 'database', 'storage-rules.json'))
      bucket = new Bucket(options.dataDir, ENV_ID)
    } catch (error) {
      await db.close()
      unlock()
      throw error
    }

    const config = loadProjectConfig(options.projectDir, options.cloudfunctionRoot)
    const functionRoot = path.resolve(options.projectDir, options.functionsDir ?? config.functionRoot)
    const runner = new FunctionRunner({
      functionRoot,
      config,
      hostEnv: options.env,
      // Known once the server is bound; functions only start after that.
      adminUrl: () => `${emulator.url}/admin`,
      adminProxyUrl: () => emulator.server.adminProxyUrl(),
      workerFile: options.workerFile,
      log: options.log,
    })
    const emulator: Emulator = new Emulator(options, db, runner, permissions, bucket, storagePermission, unlock)
    emulator.mount()
    let port: number
    try {
      port = await emulator.server.listen(options.port)
    } catch (error) {
      await db.close()
      unlock()
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new StartupError(`port ${options.port} is already in use (another emulator?); choose another with --port or PORT`)
      }
      throw error
    }
    emulator.url = `http://127.0.0.1:${port}`

    // Collections the app declares exist from the start, as they would after deployment; any other
    // missing collection is an error, as on the real platform.
    await db.ensureCollections(Object.keys(indexes))
    if (options.importFile) {
      const n = await importDatabase(db, options.importFile)
      options.log(`imported ${n} documents from ${options.importFile}`)
    }
    const seed = options.seed === 'always' || (options.seed === 'auto' && wasEmpty && !options.importFile)
    if (seed) await emulator.seed()
    emulator.ready = true
    return emulator
  }

  private async seed(): Promise<void> {
    try {
      const n = await seedDemoShelf(this.runner)
      this.options.log(`seeded the demo shelf: ${n} books for o-demo-reader-a and o-demo-reader-b`)
    } catch (error) {
      this.options.log(`demo shelf not seeded: ${(error as Error).message}`)
    }
  }

  private mount(): void {
    const { server, db, runner, requests, bucket } = this
    const actions = {
      ...databaseActions(db),
      ...functionActions(runner),
      ...storageActions(bucket, () => this.url),
    }
    // Each route's guard (http/guards.ts): /admin is wx-server-sdk's alone; the gateway, /health and
    // the /_/ routes (storage, viewer: the server's default) take browser requests from the emulator's
    // own origin only; the preview's static files need only the Host check.
    server.route('POST', '/admin', adminHandler({ ...actions, ...aggregateAction(actions) }, requests), { guard: 'sdk' })
    // What wx-server-sdk 0.x–2.0.x sends to the platform's admin host, through the proxy (http/admin-proxy.ts).
    server.route('POST', LEGACY_ADMIN_PATH, adminHandler(legacyActions(actions), requests), { guard: 'sdk' })
    server.route('POST', CALL_FUNCTION_PATH, callFunctionHandler(runner, requests), { guard: 'same-origin' })
    server.route('POST', CLIENT_DATABASE_PATH, clientDatabaseHandler(db, this.permissions, requests), { guard: 'same-origin' })
    server.route(
      'GET',
      '/health',
      (_req, res) => sendJson(res, this.ready ? 200 : 503, { status: this.ready ? 'ok' : 'starting', env: ENV_ID, documents: db.countDocuments() }),
      { guard: 'same-origin' },
    )
    mountStorageRoutes(server, bucket)
    mountClientStorage(server, bucket, this.storagePermission, requests)
    mountDataViewer(server, db, requests, bucket)
    if (this.options.preview) this.mountPreview()
  }

  /** The browser preview (emulator/preview/) at `/`. */
  private mountPreview(): void {
    const site = previewSite(this.options.toolDir, this.options.miniprogramRoot)
    this.server.route('GET', '/', previewHandler(site), { guard: 'host-only' })
  }

  /** Clean shutdown: stop serving, stop functions, export if asked, flush and close the journal. */
  async stop(): Promise<void> {
    await this.server.close()
    await this.runner.close()
    if (this.options.exportOnExit) {
      const n = exportDatabase(this.db, this.options.exportOnExit)
      this.options.log(`exported ${n} documents to ${this.options.exportOnExit}`)
    }
    await this.db.close()
    this.unlock()
  }
}
