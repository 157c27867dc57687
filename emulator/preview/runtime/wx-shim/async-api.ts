// The calling convention every asynchronous wx API shares: with success/fail/complete callbacks it
// calls them and returns nothing; without, it returns a Promise. Results carry `errMsg: "<api>:ok"`,
// failures `errMsg: "<api>:fail <reason>"` (plus whatever the API adds, e.g. errCode).

export interface Callbacks<R> {
  success?: (result: R) => void
  fail?: (error: WxFailure) => void
  complete?: (resultOrError: R | WxFailure) => void
}

export interface WxFailure {
  errMsg: string
  errCode?: number
}

export class WxError extends Error {
  constructor(readonly failure: WxFailure) {
    super(failure.errMsg)
  }
}

function toFailure(api: string, error: unknown): WxFailure {
  if (error instanceof WxError) return error.failure
  const message = error instanceof Error ? error.message : String(error)
  return { errMsg: message.startsWith(`${api}:fail`) ? message : `${api}:fail ${message}` }
}

export function asyncApi<O extends object, R extends object>(api: string, impl: (options: O) => R | Promise<R>) {
  return (options: O & Callbacks<R & { errMsg: string }> = {} as O & Callbacks<R & { errMsg: string }>) => {
    const outcome = Promise.resolve()
      .then(() => impl(options))
      .then(
        (result) => ({ errMsg: `${api}:ok`, ...result }),
        (error: unknown) => Promise.reject(toFailure(api, error)),
      )
    if (!options.success && !options.fail && !options.complete) return outcome
    outcome.then(
      (result) => {
        options.success?.(result)
        options.complete?.(result)
      },
      (failure: WxFailure) => {
        options.fail?.(failure)
        options.complete?.(failure)
      },
    )
    return undefined
  }
}

/** Wraps an object so that any property it lacks is a function that fails loudly, naming the API. */
export function loud<T extends object>(target: T, prefix: string): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || key in object) return Reflect.get(object, key, receiver)
      if (key === 'then' || key === 'toJSON') return undefined // not an API: promise / JSON probes
      return () => {
        const message = `[preview] ${prefix}.${key} is not supported in the browser preview`
        console.error(message)
        throw new Error(message)
      }
    },
  })
}

export interface ProgressTask {
  onProgressUpdate(listener: (progress: Record<string, number>) => void): void
  offProgressUpdate(listener: (progress: Record<string, number>) => void): void
  abort(): void
}

/**
 * An API that returns a task when called with callbacks (wx.cloud.uploadFile, downloadFile): `impl`
 * reports progress through `report`; without callbacks it returns a Promise, as asyncApi does.
 */
export function taskApi<O extends object, R extends object>(api: string, impl: (options: O, report: (progress: Record<string, number>) => void) => Promise<R>) {
  return (options: O & Callbacks<R & { errMsg: string }> = {} as O & Callbacks<R & { errMsg: string }>) => {
    const listeners = new Set<(progress: Record<string, number>) => void>()
    const outcome = asyncApi(api, (o: O) => impl(o, (progress) => listeners.forEach((listener) => listener(progress))))(options)
    if (outcome) return outcome
    const task: ProgressTask = {
      onProgressUpdate: (listener) => void listeners.add(listener),
      offProgressUpdate: (listener) => void listeners.delete(listener),
      abort: () => console.warn(`[preview] ${api}: abort() is not supported; the transfer completes`),
    }
    return task
  }
}
