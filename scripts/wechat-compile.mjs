// Compiles the Mini Program with miniprogram-ci, the compiler WeChat DevTools ships, exactly as DevTools
// would (project.config.json's `setting`, its TypeScript plugin included), and runs DevTools' code-quality
// check. Offline by construction: nothing here may reach WeChat's servers (see README.md, "WeChat's own
// compiler").
//
//   node scripts/wechat-compile.mjs [--project <dir>] [--json] [--out <dir>] [--verbose]
//
// --project  the folder holding project.config.json (default: this repository)
// --json     print the whole result as JSON on stdout (for tests and benches)
// --out      also write the compiled package there, as it would be uploaded
// --verbose  let miniprogram-ci's own log through to stderr
// Exit code 0 when the compile has no error, no warning, no failed quality check and no network attempt.
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

const { values } = parseArgs({
  options: {
    project: { type: 'string', default: ROOT },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
})
const projectPath = path.resolve(values.project)

// miniprogram-ci logs freely through console.*; keep that out of our own output, but keep it for the
// report (its [warn] / [error] lines are warnings too).
const libraryLog = []
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => {
    const line = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')
    libraryLog.push(line)
    if (values.verbose) process.stderr.write(`${line}\n`)
  }
}

/**
 * A proxy on loopback that refuses everything and notes what was tried: every request miniprogram-ci
 * makes goes through it (ci.proxy), so none leaves the machine and none waits on a DNS lookup.
 */
async function refusingProxy() {
  const attempts = []
  const server = createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`)
    res.writeHead(403).end()
  })
  server.on('connect', (req, socket) => {
    attempts.push(`CONNECT ${req.url}`)
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { attempts, url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }
}

/**
 * The two things miniprogram-ci fetches before a compile, given their built-in defaults instead:
 * - the project attributes (size limits, tab bar rules): ci.Project takes an `attr` function, which
 *   otherwise signs a request to servicewechat.com/wxa/ci/getattr with the upload key;
 * - the list of file extensions a package may hold: getWhiteExtList fetches it and falls back to the
 *   built-in lists on failure; callers read it through the module's exports, so replacing it there
 *   makes the fallback the answer without a request.
 */
function offlineDefaults(ci) {
  const whiteList = require('miniprogram-ci/dist/utils/white_ext_list')
  if (typeof whiteList.getWhiteExtList !== 'function' || !Array.isArray(whiteList.MiniProgramWhiteList)) {
    throw new Error('miniprogram-ci changed: dist/utils/white_ext_list no longer exports getWhiteExtList and its lists')
  }
  whiteList.getWhiteExtList = async () => ({
    MiniProgramWhiteList: new Set(whiteList.MiniProgramWhiteList),
    GameWhiteList: new Set(whiteList.GameWhiteList),
  })
  return { attr: async () => ci.DefaultProjectAttr }
}

/** Everything beside the Mini Program root and the project files: not part of the package, not scanned. */
function unrelatedEntries(miniprogramRoot) {
  const keep = new Set([miniprogramRoot.split('/')[0], 'project.config.json', 'project.private.config.json'])
  return readdirSync(projectPath)
    .filter((name) => !keep.has(name))
    .flatMap((name) => [name, `${name}/**`])
}

/** A progress update is `{id, message, status}` (or a bare string); anything but doing/done is news. */
function sortProgress(update, found) {
  if (typeof update !== 'object' || update === null) return
  const { status, message } = update
  if (status === 'fail') found.errors.push(String(message))
  else if (status !== 'doing' && status !== 'done' && status !== 'success') found.warnings.push(String(message))
}

async function main() {
  const started = Date.now()
  const proxy = await refusingProxy()
  const ci = require('miniprogram-ci')
  ci.proxy(proxy.url)
  const config = JSON.parse(readFileSync(path.join(projectPath, 'project.config.json'), 'utf8'))
  // ci.Project needs an upload key even to compile; a throwaway one signs nothing (nothing is sent).
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const project = new ci.Project({
    appid: config.appid,
    type: 'miniProgram',
    projectPath,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }),
    ignores: unrelatedEntries(config.miniprogramRoot ?? ''),
    ...offlineDefaults(ci),
  })

  const found = { errors: [], warnings: [] }
  let compiled = {}
  const compileStarted = Date.now()
  try {
    compiled = await ci.getCompiledResult({
      project,
      version: '0.0.0',
      // useProjectConfig: take project.config.json's setting (minified, minifyWXML, …) as DevTools does.
      setting: { useProjectConfig: true },
      onProgressUpdate: (update) => sortProgress(update, found),
    })
  } catch (error) {
    // The thrown error is the one that stopped the compile, with the file when the library knows it
    // (its CustomError's path); the progress line that announced it says less.
    const text = String(error?.message ?? error)
    const file = error?.path && !text.includes(error.path) ? `${error.path}: ` : ''
    const message = `${error?.code ? `[${error.code}] ` : ''}${file}${text}`
    found.errors = [...found.errors.filter((e) => !message.includes(e)), message]
  }
  const compileMs = Date.now() - compileStarted

  let quality = []
  if (found.errors.length === 0) {
    quality = (await ci.checkCodeQuality(project)).map(({ name, success, text }) => ({ name, success, text }))
  }
  proxy.close()

  for (const line of libraryLog) {
    if (/^\[(warn|error)\]/.test(line)) found.warnings.push(line)
  }
  const files = Object.fromEntries(Object.entries(compiled).map(([file, content]) => [file, Buffer.byteLength(content)]))
  if (values.out) {
    const out = path.resolve(values.out)
    rmSync(out, { recursive: true, force: true })
    for (const [file, content] of Object.entries(compiled)) {
      mkdirSync(path.dirname(path.join(out, file)), { recursive: true })
      writeFileSync(path.join(out, file), content)
    }
  }
  const result = {
    ok: found.errors.length === 0 && found.warnings.length === 0 && proxy.attempts.length === 0 && quality.every((q) => q.success),
    errors: found.errors,
    warnings: found.warnings,
    networkAttempts: proxy.attempts,
    quality,
    files,
    // WeChat's size limits as miniprogram-ci knows them (MB): one package, and all packages together.
    limits: { packageMB: ci.DefaultProjectAttr.setting.MaxCodeSize, allPackagesMB: ci.DefaultProjectAttr.setting.MaxSubpackageFullCodeSize },
    compileMs,
    totalMs: Date.now() - started,
  }
  return result
}

function printReport(result) {
  const bytes = Object.values(result.files).reduce((sum, size) => sum + size, 0)
  const lines = [`miniprogram-ci: ${Object.keys(result.files).length} files, ${(bytes / 1024).toFixed(1)} KB, compiled in ${result.compileMs} ms`]
  for (const e of result.errors) lines.push(`error: ${e}`)
  for (const w of result.warnings) lines.push(`warning: ${w}`)
  for (const a of result.networkAttempts) lines.push(`network attempt (refused): ${a}`)
  for (const q of result.quality.filter((q) => !q.success)) lines.push(`quality check failed: ${q.name}: ${q.text}`)
  lines.push(result.ok ? 'ok' : 'FAILED')
  process.stdout.write(`${lines.join('\n')}\n`)
}

const result = await main().catch((error) => ({ ok: false, errors: [String(error?.stack ?? error)], warnings: [], networkAttempts: [], quality: [], files: {}, limits: null, compileMs: 0, totalMs: 0 }))
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`)
else printReport(result)
// miniprogram-ci leaves a file watcher and its compiler process behind; the process is done.
process.exit(result.ok ? 0 : 1)
