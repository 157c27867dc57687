// The function runner: every `<root>/<name>/index.js` exporting `main` is a function. Each has a
// pool of warm instances (worker threads), one invocation at a time per instance as on SCF; beyond
// the pool's size, invocations queue. Rebuilding a function (its index.js changes) retires its warm
// instances, so a developer's next call runs the new code.
import { randomBytes } from 'crypto'
import { existsSync, statSync } from 'fs'
import path from 'path'
import { functionSettings, type ProjectConfig } from '../config'
import { PlatformError } from '../errors'
import { DEFAULT_APPID, ENV_ID, invocationEnv, instanceEnv, type Caller } from './environment'
import { Instance, type LogSink } from './instance'

export const MAX_INSTANCES_PER_FUNCTION = 8
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/

export interface RunnerOptions {
  functionRoot: string
  config: ProjectConfig
  hostEnv: NodeJS.ProcessEnv
  /** The admin API's URL, which functions' SDK calls. */
  adminUrl: () => string
  workerFile: string
  log: (message: string) => void
  maxInstances?: number
}

class Pool {
  readonly idle: Instance[] = []
  readonly all = new Set<Instance>()
  readonly waiting: (() => void)[] = []
  /** Its function changed on disk: instances are dropped as they come back. */
  retired = false

  constructor(
    readonly entry: string,
    readonly mtimeMs: number,
  ) {}

  retire(): void {
    this.retired = true
    for (const instance of this.idle) instance.terminate()
    this.idle.length = 0
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

  constructor(private readonly options: RunnerOptions) {}

  callerOf(apiToken: unknown): Caller | undefined {
    return typeof apiToken === 'string' ? this.callers.get(apiToken) : undefined
  }

  private pool(name: string): Pool {
    if (!FUNCTION_NAME.test(name)) throw new PlatformError('FUNCTIONS_NOT_FOUND', `invalid function name: ${name}`)
    const entry = path.join(this.options.functionRoot, name, 'index.js')
    // UNVERIFIED: the platform's exact code and text for a missing function.
    if (!existsSync(entry)) throw new PlatformError('FUNCTIONS_NOT_FOUND', `[ResourceNotFound.FunctionName] function ${name} not found`)
    const mtimeMs = statSync(entry).mtimeMs
    let pool = this.pools.get(name)
    if (pool && pool.mtimeMs !== mtimeMs) {
      this.options.log(`function ${name} changed on disk: new instances from now on`)
      pool.retire()
      pool = undefined
    }
    if (!pool) this.pools.set(name, (pool = new Pool(entry, mtimeMs)))
    return pool
  }

  private async acquire(name: string, pool: Pool): Promise<Instance> {
    for (;;) {
      const warm = pool.idle.pop()
      if (warm && !warm.dead) return warm
      if (warm) continue
      if (pool.all.size < (this.options.maxInstances ?? MAX_INSTANCES_PER_FUNCTION)) return this.coldStart(name, pool)
      await new Promise<void>((resolve) => pool.waiting.push(resolve))
    }
  }

  private async coldStart(name: string, pool: Pool): Promise<Instance> {
    const settings = functionSettings(this.options.config, name, this.options.hostEnv)
    const env = instanceEnv(this.options.adminUrl(), settings.envVariables, this.options.hostEnv)
    const log: LogSink = (level, text, requestId) => {
      const line = `[${name}${requestId ? ` ${requestId}` : ''}] ${text}`
      if (level === 'error' || level === 'warn') console.error(line)
      else console.log(line)
    }
    const instance = new Instance(this.options.workerFile, { name, entry: pool.entry }, env, settings.memorySize, log)
    pool.all.add(instance)
    try {
      await instance.ready
      this.options.log(`function ${name}: cold start in ${Date.now() - instance.startedAt} ms (${pool.all.size} warm)`)
      return instance
    } catch (error) {
      this.release(pool, instance)
      throw error
    }
  }

  private release(pool: Pool, instance: Instance): void {
    if (instance.dead || pool.retired) {
      pool.all.delete(instance)
      instance.terminate()
    } else pool.idle.push(instance)
    pool.waiting.shift()?.()
  }

  /**
   * Runs `name` with `data` as `caller`. Resolves with the return value's JSON; rejects with a
   * PlatformError (not found, execution failed, timed out).
   */
  async invoke(name: string, data: unknown, caller: Caller, requestId = randomBytes(8).toString('hex')): Promise<Invocation> {
    const pool = this.pool(name)
    const settings = functionSettings(this.options.config, name, this.options.hostEnv)
    const instance = await this.acquire(name, pool)
    const apiToken = randomBytes(16).toString('hex')
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
      this.release(pool, instance)
    }
  }

  async close(): Promise<void> {
    for (const pool of this.pools.values()) for (const instance of pool.all) instance.terminate()
    this.pools.clear()
  }
}
