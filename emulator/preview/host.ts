// Serves the built browser preview (.build/preview/, see scripts/build/preview.mjs) from the emulator:
// `/` is the shell page, `/preview/*` its bundle, styles and the Mini Program's images. Files are read
// per request and gzipped when the browser accepts it; the shell page first rebuilds a stale build
// (freshness.ts), so an edited page shows on reload. BOOKCASE_PREVIEW_REBUILD=0 turns that off.
import { readFileSync, statSync } from 'fs'
import path from 'path'
import { gzipSync } from 'zlib'
import type { IncomingMessage, ServerResponse } from 'http'
import { PreviewFreshness } from './freshness'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.map', '.json', '.svg'])

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

/** Maps a request path to a file under `dir`, or null (never outside `dir`). */
function fileFor(dir: string, pathname: string): string | null {
  if (pathname === '/' || pathname === '/index.html') return path.join(dir, 'index.html')
  if (!pathname.startsWith('/preview/')) return null
  let relative: string
  try {
    relative = decodeURIComponent(pathname.slice('/preview/'.length))
  } catch {
    return null
  }
  const file = path.resolve(dir, relative)
  return file.startsWith(dir + path.sep) ? file : null
}

/** `projectDir`: the repository root (miniprogram/, scripts/, .build/preview/). */
export function previewHandler(projectDir: string) {
  const dir = path.join(path.resolve(projectDir), '.build', 'preview')
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>()
  const freshness = process.env.BOOKCASE_PREVIEW_REBUILD === '0' ? null : new PreviewFreshness(projectDir, path.join(dir, 'index.html'))
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (freshness && (url.pathname === '/' || url.pathname === '/index.html')) {
      const failure = await freshness.ensure()
      if (failure) return send(res, 500, failure)
    }
    const file = fileFor(dir, url.pathname)
    if (!file) return send(res, 404, `not found: ${url.pathname}`)
    let stat
    try {
      stat = statSync(file)
    } catch {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        return send(res, 503, 'The browser preview is not built: run `npm run build` (or `node scripts/build.mjs preview`).')
      }
      return send(res, 404, `not found: ${url.pathname}`)
    }
    if (!stat.isFile()) return send(res, 404, `not found: ${url.pathname}`)
    const ext = path.extname(file).toLowerCase()
    const headers: Record<string, string> = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' }
    let body: Buffer = readFileSync(file)
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const cached = gzipped.get(file)
      if (cached?.mtimeMs === stat.mtimeMs) body = cached.body
      else {
        body = gzipSync(body)
        gzipped.set(file, { mtimeMs: stat.mtimeMs, body })
      }
      headers['content-encoding'] = 'gzip'
      headers.vary = 'accept-encoding'
    }
    headers['content-length'] = String(body.length)
    res.writeHead(200, headers)
    res.end(body)
  }
}
