// The deployable bundle: exports main, names its runtime dependencies, and leaves request-promise
// unloaded until a lookup needs it (what keeps cold starts of every other action cheap).
import { execFileSync } from 'child_process'
import { readFileSync } from 'fs'
import path from 'path'
import { ROOT } from '../../support/emulator'

const FUNCTION_DIR = path.join(ROOT, 'cloudfunctions/bookcase')

test('package.json names the runtime dependencies the bundle leaves external', () => {
  const pkg = JSON.parse(readFileSync(path.join(FUNCTION_DIR, 'package.json'), 'utf8'))
  expect(Object.keys(pkg.dependencies).sort()).toEqual(['request', 'request-promise', 'wx-server-sdk'])
  expect(pkg.main).toBe('index.js')
})

test('loading the bundle and answering a non-lookup call never loads request-promise', () => {
  const script = `
    const loaded = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/](request|request-promise)[\\\\/]/.test(k)).length
    const fn = require(${JSON.stringify(path.join(FUNCTION_DIR, 'index.js'))})
    const afterLoad = loaded()
    fn.main({ action: 'listBooks' }, {}).then((answer) => {
      process.stdout.write(JSON.stringify({ type: typeof fn.main, afterLoad, afterCall: loaded(), answer }))
    })`
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } }))
  expect(out).toEqual({ type: 'function', afterLoad: 0, afterCall: 0, answer: { ok: false, error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) } })
})

test('the import/export file code is a second file that no other call loads', () => {
  const script = `
    const transfer = ${JSON.stringify(path.join(FUNCTION_DIR, 'transfer.js'))}
    const fn = require(${JSON.stringify(path.join(FUNCTION_DIR, 'index.js'))})
    const afterLoad = transfer in require.cache
    fn.main({ action: 'listBooks' }, {}).then(() => {
      const afterCall = transfer in require.cache
      const { readImportFile, writeCsv } = require(transfer)
      process.stdout.write(JSON.stringify({ afterLoad, afterCall, exports: [typeof readImportFile, typeof writeCsv] }))
    })`
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } }))
  expect(out).toEqual({ afterLoad: false, afterCall: false, exports: ['function', 'function'] })
  // The main bundle holds none of the file libraries' code.
  const main = readFileSync(path.join(FUNCTION_DIR, 'index.js'), 'utf8')
  expect(main).toContain('./transfer.js')
  expect(main).not.toMatch(/gb18030|sharedStrings\.xml/i)
})

test('the HTTP module loads request-promise on first use', () => {
  const out = execFileSync(
    process.execPath,
    [
      '-e',
      `const { build } = require('esbuild');
       build({ entryPoints: [${JSON.stringify(path.join(FUNCTION_DIR, 'src/domain/http.ts'))}], bundle: true, platform: 'node', format: 'cjs', write: false, external: ['request-promise', 'request'] })
         .then(async (r) => {
           const m = { exports: {} }; new Function('module', 'exports', 'require', r.outputFiles[0].text)(m, m.exports, require)
           const loaded = () => Object.keys(require.cache).some((k) => /node_modules[\\\\/]request-promise[\\\\/]/.test(k))
           const before = loaded()
           await m.exports.getJson({ url: 'http://127.0.0.1:1/', timeoutMs: 500 })
           process.stdout.write(JSON.stringify({ before, after: loaded() }))
         })`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  )
  expect(JSON.parse(out)).toEqual({ before: false, after: true })
})
