// /_/data: a small read-only data viewer in the spirit of the Firebase Emulator UI — collections,
// their first 50 documents (optionally those of one _openid), the stored files with their uploaders
// (`?storage`), and the recent request log. It reads through the store's requests, so it shows
// committed data and waits out an open transaction.
import { EJSON } from 'bson'
import type { Database } from '../store/database'
import type { RequestLog } from '../request-log'
import { sendText, type EmulatorServer } from '../server'
import type { Bucket } from '../storage/bucket'

const PAGE = 50

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const FILES_SHOWN = 500

function renderFiles(bucket: Bucket): string {
  const { files, total } = bucket.list(FILES_SHOWN)
  const rows = files
    .map((f) => `<tr><td>${escape(f.cloudPath)}</td><td>${f.size} B</td><td>${escape(f.uploader ?? '(a function)')}</td></tr>`)
    .join('')
  return (
    `<h2>Storage <small>${total} files</small></h2><table><tr><th>cloud path</th><th>size</th><th>uploader</th></tr>${rows}</table>` +
    (total > files.length ? `<p><small>first ${files.length} shown</small></p>` : '')
  )
}

export async function renderDataPage(
  db: Database,
  requests: RequestLog,
  selected: string | null,
  openid: string | null,
  bucket?: Bucket,
): Promise<string> {
  const collections = await db.listCollections()
  const nav = collections
    .map((c) => `<li><a href="/_/data?c=${encodeURIComponent(c.name)}"${c.name === selected ? ' class="on"' : ''}>${escape(c.name)}</a> <small>${c.size}</small></li>`)
    .join('')
  let docs = bucket ? renderFiles(bucket) : ''
  const collection = collections.find((c) => c.name === selected)
  if (collection) {
    const filter = openid ? { _openid: openid } : {}
    const list = await db.find(undefined, { collection: collection.name, filter, limit: PAGE })
    docs =
      `<h2>${escape(collection.name)} <small>${collection.size} documents; indexes: ${collection.indexes.map(escape).join(', ') || 'none'}</small></h2>` +
      `<form><input type="hidden" name="c" value="${escape(collection.name)}"><input name="openid" placeholder="_openid" value="${escape(openid ?? '')}"> <button>filter</button></form>` +
      list.map((d) => `<pre>${escape(EJSON.stringify(d, undefined, 2, { relaxed: true }))}</pre>`).join('') +
      (collection.size > list.length ? `<p><small>first ${list.length} shown</small></p>` : '')
  }
  const log = requests
    .recent()
    .slice(0, 100)
    .map((r) => `<tr${r.error ? ' class="err"' : ''}><td>${r.at?.toISOString().slice(11, 23)}</td><td>${r.kind}</td><td>${escape(r.name)}</td><td>${escape(r.target ?? '')}</td><td>${r.ms.toFixed(1)} ms</td><td>${escape(r.error ?? '')}</td></tr>`)
    .join('')
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Bookcase emulator · data</title>
<style>body{font:14px system-ui,sans-serif;margin:0;display:flex}nav{width:14em;padding:1em;background:#f4f4f4;min-height:100vh}
main{flex:1;padding:1em;overflow:auto}a.on{font-weight:bold}pre{background:#fafafa;border:1px solid #eee;padding:.5em;margin:.3em 0}
table{border-collapse:collapse}td{padding:2px 8px;border-bottom:1px solid #eee;font-size:12px}tr.err{color:#b00}</style>
<nav><h3>Collections</h3><ul>${nav}</ul><p><a href="/_/data?storage">storage</a></p><p><a href="/_/data">request log</a></p></nav>
<main>${docs || '<h2>Recent requests</h2>'}<table>${collection || bucket ? '' : log}</table></main></html>`
}

export function mountDataViewer(server: EmulatorServer, db: Database, requests: RequestLog, bucket: Bucket): void {
  server.route('GET', '/_/data', async (_req, res, url) => {
    const files = url.searchParams.has('storage') ? bucket : undefined
    sendText(res, 200, await renderDataPage(db, requests, url.searchParams.get('c'), url.searchParams.get('openid'), files), 'text/html; charset=utf-8')
  },
    // Every reader's documents: the emulator's own pages only.
    { guard: 'same-origin' },
  )
}
