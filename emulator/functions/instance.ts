// One warm function instance: a worker thread that runs one invocation at a time. A timeout
// terminates it; an uncaught exception or process.exit() ends it; either way the invocation gets an
// answer and the instance is never reused.
import { Worker } from 'worker_threads'
import { PlatformError } from '../errors'
import type { InvokeMessage, WorkerData, WorkerMessage } from './protocol'

export type LogSink = (level: string, text: string, requestId?: string) => void

interface Running {
  requestId: string
  resolve: (json: string | undefined) => void
  reject: (error: PlatformError) => void
  timer: NodeJS.Timeout
}

export class Instance {
  private readonly worker: Worker
  readonly ready: Promise<void>
  private running?: Running
  /** Set once the worker is gone (or going): the pool drops it. */
  dead = false
  readonly startedAt = Date.now()

  constructor(workerFile: string, data: WorkerData, env: Record<string, string>, memoryMb: number, log: LogSink) {
    this.worker = new Worker(workerFile, { workerData: data, env, resourceLimits: { maxOldGenerationSizeMb: memoryMb } })
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          if (message.error) reject(new PlatformError('FUNCTIONS_EXECUTE_FAIL', message.error))
          else resolve()
        } else if (message.type === 'log') log(message.level, message.text, message.requestId)
        else if (message.type === 'result' && this.running?.requestId === message.requestId) {
          const running = this.finish()
          if (message.ok) running.resolve(message.json)
          else running.reject(new PlatformError('FUNCTIONS_EXECUTE_FAIL', message.error))
        }
      })
      this.worker.on('error', (error) => {
        this.dead = true
        const text = `${error.name}: ${error.message}`
        log('error', `uncaught exception, instance discarded: ${error.stack ?? text}`, this.running?.requestId)
        if (this.running) this.finish().reject(new PlatformError('FUNCTIONS_EXECUTE_FAIL', text))
        reject(new PlatformError('FUNCTIONS_EXECUTE_FAIL', text))
      })
      this.worker.on('exit', (code) => {
        this.dead = true
        const text = `the function's process exited with code ${code}`
        if (this.running) this.finish().reject(new PlatformError('FUNCTIONS_EXECUTE_FAIL', text))
        reject(new PlatformError('FUNCTIONS_EXECUTE_FAIL', text))
      })
    })
    // A load failure is reported to whoever awaits `ready`; don't let it count as unhandled.
    this.ready.catch(() => undefined)
  }

  private finish(): Running {
    const running = this.running!
    clearTimeout(running.timer)
    this.running = undefined
    return running
  }

  run(message: InvokeMessage, timeoutSeconds: number): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.dead = true
        this.finish()
        void this.worker.terminate()
        // SCF's wording; the error code the real platform answers is UNVERIFIED.
        reject(new PlatformError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${timeoutSeconds} seconds`))
      }, timeoutSeconds * 1000)
      this.running = { requestId: message.requestId, resolve, reject, timer }
      this.worker.postMessage(message)
    })
  }

  terminate(): void {
    this.dead = true
    void this.worker.terminate()
  }
}
