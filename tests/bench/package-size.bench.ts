// The code package as WeChat DevTools would upload it: miniprogram/ compiled by miniprogram-ci
// (scripts/wechat-compile.mjs, offline), its size in total and per package against WeChat's limit of
// 2 MB per package, what it is made of, and how long the compile takes.
import { readFileSync } from 'fs'
import path from 'path'
import { ms, printSection, summarize, type Row } from './stats'
import { packageBytes, ROOT, wechatCompile, type WeChatCompileResult } from '../support/wechat-compile'

const RUNS = 3
const MB = 1024 * 1024

interface AppJson {
  subpackages?: { root: string }[]
  subPackages?: { root: string }[]
}
const app = JSON.parse(readFileSync(path.join(ROOT, 'miniprogram/app.json'), 'utf8')) as AppJson
const subpackageRoots = (app.subpackages ?? app.subPackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))

const kb = (bytes: number) => `${bytes} B = ${(bytes / 1024).toFixed(1)} KB`
const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0)
const bytesWhere = (result: WeChatCompileResult, keep: (file: string) => boolean) =>
  sum(Object.entries(result.files).filter(([file]) => keep(file)).map(([, size]) => size))

async function main(): Promise<void> {
  const runs: WeChatCompileResult[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await wechatCompile())
  const [first] = runs
  if (!first.limits || first.errors.length > 0) {
    printSection('Code package (miniprogram-ci)', [{ figure: 'compile', value: `failed: ${first.errors[0] ?? 'no result'}`, ok: false }])
    return
  }
  const limitBytes = first.limits.packageMB * MB
  const subpackageOf = (file: string) => subpackageRoots.find((root) => file.startsWith(root))
  const total = packageBytes(first)
  const main = bytesWhere(first, (file) => !subpackageOf(file))
  const ratio = (bytes: number, limit: number) => `${((bytes / limit) * 100).toFixed(1)} % of ${(limit / MB).toFixed(0)} MB`
  const byType = (pattern: RegExp) => bytesWhere(first, (file) => pattern.test(file))

  const rows: Row[] = [
    { figure: `total, all packages (${Object.keys(first.files).length} files)`, value: kb(total), target: ratio(total, first.limits.allPackagesMB * MB), ok: total <= first.limits.allPackagesMB * MB },
    { figure: 'main package', value: kb(main), target: ratio(main, limitBytes), ok: main <= limitBytes },
    ...subpackageRoots.map((root) => {
      const bytes = bytesWhere(first, (file) => subpackageOf(file) === root)
      return { figure: `subpackage ${root}`, value: kb(bytes), target: ratio(bytes, limitBytes), ok: bytes <= limitBytes }
    }),
    { figure: '  of which JS', value: kb(byType(/\.js$/)) },
    { figure: '    @babel/runtime helpers (ES5 compile)', value: kb(bytesWhere(first, (file) => file.startsWith('@babel/runtime/'))) },
    { figure: '  of which WXML (minified)', value: kb(byType(/\.wxml$/)) },
    { figure: '  of which WXSS (minified)', value: kb(byType(/\.wxss$/)) },
    { figure: '  of which JSON', value: kb(byType(/\.json$/)) },
    { figure: '  of which images', value: kb(byType(/\.(png|jpe?g|gif|svg)$/)) },
    { figure: 'clean compile (no error, warning or request)', value: String(first.ok), ok: first.ok },
    { figure: `compile time, median of ${RUNS}`, value: ms(summarize(runs.map((run) => run.compileMs)).median) },
    { figure: `whole run with quality check, median of ${RUNS}`, value: ms(summarize(runs.map((run) => run.totalMs)).median) },
  ]
  printSection('Code package (miniprogram-ci, as DevTools uploads it)', rows)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
