// The one module that talks HTTP to the outside world (the ISBN sources), on request-promise as the
// design asks. It never throws: every call ends in an HttpOutcome within its deadline, whatever the
// server does (hangs, trickles, redirects elsewhere, sends 10 MB or garbage).
import type { RequestPromiseAPI } from 'request-promise'

export type HttpFailure = 'timeout' | 'network' | 'status' | 'redirect' | 'too_large' | 'bad_json'

export type HttpOutcome =
  | { ok: true; status: number; json: unknown }
  | { ok: false; reason: HttpFailure; status?: number; detail: string }

export interface GetJsonOptions {
  url: string
  /** Whole-request deadline: connect, redirects and body included. */
  timeoutMs: number
  /** Body cap after decompression. */
  maxBytes?: number
  /** Redirects are followed only within this origin (protocol + host + port); default: the url's. */
  allowedOrigin?: string
  headers?: Record<string, string>
}

export const DEFAULT_MAX_BYTES = 1024 * 1024
const USER_AGENT = 'Bookcase/0.1 (WeChat Mini Program; ISBN lookup)'

let requestPromise: RequestPromiseAPI | undefined
/** request-promise (with request) costs ~150 ms to load: only calls that really look a book up pay. */
function loadRequestPromise(): RequestPromiseAPI {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  requestPromise ??= require('request-promise') as RequestPromiseAPI
  return requestPromise
}

function sameOrigin(location: string, base: string, allowedOrigin: string): boolean {
  try {
    return new URL(location, base).origin === allowedOrigin
  } catch {
    return false
  }
}

export function getJson(options: GetJsonOptions): Promise<HttpOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  let allowedOrigin: string
  try {
    allowedOrigin = options.allowedOrigin ?? new URL(options.url).origin
  } catch {
    return Promise.resolve({ ok: false, reason: 'network', detail: 'invalid url' })
  }
  return new Promise<HttpOutcome>((resolve) => {
    let settled = false
    let received = 0
    const finish = (outcome: HttpOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(outcome)
    }
    const request = loadRequestPromise()({
      uri: options.url,
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': USER_AGENT, ...options.headers },
      gzip: true,
      encoding: null, // a Buffer: we decode and parse it ourselves, so parsing cannot throw past us
      timeout: options.timeoutMs, // socket-level; the timer below bounds the whole exchange
      maxRedirects: 3,
      followRedirect(response) {
        const location = response.headers.location
        // request calls this with the request as `this`; its uri is the URL that answered with the redirect.
        const current = (this as unknown as { uri: { href: string } }).uri.href
        return typeof location === 'string' && sameOrigin(location, current, allowedOrigin)
      },
      resolveWithFullResponse: true,
      simple: false,
    })
    const abort = (outcome: HttpOutcome) => {
      request.abort()
      finish(outcome)
    }
    const timer = setTimeout(() => abort({ ok: false, reason: 'timeout', detail: `no answer within ${options.timeoutMs} ms` }), options.timeoutMs)
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length'])
      if (declared > maxBytes) abort({ ok: false, reason: 'too_large', status: response.statusCode, detail: `declared ${declared} bytes` })
    })
    request.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received > maxBytes) abort({ ok: false, reason: 'too_large', detail: `more than ${maxBytes} bytes` })
    })
    request.then(
      (response) => {
        const status: number = response.statusCode
        if (status >= 300 && status < 400) return finish({ ok: false, reason: 'redirect', status, detail: 'redirect outside the source refused' })
        if (status < 200 || status >= 300) return finish({ ok: false, reason: 'status', status, detail: `HTTP ${status}` })
        try {
          finish({ ok: true, status, json: JSON.parse((response.body as Buffer).toString('utf8')) })
        } catch {
          finish({ ok: false, reason: 'bad_json', status, detail: 'body is not JSON' })
        }
      },
      (error: { cause?: { code?: string }; message?: string }) => {
        const code = error.cause?.code
        const timedOut = code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT'
        finish({ ok: false, reason: timedOut ? 'timeout' : 'network', detail: code ?? String(error.message ?? error) })
      },
    )
  })
}
