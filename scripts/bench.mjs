// `npm run bench`: bundles each tests/bench/<name>.bench.ts with esbuild and runs it in its own Node
// process, one after another (benchmarks must not share a CPU). Each prints its own section of figures.
// `npm run bench -- emulator function` runs only those.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const benchDir = path.join(root, 'tests/bench')
const wanted = process.argv.slice(2)
const names = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort()

const outdir = path.join(root, '.build/bench')
await build({
  entryPoints: names.map((name) => path.join(benchDir, `${name}.bench.ts`)),
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
})
console.log(`Bookcase benchmarks — ${new Date().toISOString()} — node ${process.version}, ${names.length} suites\n`)
for (const name of names) {
  execFileSync(process.execPath, ['--expose-gc', path.join(outdir, `${name}.bench.js`)], { stdio: 'inherit', cwd: root })
}
