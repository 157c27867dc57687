// One warm function instance: a worker thread that runs one invocation at a time, as on SCF. Every
// invocation gets exactly one answer, and the timer it armed is cleared with that answer:
//   - an event that cannot be posted to the thread (not cloneable, nested too deeply) is refused
//     before anything is armed, and the instance stays healthy;
//   - a timeout answers its own invocation and terminates the thread (the only way to stop code);
//   - an uncaught exception or process.exit() ends the thread and answers what it was running.
// However the thread ends — busy, idle or still loading — `onExit` tells the owner exactly once, so
// a dead instance never holds a pool slot.
import { Worker } from 'worker_threads'
import { PlatformError } from '../errors'
import type { InvokeMessage, WorkerData, WorkerMessage } from './protocol'

export type LogSink = (level: string, text: string, requestId?: string) => void

export interface InstanceOptions {
  workerFile: string
  data: WorkerData
  env: Record<string, string>
  /** The thread's heap cap, as SCF caps an instance's memory. */
  memoryMb: number
  /** A module still loading after this long is ended (an endless loop at load would hold a slot forever). */
  loadTimeoutSeconds: number
  log: LogSink
  /** Called once, after the thread has ended for whatever reason. */
  onExit: (instance: Instance) => void
}

interface Running {
  requestId: string
  resolve: (json: string | undefined) => void
  reject: (error: PlatformError) => void
  timer: NodeJS.Timeout
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))
const executeFail = (message: string) => new PlatformError('FUNCTIONS_EXECUTE_FAIL', message)

export class Instance {
  private readonly worker: Worker
  /** Resolves once the module has loaded; rejects (and the instance ends) if it cannot. */
  readonly ready: Promise<void>
  /** Resolves once the thread has ended. */
  readonly exited: Promise<void>
  private running?: Running
  /** Why the thread is ending; the first cause is what the running invocation is told. */
  private cause?: PlatformError
  /** Set once the thread is gone or going: it takes no more invocations. */
  dead = false
  readonly startedAt = Date.now()

  constructor(options: InstanceOptions) {
    const { data, log } = options
    this.worker = new Worker(options.workerFile, { workerData: data, env: options.env, resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } })
    let loaded!: (error?: PlatformError) => void
    this.ready = new Promise((resolve, reject) => (loaded = (error) => (error ? reject(error) : resolve())))
    // A load failure is reported to whoever awaits `ready`; don't let it count as unhandled.
    this.ready.catch(() => undefined)
    const loadTimer = setTimeout(
      () => this.end(executeFail(`${data.name}/index.js did not finish loading within ${options.loadTimeoutSeconds} seconds`)),
      options.loadTimeoutSeconds * 1000,
    )

    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') log(message.level, message.text, message.requestId)
      else if (message.type === 'ready') {
        clearTimeout(loadTimer)
        if (message.error === undefined) loaded()
        else this.end(executeFail(message.error))
        // end() rejects `ready` with the load error once the thread has gone.
      } else if (message.type === 'result' && this.running?.requestId === message.requestId) {
        const running = this.settle()!
        if (message.ok) running.resolve(message.json)
        else running.reject(executeFail(message.error))
      } else if (message.type === 'unreadable') {
        this.settle()?.reject(new PlatformError('INVALID_PARAM', `the function could not read its event: ${message.error}`))
      }
    })
    this.worker.on('error', (error) => {
      this.dead = true
      this.cause ??= executeFail(describe(error))
      log('error', `uncaught exception, instance discarded: ${error.stack ?? describe(error)}`, this.running?.requestId)
    })
    let exited!: () => void
    this.exited = new Promise((resolve) => (exited = resolve))
    this.worker.on('exit', (code) => {
      this.dead = true
      clearTimeout(loadTimer)
      const cause = this.cause ?? executeFail(`the function's process exited with code ${code}`)
      loaded(cause)
      this.settle()?.reject(cause)
      options.onExit(this)
      exited()
    })
  }

  /** Takes the current invocation off the instance, disarming its timer. */
  private settle(): Running | undefined {
    const running = this.running
    if (running) clearTimeout(running.timer)
    this.running = undefined
    return running
  }

  /** Runs one invocation; the instance must be ready and idle. */
  run(message: InvokeMessage, timeoutSeconds: number): Promise<string | undefined> {
    if (this.dead || this.running) return Promise.reject(executeFail('internal error: the instance is not idle'))
    try {
      this.worker.postMessage(message)
    } catch (error) {
      // Nothing was sent and nothing is armed: the thread is as healthy as before.
      return Promise.reject(new PlatformError('INVALID_PARAM', `the event cannot be passed to the function (not cloneable or nested too deeply): ${describe(error)}`))
    }
    return new Promise((resolve, reject) => {
      const running: Running = {
        requestId: message.requestId,
        resolve,
        reject,
        timer: setTimeout(() => {
          if (this.running !== running) return // a timeout ends only its own invocation
          // SCF's wording; the error code the real platform answers is UNVERIFIED.
          const timeout = new PlatformError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${timeoutSeconds} seconds`)
          this.settle()!.reject(timeout)
          this.end(timeout)
        }, timeoutSeconds * 1000),
      }
      this.running = running
    })
  }

  /** Ends the thread; `cause` is what a running invocation is answered (if nothing answered it yet). */
  end(cause = executeFail('the instance was shut down')): void {
    this.cause ??= cause
    if (this.dead) return
    this.dead = true
    void this.worker.terminate()
  }
}
