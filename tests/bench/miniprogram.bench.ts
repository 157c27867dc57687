// Mini Program figures: the main package as WeChat DevTools would upload it, and the largest setData
// payload of the shelf's first render with 20 books.
import { execFileSync } from 'child_process'
import { readdirSync, readFileSync, statSync } from 'fs'
import path from 'path'
import { transformSync } from 'esbuild'
import { printSection } from './stats'

const ROOT = path.resolve(__dirname, '../..')
const MINIPROGRAM = path.join(ROOT, 'miniprogram')
const PACKAGE_TARGET_KB = 150
const SET_DATA_TARGET_KB = 16

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

/**
 * Bytes of the package: each .ts compiled to one .js (DevTools' TypeScript plugin compiles per file;
 * project.config.json asks for minified output), WXML / WXSS / JSON as they are.
 */
function packageBytes(minify: boolean): { total: number; files: number; js: number } {
  let total = 0
  let js = 0
  const files = filesUnder(MINIPROGRAM)
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    if (file.endsWith('.ts')) {
      const out = transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2017', minify }).code
      const size = Buffer.byteLength(out)
      total += size
      js += size
    } else {
      total += Buffer.byteLength(source)
    }
  }
  return { total, files: files.length, js }
}

/** Runs the shelf page test that measures setData under miniprogram-simulate and reads its figure. */
function largestSetDataBytes(): number {
  const output = execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/jest/bin/jest.js'), 'tests/pages/shelf.test.ts', '-t', 'setData payload', '--selectProjects', 'pages'],
    { cwd: ROOT, env: { ...process.env, BOOKCASE_SKIP_BUILD: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const match = /largest setData payload, first render of 20 books: (\d+) bytes/.exec(output)
  if (!match) throw new Error(`no setData figure in the test output:\n${output}`)
  return Number(match[1])
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const minified = packageBytes(true)
const plain = packageBytes(false)
let setData: number | undefined
let setDataError = ''
try {
  setData = largestSetDataBytes()
} catch (error) {
  setDataError = (error as Error).message.split('\n')[0]
}

printSection('Mini Program', [
  {
    figure: `main package, minified JS (${minified.files} files)`,
    value: `${minified.total} B = ${kb(minified.total)}`,
    target: `≤ ${PACKAGE_TARGET_KB} KB`,
    ok: minified.total <= PACKAGE_TARGET_KB * 1024,
  },
  { figure: 'main package, unminified JS', value: `${plain.total} B = ${kb(plain.total)}`, target: `≤ ${PACKAGE_TARGET_KB} KB`, ok: plain.total <= PACKAGE_TARGET_KB * 1024 },
  { figure: '  of which JS (minified)', value: kb(minified.js) },
  setData === undefined
    ? { figure: 'largest setData, shelf first render (20 books)', value: `failed: ${setDataError}`, ok: false }
    : {
        figure: 'largest setData, shelf first render (20 books)',
        value: `${setData} B = ${kb(setData)}`,
        target: `≤ ${SET_DATA_TARGET_KB} KB`,
        ok: setData <= SET_DATA_TARGET_KB * 1024,
      },
])
