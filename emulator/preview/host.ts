// Serves the built browser preview (.build/preview/, or another project's: site.ts; built by
// scripts/build/preview.mjs) from the emulator: `/` is the shell page, `/preview/*` its bundle, styles
// and the Mini Program's images. Files are read per request and gzipped when the browser accepts it;
// the shell page first rebuilds a stale build (freshness.ts), so an edited page shows on reload. BOOKCASE_PREVIEW_REBUILD=0 turns that off.
import { readFileSync, statSync } from 'fs'
import path from 'path'
import { gzipSync } from 'zlib'
import type { IncomingMessage, ServerResponse } from 'http'
import { PreviewFreshness } from './freshness'
import { projectBuildArgs, type PreviewSite } from './site'

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

/** The build command the "not built" answer names. */
function buildHint(site: PreviewSite): string {
  return site.own ? 'npm run build` (or `node scripts/build.mjs preview' : `node ${projectBuildArgs(site).map((a) => JSON.stringify(a)).join(' ')}`
}

/** `site`: which Mini Program, and where its build lives (site.ts). */
export function previewHandler(site: PreviewSite) {
  const dir = site.buildDir
  const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>()
  const freshness = process.env.BOOKCASE_PREVIEW_REBUILD === '0' ? null : new PreviewFreshness(site)
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
        return send(res, 503, `The browser preview is not built: run \`${buildHint(site)}\`.`)
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
