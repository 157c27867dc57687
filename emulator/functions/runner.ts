// The function runner: every `<root>/<name>/index.js` exporting `main` is a function. Each has a
// pool of instances (worker threads), one invocation at a time per instance as on SCF; beyond the
// pool's size, invocations queue. The pool owns its slots: an instance that ends for any reason
// (crash, timeout, process.exit, a stray error while idle, a module that fails to load) tells its
// pool, which frees the slot and wakes a waiter. Instances idle for `idleSeconds` are retired, as SCF
// retires idle instances, so an idle emulator gives their memory back. Rebuilding a function (its
// index.js changes) retires its instances, so a developer's next call runs the new code.
import { randomUUID } from 'crypto'
import { statSync } from 'fs'
import path from 'path'
import { functionSettings, type ProjectConfig } from '../config'
import { PlatformError, StartupError } from '../errors'
import { DEFAULT_APPID, ENV_ID, invocationEnv, instanceEnv, legacyAdminEnv, type Caller } from './environment'
import { sdkVersionOf, usesLegacyAdminHost } from './sdk-version'
import { LEGACY_ADMIN_PATH } from '../http/admin-proxy'
import { Instance, type LogSink } from './instance'
import { nextRequestId } from '../request-id'

export const MAX_INSTANCES_PER_FUNCTION = 8
/** Real platforms retire an idle instance after a few minutes; SCF's exact window is UNVERIFIED. */
export const DEFAULT_IDLE_SECONDS = 180
/** Loading is bounded apart from the invocation timeout, as SCF bounds initialization apart. */
export const DEFAULT_LOAD_TIMEOUT_SECONDS = 60
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/

export interface RunnerOptions {
  functionRoot: string
  config: ProjectConfig
  /** The emulator's environment; also where the BOOKCASE_IDLE_SECONDS and BOOKCASE_MAX_INSTANCES knobs are read. */
  hostEnv: NodeJS.ProcessEnv
  /** The admin API's URL, which functions' SDK calls. */
  adminUrl: () => string
  /**
   * HTTP_PROXY for functions on a wx-server-sdk older than 2.1, which address the admin host by name
   * (the server's admin-host proxy). Without it such functions reach no emulator.
   */
  adminProxyUrl?: () => string
  workerFile: string
  log: (message: string) => void
  /** Instances per function (default BOOKCASE_MAX_INSTANCES, else 8). */
  maxInstances?: number
  /** An idle instance is retired after this long (default BOOKCASE_IDLE_SECONDS, else 180). */
  idleSeconds?: number
  loadTimeoutSeconds?: number
}

/** One function's pool, as the data viewer and tests see it. `busy` counts instances starting, running or ending. */
export interface PoolStats {
  instances: number
  idle: number
  busy: number
  waiting: number
}

function knob(hostEnv: NodeJS.ProcessEnv, name: string, valid: (n: number) => boolean, expected: string): number | undefined {
  const text = hostEnv[name]
  if (text === undefined || text === '') return undefined
  const value = Number(text)
  if (!valid(value)) throw new StartupError(`${name} must be ${expected}, not ${JSON.stringify(text)}`)
  return value
}

class Pool {
  readonly all = new Set<Instance>()
  /** Most recently used last: the ones that stay unused are the ones retired. */
  readonly idle: Instance[] = []
  private readonly idleTimers = new Map<Instance, NodeJS.Timeout>()
  readonly waiting: (() => void)[] = []
  /** The index.js the current instances loaded; an instance from an older one is not reused. */
  readonly versionOf = new Map<Instance, number>()

  constructor(
    readonly entry: string,
    public mtimeMs: number,
  ) {}

  /** Parks an instance; it is ended if nobody takes it within idleMs. */
  park(instance: Instance, idleMs: number, retire: (instance: Instance) => void): void {
    this.idle.push(instance)
    const timer = setTimeout(() => {
      this.unpark(instance)
      retire(instance)
    }, idleMs)
    // An idle instance must never keep the process alive on its own.
    timer.unref()
    this.idleTimers.set(instance, timer)
  }

  /** The most recently parked live instance, if any (one that just crashed waits here for its exit). */
  take(): Instance | undefined {
    const instance = [...this.idle].reverse().find((idle) => !idle.dead)
    if (instance) this.unpark(instance)
    return instance
  }

  unpark(instance: Instance): void {
    const at = this.idle.indexOf(instance)
    if (at >= 0) this.idle.splice(at, 1)
    clearTimeout(this.idleTimers.get(instance))
    this.idleTimers.delete(instance)
  }

  /** The instance has ended: its slot is free. */
  remove(instance: Instance): void {
    this.unpark(instance)
    this.all.delete(instance)
    this.versionOf.delete(instance)
    this.waiting.shift()?.()
  }

  stats(): PoolStats {
    return { instances: this.all.size, idle: this.idle.length, busy: this.all.size - this.idle.length, waiting: this.waiting.length }
  }
}

export interface Invocation {
  requestId: string
  /** JSON text of the function's return value (undefined if it returned nothing). */
  json: string | undefined
}

export class FunctionRunner {
  private readonly pools = new Map<string, Pool>()
  /** WX_API_TOKEN → caller, while the invocation runs: requests the function makes carry the token. */
  private readonly callers = new Map<string, Caller>()
  private readonly maxInstances: number
  private readonly idleMs: number
  private readonly loadTimeoutSeconds: number
  private closed = false

  constructor(private readonly options: RunnerOptions) {
    const env = options.hostEnv
    this.maxInstances = options.maxInstances ?? knob(env, 'BOOKCASE_MAX_INSTANCES', (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1') ?? MAX_INSTANCES_PER_FUNCTION
    this.idleMs = (options.idleSeconds ?? knob(env, 'BOOKCASE_IDLE_SECONDS', (n) => Number.isFinite(n) && n >= 0, 'a number of seconds ≥ 0') ?? DEFAULT_IDLE_SECONDS) * 1000
    this.loadTimeoutSeconds = options.loadTimeoutSeconds ?? DEFAULT_LOAD_TIMEOUT_SECONDS
  }

  callerOf(apiToken: unknown): Caller | undefined {
    return typeof apiToken === 'string' ? this.callers.get(apiToken) : undefined
  }

  /** Each function's pool, read-only (for the data viewer and tests). */
  stats(): Record<string, PoolStats> {
    return Object.fromEntries([...this.pools].map(([name, pool]) => [name, pool.stats()]))
  }

  private pool(name: string): Pool {
    if (!FUNCTION_NAME.test(name)) throw new PlatformError('FUNCTIONS_NOT_FOUND', `invalid function name: ${name}`)
    const entry = path.join(this.options.functionRoot, name, 'index.js')
    // UNVERIFIED: the platform's exact code and text for a missing function.
    // One stat per call tells both whether the function exists and whether it was rebuilt.
    const stat = statSync(entry, { throwIfNoEntry: false })
    if (!stat?.isFile()) throw new PlatformError('FUNCTIONS_NOT_FOUND', `[ResourceNotFound.FunctionName] function ${name} not found`)
    const mtimeMs = stat.mtimeMs
    let pool = this.pools.get(name)
    if (!pool) this.pools.set(name, (pool = new Pool(entry, mtimeMs)))
    else if (pool.mtimeMs !== mtimeMs) {
      this.options.log(`function ${name} changed on disk: new instances from now on`)
      pool.mtimeMs = mtimeMs
      // Busy ones are ended when they come back (release).
      for (const instance of [...pool.idle]) {
        pool.unpark(instance)
        instance.end()
      }
    }
    return pool
  }

  private async acquire(name: string, pool: Pool): Promise<Instance> {
    for (;;) {
      if (this.closed) throw new PlatformError('FUNCTIONS_EXECUTE_FAIL', 'the emulator is shutting down')
      const warm = pool.take()
      if (warm) return warm
      if (pool.all.size < this.maxInstances) return this.coldStart(name, pool)
      await new Promise<void>((resolve) => pool.waiting.push(resolve))
    }
  }

  private async coldStart(name: string, pool: Pool): Promise<Instance> {
    const settings = functionSettings(this.options.config, name, this.options.hostEnv)
    const log: LogSink = (level, text, requestId) => {
      const line = `[${name}${requestId ? ` ${requestId}` : ''}] ${text}`
      if (level === 'error' || level === 'warn') console.error(line)
      else console.log(line)
    }
    const env = instanceEnv(this.options.adminUrl(), settings.envVariables, this.options.hostEnv)
    // Read per cold start: a developer may install another SDK version between calls.
    const sdkVersion = sdkVersionOf(pool.entry)
    if (this.options.adminProxyUrl && usesLegacyAdminHost(sdkVersion)) {
      const legacyUrl = new URL(LEGACY_ADMIN_PATH, this.options.adminUrl()).href
      Object.assign(env, legacyAdminEnv(legacyUrl, this.options.adminProxyUrl()))
    }
    const instance = new Instance({
      workerFile: this.options.workerFile,
      data: { name, entry: pool.entry },
      env,
      memoryMb: settings.memorySize,
      loadTimeoutSeconds: this.loadTimeoutSeconds,
      log,
      onExit: (ended) => pool.remove(ended),
    })
    pool.all.add(instance)
    pool.versionOf.set(instance, pool.mtimeMs)
    try {
      await instance.ready
    } catch (error) {
      // The instance has ended and left the pool; each caller sees the load error.
      this.options.log(`function ${name}: cold start failed: ${(error as Error).message}`)
      throw error
    }
    this.options.log(`function ${name}: cold start in ${Date.now() - instance.startedAt} ms (${pool.all.size} warm)`)
    return instance
  }

  private release(name: string, pool: Pool, instance: Instance): void {
    if (instance.dead) return // its exit frees the slot
    if (this.closed || pool.versionOf.get(instance) !== pool.mtimeMs) {
      instance.end()
      return
    }
    pool.park(instance, this.idleMs, (idle) => {
      this.options.log(`function ${name}: an instance idle for ${this.idleMs / 1000} s retired`)
      idle.end()
    })
    pool.waiting.shift()?.()
  }

  /**
   * Runs `name` with `data` as `caller`. Resolves with the return value's JSON; rejects with a
   * PlatformError (not found, invalid event, execution failed, timed out).
   */
  async invoke(name: string, data: unknown, caller: Caller, requestId = nextRequestId()): Promise<Invocation> {
    const pool = this.pool(name)
    const settings = functionSettings(this.options.config, name, this.options.hostEnv)
    const instance = await this.acquire(name, pool)
    // Unguessable, as the platform's token is; randomUUID draws from a cached entropy pool.
    const apiToken = randomUUID()
    this.callers.set(apiToken, caller)
    const event: Record<string, unknown> = data && typeof data === 'object' && !Array.isArray(data) ? { ...data } : {}
    // The platform injects the caller into every client call's event (older docs; kept for compatibility).
    if (caller.openid) event.userInfo = { appId: caller.appid ?? DEFAULT_APPID, openId: caller.openid }
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      time_limit_in_ms: settings.timeout * 1000,
      namespace: ENV_ID,
    }
    try {
      const json = await instance.run({ type: 'invoke', requestId, event, context, env: invocationEnv(caller, apiToken) }, settings.timeout)
      return { requestId, json }
    } catch (error) {
      if (error instanceof PlatformError) console.error(`[${name} ${requestId}] ${error.message}`)
      throw error
    } finally {
      this.callers.delete(apiToken)
      this.release(name, pool, instance)
    }
  }

  /** Ends every instance (running invocations fail), refuses queued and new calls, and waits for the threads to end. */
  async close(): Promise<void> {
    this.closed = true
    const instances = [...this.pools.values()].flatMap((pool) => [...pool.all])
    for (const pool of this.pools.values()) for (const wake of pool.waiting.splice(0)) wake()
    for (const instance of instances) instance.end(new PlatformError('FUNCTIONS_EXECUTE_FAIL', 'the emulator is shutting down'))
    await Promise.all(instances.map((instance) => instance.exited))
  }
}
