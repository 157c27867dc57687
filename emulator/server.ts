// The emulator's single HTTP server: a tiny route table over node:http, loopback only.
// A route whose path ends with '/' matches that prefix; the longest match wins, so a handler
// mounted at '/' (the browser preview) only sees what no other route claims.
import http, { type IncomingMessage, type ServerResponse } from 'http'
import type { AddressInfo } from 'net'
import { HttpError } from './errors'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | '*'
export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>

interface Route {
  method: Method
  path: string
  handler: Handler
}

export class EmulatorServer {
  private readonly routes: Route[] = []
  private readonly server = http.createServer((req, res) => void this.dispatch(req, res))

  constructor() {
    // The SDK keeps connections alive; keep ours open a little longer than its idle sockets.
    this.server.keepAliveTimeout = 30_000
    this.server.headersTimeout = 35_000
  }

  route(method: Method, path: string, handler: Handler): void {
    this.routes.push({ method, path, handler })
  }

  /** Binds 127.0.0.1 only; port 0 picks a free port. Resolves with the port actually bound. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve((this.server.address() as AddressInfo).port)
      })
    })
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private match(method: string, pathname: string): Route | undefined {
    let best: Route | undefined
    for (const r of this.routes) {
      if (r.method !== '*' && r.method !== method) continue
      const hit = r.path === pathname || (r.path.endsWith('/') && pathname.startsWith(r.path))
      if (hit && (!best || r.path.length > best.path.length)) best = r
    }
    return best
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = this.match(req.method ?? 'GET', url.pathname)
    try {
      if (!route) throw new HttpError(404, `no route for ${req.method} ${url.pathname}`)
      await route.handler(req, res, url)
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500
      const message = error instanceof Error ? error.message : String(error)
      if (status === 500) console.error(`[emulator] ${req.method} ${url.pathname} failed:`, error)
      if (!res.headersSent) sendJson(res, status, { error: message })
      else res.destroy()
    }
  }
}

/** Reads a request body, refusing more than `maxBytes` (413). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        reject(new HttpError(413, `request body larger than ${maxBytes} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const body = await readBody(req, maxBytes)
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new HttpError(400, 'request body is not valid JSON')
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}
