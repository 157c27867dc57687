// The emulator's single HTTP server: a tiny route table over node:http, loopback only.
// A route whose path ends with '/' matches that prefix; the longest match wins, so a handler
// mounted at '/' (the browser preview) only sees what no other route claims.
//
// Nothing a request carries may stop the process (emulator/README.md, "Security"): every request is
// checked against the Host and its route's guard (http/guards.ts) before its handler runs, the target
// is parsed without throwing (http/request-target.ts), and whatever a handler throws is answered with a
// status and JSON; failures that are the emulator's own are logged with a request id.
import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'http'
import type { AddressInfo, Socket } from 'net'
import type { Duplex } from 'stream'
import { HttpError } from './errors'
import { AdminProxy } from './http/admin-proxy'
import { RequestGuards, type Guard } from './http/guards'
import { MAX_BODY_DEPTH, parseJson } from './http/json-depth'
import { requestUrl } from './http/request-target'
import { nextRequestId } from './request-id'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | '*'
export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>

export interface RouteOptions {
  /** Who may call the route (http/guards.ts). Default 'same-origin': the emulator's own pages and non-browser clients. */
  guard?: Guard
}

interface Route {
  method: Method
  path: string
  handler: Handler
  guard: Guard
}

/**
 * An answer sent before the request body has arrived (a refusal, a 413) closes the connection, but first
 * keeps reading, and discarding, what the client is still sending: closing a socket with unread data
 * resets it, and the client would lose the answer. Bounded, so a client that never stops is cut off.
 */
const DRAIN_MAX_BYTES = 16 * 1024 * 1024
const DRAIN_MAX_MS = 3_000

const log = (...args: unknown[]) => console.error('[emulator]', ...args)

/** Short, printable, for logs: attacker-chosen targets can be 16 KB long. */
const shown = (target: string | undefined) => JSON.stringify((target ?? '').slice(0, 200))

export class EmulatorServer {
  private readonly routes: Route[] = []
  // A request without Host is refused by the Host guard with a JSON 403, not by node's bare 400.
  private readonly server = http.createServer({ requireHostHeader: false }, (req, res) => this.handle(req, res))
  private guards: RequestGuards | undefined
  /** The one proxy request answered: old wx-server-sdk majors' admin host (http/admin-proxy.ts). */
  private readonly adminProxy = new AdminProxy()
  private port: number | undefined

  constructor() {
    // The SDK keeps connections alive; keep ours open a little longer than its idle sockets.
    this.server.keepAliveTimeout = 30_000
    this.server.headersTimeout = 35_000
    this.server.on('clientError', answerClientError)
  }

  route(method: Method, path: string, handler: Handler, options: RouteOptions = {}): void {
    this.routes.push({ method, path, handler, guard: options.guard ?? 'same-origin' })
  }

  /** Binds 127.0.0.1 only; port 0 picks a free port. Resolves with the port actually bound. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        const bound = (this.server.address() as AddressInfo).port
        this.guards = new RequestGuards(bound)
        this.port = bound
        resolve(bound)
      })
    })
  }

  /** HTTP_PROXY for function instances whose SDK addresses the platform's admin host by name; once bound. */
  adminProxyUrl(): string {
    if (this.port === undefined) throw new Error('the server is not listening yet')
    return this.adminProxy.proxyUrl(this.port)
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private match(method: string, pathname: string): Route | undefined {
    let best: Route | undefined
    // HEAD is GET without the body (node leaves the body out of a HEAD answer by itself): the SDK's
    // getFileInfo and download clients ask a temp URL for its size and type that way.
    const wanted = method === 'HEAD' ? 'GET' : method
    for (const r of this.routes) {
      if (r.method !== '*' && r.method !== wanted) continue
      const hit = r.path === pathname || (r.path.endsWith('/') && pathname.startsWith(r.path))
      if (hit && (!best || r.path.length > best.path.length)) best = r
    }
    return best
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    // A client that goes away mid-request makes these emit; readBody and the answer see it themselves.
    req.on('error', () => {})
    res.on('error', (error) => log(`answer to ${req.method} ${shown(req.url)} failed:`, error.message))
    this.dispatch(req, res).catch((error: unknown) => log('dispatch failed:', error))
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const guards = this.guards!
      let target = req.url
      if (target !== undefined && /^http:\/\//i.test(target)) {
        // Absolute-form: answered only as the legacy admin host's proxy, with the secret; it carries
        // that host's name in Host, so the Host wall is the proxy's own check here.
        const proxied = this.adminProxy.route(target, req.headersDistinct)
        if ('refusal' in proxied) return refuse(req, res, proxied.refusal)
        target = proxied.path
      } else {
        const hostRefused = guards.hostRefusal(req.headersDistinct)
        if (hostRefused) return refuse(req, res, hostRefused)
      }
      const url = requestUrl(target)
      const route = this.match(req.method ?? 'GET', url.pathname)
      if (!route) throw new HttpError(404, `no route for ${req.method} ${url.pathname}`)
      const refused = guards.refusal(route.guard, req.headersDistinct)
      if (refused) return refuse(req, res, refused)
      await route.handler(req, res, url)
    } catch (error) {
      answerFailure(req, res, error)
    }
  }
}

function refuse(req: IncomingMessage, res: ServerResponse, reason: string): void {
  // Logged: a developer whose own tool is refused needs to see why.
  log(`refused ${req.method} ${shown(req.url)}: ${reason}`)
  sendJson(res, 403, { error: reason })
}

function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const status = error instanceof HttpError ? error.status : 500
  const message = error instanceof Error ? error.message : String(error)
  const requestId = status >= 500 ? nextRequestId() : undefined
  if (requestId) log(`${requestId} ${req.method} ${shown(req.url)} failed:`, error)
  // A client gone mid-request has nobody to answer; one already half-answered can only be cut off.
  if (res.writableEnded || res.destroyed || req.socket.destroyed) return
  if (res.headersSent) {
    res.destroy()
    return
  }
  try {
    sendJson(res, status, requestId ? { error: message, requestId } : { error: message })
  } catch (sendError) {
    log(`cannot answer ${req.method} ${shown(req.url)}:`, sendError)
    res.destroy()
  }
}

/**
 * Parse errors of the request itself (a bad request line or header, headers too large, a header
 * timeout) never reach a route; node would answer a bare 400. Answered as JSON here, then closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // As node's own handler: nothing to say to a reset socket, nor over a response already begun.
  const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy()
    return
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const body = JSON.stringify({ error: `malformed request: ${error.code ?? error.message}` })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}

const tooLarge = (maxBytes: number) => new HttpError(413, `request body larger than ${maxBytes} bytes`)

/**
 * Reads a request body, refusing more than `maxBytes` (413) as soon as it is declared or exceeded.
 * After a refusal nothing more is buffered; the 413's answer drains the rest (see DRAIN_MAX_BYTES).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > maxBytes) return reject(tooLarge(maxBytes))
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const fail = (error: HttpError) => {
      if (settled) return
      settled = true
      chunks.length = 0
      reject(error)
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > maxBytes) return fail(tooLarge(maxBytes))
      chunks.push(chunk)
    })
    req.once('end', () => {
      if (settled) return
      settled = true
      resolve(Buffer.concat(chunks, size))
    })
    const aborted = () => fail(new HttpError(400, 'request aborted before its body was complete'))
    req.once('error', aborted)
    req.once('close', () => {
      if (!req.complete) aborted()
    })
  })
}

/** A JSON request body; not JSON, or nested deeper than `maxDepth`, is a 400. */
export async function readJson(req: IncomingMessage, maxBytes: number, maxDepth = MAX_BODY_DEPTH): Promise<unknown> {
  const body = await readBody(req, maxBytes)
  return parseJson(body.toString('utf8'), maxDepth, (reason) => new HttpError(400, `request body: ${reason}`))
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

export function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  send(res, status, contentType, body)
}

/** Whether the client may still be sending the request's body. */
function bodyStillArriving(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return false
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  const headers: http.OutgoingHttpHeaders = {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
  }
  const req = res.req
  if (status !== 413 && !bodyStillArriving(req)) {
    res.writeHead(status, headers)
    res.end(body)
    return
  }
  res.writeHead(status, { ...headers, connection: 'close' })
  // The whole answer goes out now; ending the response (which closes the socket) waits for the drain.
  res.write(body)
  drainThenEnd(req, res)
}

function drainThenEnd(req: IncomingMessage, res: ServerResponse): void {
  if (req.readableEnded || req.destroyed) {
    res.end()
    return
  }
  let left = DRAIN_MAX_BYTES
  const end = () => {
    clearTimeout(timer)
    req.off('data', onData)
    req.off('end', end)
    req.off('close', end)
    res.end()
  }
  const onData = (chunk: Buffer) => {
    left -= chunk.length
    if (left < 0) end()
  }
  const timer = setTimeout(end, DRAIN_MAX_MS)
  req.on('data', onData)
  req.once('end', end)
  req.once('close', end)
  req.resume()
}
